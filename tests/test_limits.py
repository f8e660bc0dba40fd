"""Every input is bounded (issue 12): each hostile input, tried as a careless or hostile user would, ends
with exit 2 naming the file and the limit it hit, stays under 500 MB, and leaves the published site
byte for byte as it was. Each case runs `generate.py` in its own process, whose peak memory is read
from os.wait4; the seconds each case took are printed (pytest -s), never asserted: a case that hangs
is killed after HANG_SECONDS and fails.

Cases come from the corpus (tests/cases/<name>, made small and sparse by the case) or are made here
(workbooks, which need a zip written by the test). scorecard/limits.py declares the limits.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from scorecard import inputs, limits as limits_module, pipeline
from conftest import fill_in_draft
from scorecard.cli import main
from site_fixture import ROOT, example_dir, tree_digest
from test_corpus import build_case, load_case
from test_workbooks import to_workbook

MEMORY_MB = 500
HANG_SECONDS = 90  # a hang guard for a shared machine, not a speed figure


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """The contract's example year built into a site once; each case runs against it."""
    base = tmp_path_factory.mktemp("published")
    data = base / "data"
    shutil.copytree(example_dir() / "data", data)
    site = base / "site"
    assert main(["--data", str(data), "--site", str(site), "-q"]) == 0
    return site


def run_generate(args: list[str], cwd: Path) -> tuple[int, str, float, float]:
    """generate.py in a process of its own: exit status, stderr, CPU seconds (user and system: the wall
    clock of a shared machine says little) and peak resident memory (MB, with the workers it waited for);
    killed after HANG_SECONDS of wall clock."""
    err_path = cwd / "stderr.txt"
    with open(err_path, "w") as err, open(os.devnull, "w") as out:
        process = subprocess.Popen([sys.executable, str(ROOT / "generate.py"), *args], stdout=out, stderr=err,
                                   cwd=cwd)
        hung = threading.Event()
        timer = threading.Timer(HANG_SECONDS, lambda: (hung.set(), os.kill(process.pid, signal.SIGKILL)))
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
    assert not hung.is_set(), f"killed after {HANG_SECONDS} s: it hung"
    process.returncode = os.waitstatus_to_exitcode(status)
    return (process.returncode, err_path.read_text(encoding="utf-8"), usage.ru_utime + usage.ru_stime,
            usage.ru_maxrss / 1024)


def example_copy(tmp_path: Path) -> tuple[Path, Path]:
    """A writable copy of the example's data; returns (data, year folder)."""
    data = tmp_path / "data"
    shutil.copytree(example_dir() / "data", data)
    for path in [data, *data.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return data, data / "2030"


# --- workbooks made by the tests ------------------------------------------------------

def rewrite_workbook(path: Path, parts: dict[str, object]) -> None:
    """Replace or add parts of a workbook; a part given as (chunk, times) is streamed, never held whole."""
    with zipfile.ZipFile(path) as source:
        kept = {info.filename: source.read(info) for info in source.infolist() if info.filename not in parts}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in kept.items():
            archive.writestr(name, data)
        for name, content in parts.items():
            if isinstance(content, bytes):
                archive.writestr(name, content)
                continue
            head, chunk, times, tail = content
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(info, "w", force_zip64=True) as handle:
                handle.write(head)
                block = chunk * max(1, (1 << 20) // len(chunk))
                for _ in range(times * len(chunk) // len(block)):
                    handle.write(block)
                handle.write(tail)


def results_workbook(folder: Path) -> Path:
    return to_workbook(folder, "results")


def xlsx_sparse(folder: Path) -> None:
    """A results.xlsx of 1 GB (sparse): refused by its size before it is opened."""
    (folder / "results.csv").unlink()
    with open(folder / "results.xlsx", "wb") as handle:
        handle.truncate(1 << 30)


def xlsx_bomb(folder: Path) -> None:
    """A workbook of a few hundred KB whose sheet unpacks to 150 MB."""
    path = results_workbook(folder)
    rewrite_workbook(path, {"xl/worksheets/sheet1.xml": (b'<?xml version="1.0"?><worksheet>', b" ", 150 << 20,
                                                         b"</worksheet>")})


def xlsx_shared_strings(folder: Path) -> None:
    """Ten million unused shared strings (50 MB unpacked, well under the part limit)."""
    path = results_workbook(folder)
    rewrite_workbook(path, {"xl/sharedStrings.xml": (
        b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
        b"<si/>", 10_000_000, b"</sst>")})


def xlsx_merged_everything(folder: Path) -> None:
    """One merged range over a whole sheet: openpyxl would make seventeen billion cells for it."""
    path = results_workbook(folder)
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    sheet = sheet.replace(b"</sheetData>", b'</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/>'
                                           b"</mergeCells>")
    rewrite_workbook(path, {"xl/worksheets/sheet1.xml": sheet})


def xlsx_far_corner(folder: Path) -> None:
    """A cell at XFD1048576: reading every row of the used range would make seventeen billion cells."""
    to_workbook(folder, "results", edit=lambda sheet: sheet.cell(1048576, 16384, "x"))


def many_rows(folder: Path) -> None:
    """A results.csv of a million and one rows of one short cell."""
    with open(folder / "results.csv", "a", encoding="utf-8") as handle:
        handle.write("x\n" * 1_000_001)


def one_long_line(folder: Path) -> None:
    """A results.csv of 45 MB (under its size limit) on one line of 15 million short cells."""
    with open(folder / "results.csv", "a", encoding="utf-8") as handle:
        handle.write("xy;" * (15 << 20))


def many_errors(folder: Path) -> None:
    """200,000 results of units that do not exist: each an error, printed 50 times and counted."""
    with open(folder / "results.csv", "a", encoding="utf-8") as handle:
        handle.writelines(f"khong-co-{i};ket-nap;q1;10;;\n" for i in range(200_000))


def year_outside(folder: Path) -> None:
    """A folder 1850 beside 2030: refused before any year is read."""
    shutil.copytree(folder, folder.parent / "1850")


MADE = {
    "xlsx-sparse-1gb": (xlsx_sparse, ["2030/results.xlsx", "table_file_mb"]),
    "xlsx-bomb": (xlsx_bomb, ["2030/results.xlsx", "xl/worksheets/sheet1.xml", "xlsx_part_mb"]),
    "xlsx-10-million-shared-strings": (xlsx_shared_strings, ["2030/results.xlsx", "xlsx_elements"]),
    "xlsx-merged-whole-sheet": (xlsx_merged_everything, ["2030/results.xlsx", "xlsx_cells"]),
    "xlsx-cell-at-xfd1048576": (xlsx_far_corner, ["2030/results.xlsx", "trang tính results", "XFD1048576",
                                                  "xlsx_cells"]),
    "csv-million-rows": (many_rows, ["2030/results.csv", "rows"]),
    "csv-one-45mb-line": (one_long_line, ["2030/results.csv, dòng 30", "columns"]),
    "200000-errors": (many_errors, ["2030/results.csv", "… và 199.950 lỗi khác cùng loại"]),
    "year-1850": (year_outside, ["1850", "year_min"]),
}

# Corpus cases about time and memory, with what their message must name (file and limit). The corpus
# (tests/test_corpus.py) checks every case's messages in full, these included; the cases run here in a
# process of their own are those where a missing limit would cost minutes or gigabytes.
CORPUS = {
    "limit-table-file-size": ["2030/results.csv", "table_file_mb"],
    "limit-year-yml-size": ["2030/year.yml", "year_yml_kb"],
    "results-csv-is-a-fifo": ["2030/results.csv", "FIFO"],
    "too-many-columns": ["2030/units.csv, dòng 7", "columns"],
    "cell-far-too-long": ["2030/units.csv, dòng 7", "cell_chars"],
    "yaml-anchors-aliases": ["2030/year.yml, dòng 9", "bí danh"],
    "yaml-deep-nesting": ["2030/year.yml, dòng 9", "yaml_depth"],
    "value-too-large": ["2030/results.csv, dòng 2", "number_abs"],
    "bulletin-front-matter-aliases": ["2030/bulletins/y.md, dòng 2", "bí danh"],
    "bulletin-nested-loops": ["2030/bulletins/y.md, dòng 9", "bulletin_range"],
    "bulletin-loop-budget": ["2030/bulletins/y.md, dòng 9", "bulletin_loop_items"],
    "bulletin-lipsum": ["2030/bulletins/y.md, dòng 9", "lipsum"],
    "bulletin-power": ["2030/bulletins/y.md, dòng 9", "lũy thừa"],
    "bulletin-string-repeat": ["2030/bulletins/y.md, dòng 9", "bulletin_text_chars"],
    "bulletin-doubling": ["2030/bulletins/y.md, dòng 17", "bulletin_text_chars"],
    "bulletin-macro": ["2030/bulletins/y.md, dòng 9", "macro"],
    "bulletin-method-call": ["2030/bulletins/y.md, dòng 9", "format"],
    "bulletin-markdown-brackets": ["2030/bulletins/y.md, dòng 9", "markdown_cost"],
    "bulletin-deep-list": ["2030/bulletins/y.md, dòng 26", "markdown_nesting"],
    "bulletin-markdown-headings": ["2030/bulletins/y.md, dòng 9", "markdown_cost"],
    "bulletin-markdown-backslashes": ["2030/bulletins/y.md, dòng 9", "markdown_cost"],
}


@pytest.mark.parametrize("case", sorted(CORPUS) + sorted(MADE))
def test_each_hostile_input_ends_with_exit_2_naming_file_and_limit(case, published, tmp_path):
    before = tree_digest(published)
    if case in CORPUS:
        data, named = build_case(case, load_case(case), tmp_path), CORPUS[case]
    else:
        data, folder = example_copy(tmp_path)
        make, named = MADE[case]
        make(folder)
    status, err, seconds, peak = run_generate(["--data", str(data), "--site", str(published), "--force", "-q"],
                                              tmp_path)
    print(f"{case}: exit {status}, {seconds:.2f} s CPU, {peak:.0f} MB")
    assert status == 2, err
    assert "Traceback" not in err
    for text in named:
        assert text in err, (text, err)
    assert peak < MEMORY_MB, f"{case}: {peak:.0f} MB"
    assert tree_digest(published) == before


def test_a_stray_2gb_file_is_neither_read_nor_hashed(tmp_path):
    data, folder = example_copy(tmp_path)
    with open(folder / "sao-luu.zip", "wb") as handle:
        handle.truncate(2 << 30)
    status, err, seconds, peak = run_generate(["--data", str(data), "--site", str(tmp_path / "site"), "-q"],
                                              tmp_path)
    print(f"stray 2 GB file: exit {status}, {seconds:.2f} s CPU, {peak:.0f} MB")
    assert status == 0, err
    assert 'Cảnh báo (warning): 2030/, giá trị "sao-luu.zip"' in err
    assert peak < MEMORY_MB
    manifest = (tmp_path / "site" / "2030" / "manifest.json").read_text(encoding="utf-8")
    assert "sao-luu.zip" not in manifest


def test_only_the_contracts_files_are_hashed_each_read_once_within_its_limit(tmp_path, monkeypatch):
    data, folder = example_copy(tmp_path)
    (folder / "ghi-chu.txt").write_text("x", encoding="utf-8")
    with open(folder / "results.csv", "ab") as handle:
        handle.truncate((60 << 20))  # over the table limit: represented by its size, not read
    reads = []
    real_open = open

    class Watched:
        """A file whose reads are recorded."""

        def __init__(self, path):
            self.name, self.handle = Path(path).name, real_open(path, "rb")

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def read(self, size=-1):
            reads.append((self.name, size))
            return self.handle.read(size)

    def watched(path, mode="r"):
        assert mode == "rb"
        return Watched(path)

    monkeypatch.setattr(inputs, "open", watched, raising=False)
    hashes = inputs.YearInputs(folder, limits_module.DEFAULT).hashes()
    assert sorted(hashes) == ["groups.csv", "indicators.csv", "results.csv", "targets.csv", "units.csv", "year.yml"]
    assert hashes["results.csv"].startswith("size:")
    # each file read once, never past its size limit (the loader then parses these same bytes)
    assert sorted(name for name, _ in reads) == ["groups.csv", "indicators.csv", "targets.csv", "units.csv", "year.yml"]
    assert all(size == inputs.size_limit(folder / name, limits_module.DEFAULT)[0] + 1 for name, size in reads)


def test_max_file_mb_raises_the_table_size_limit(tmp_path, capsys):
    data, folder = example_copy(tmp_path)
    with open(folder / "units.csv", "a", encoding="utf-8") as handle:
        handle.write((" " * 99 + "\n") * 20_000)  # 2 MB of blank rows: a valid table over a 1 MB limit
    assert main(["check", "--data", str(data), "--max-file-mb", "1", "-q"]) == 2
    assert "(table_file_mb)" in capsys.readouterr().err
    assert main(["check", "--data", str(data), "--max-file-mb", "3", "-q"]) == 0


def test_an_unreadable_file_says_it_cannot_be_read(tmp_path, capsys, monkeypatch):
    data, folder = example_copy(tmp_path)
    real_open = open

    def refusing(path, *args, **kwargs):
        if Path(path).name == "targets.csv":
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(inputs, "open", refusing, raising=False)
    assert main(["check", "--data", str(data), "-q"]) == 2
    err = capsys.readouterr().err
    assert "Lỗi (error): 2030/targets.csv\n  Không đọc được tệp (Permission denied)." in err
    assert "quyền ghi" not in err


@pytest.mark.parametrize("error, words", [(MemoryError(), "MemoryError"), (RecursionError(), "RecursionError")])
def test_memory_and_recursion_errors_never_print_an_empty_message(tmp_path, capsys, monkeypatch, error, words):
    data, _ = example_copy(tmp_path)

    def failing(*args, **kwargs):
        raise error

    monkeypatch.setattr(pipeline, "load_reports", failing)
    assert main(["check", "--data", str(data), "-q"]) == 1
    line = capsys.readouterr().err.splitlines()[0]
    assert line.startswith("Lỗi (failure): ") and words in line and len(line) > 40


@pytest.mark.parametrize("year", ["1999", "2100", "0000"])
def test_a_year_outside_2000_2099_is_refused_up_front(tmp_path, capsys, year):
    data, folder = example_copy(tmp_path)
    assert main(["check", "--data", str(data), "--year", year, "-q"]) == 2
    assert f"Năm {year} nằm ngoài khoảng 2000–2099" in capsys.readouterr().err
    folder.rename(data / year)
    assert main(["check", "--data", str(data), "-q"]) == 2
    assert main(["template", "2100", "--data", str(data)]) == 2


# --- workbooks: what is found is said, with workbook, sheet and cell -------------------

def test_a_hidden_first_sheet_is_refused_not_read(tmp_path, capsys):
    data, folder = example_copy(tmp_path)

    def hide(sheet):
        other = sheet.parent.create_sheet("bang-khac")
        other.append(["ghi chú"])
        sheet.sheet_state = "hidden"
        sheet.parent.active = 1

    to_workbook(folder, "units", edit=hide)
    assert main(["check", "--data", str(data), "-q"]) == 2
    err = capsys.readouterr().err
    assert 'Lỗi (error): 2030/units.xlsx, trang tính units, giá trị "units"' in err
    assert "Trang tính đầu tiên đang bị ẩn" in err and "Unhide" in err


def test_warnings_about_a_workbook_name_workbook_sheet_and_cell(tmp_path, capsys):
    data, folder = example_copy(tmp_path)
    # the example's results in plain numbers, then huyen-a's own ket-nap value at q1 below its communes'
    # sum (a warning of compute) and a value typed on a task's row (a warning of validate)
    lines = (folder / "results.csv").read_text(encoding="utf-8").splitlines()
    lines = [line.replace(",", ".").replace(";", ",") for line in lines]
    lines += ["huyen-a,ket-nap,q1,1,,", "huyen-b,de-an,q1,5,in_progress,"]
    lines = [line for line in lines if not line.startswith("huyen-b,de-an,q1,")] + [lines[-1]]
    (folder / "results.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    to_workbook(folder, "results")
    rows = len(lines) - 2
    assert main(["check", "--data", str(data), "-q"]) == 0
    err = capsys.readouterr().err
    assert f"Cảnh báo (warning): 2030/results.xlsx, trang tính results, ô D{rows + 1}, dòng {rows + 1}, cột value" in err
    assert f"Cảnh báo (warning): 2030/results.xlsx, trang tính results, ô D{rows + 2}, dòng {rows + 2}, cột value" in err


# --- draft: data never becomes template code ------------------------------------------

HOSTILE_NAMES = ["{%endraw%}{{ 7*7 }}", "{% ENDRAW %}{{ 6*6 }}", "{%- endraw -%}{{ 5*5 }}", "{% raw %}x",
                 "{# ẩn #}", "}}{{ lipsum() }}", "&#123;&#123; 4*4 &#125;&#125;", "{%endraw%}{% for i in range(9) %}"]


def test_draft_never_turns_names_into_template_code(make_year, tmp_path):
    names = {f"u{i}": name for i, name in enumerate(HOSTILE_NAMES)}
    units = "unit_id,name,group_id,parent_id\n" + "".join(
        f'{unit},"{name.replace(chr(34), chr(34) * 2)}",g,\n' for unit, name in names.items())
    targets = "unit_id,indicator_id,target\n" + "".join(f"{unit},n,100\n" for unit in names)
    results = "unit_id,indicator_id,period,value,status\n" + "".join(f"{unit},n,h1,30,\n" for unit in names)
    data = make_year(targets=targets, results=results, units=units,
                     indicators="indicator_id,name,kind\nn,\"{{ 3*3 }} chỉ tiêu {%endraw%}\",count\n")
    assert main(["draft", "2021", "--data", str(data), "-q"]) == 0
    draft = (data / "2021" / "bulletins" / "h1.md").read_text(encoding="utf-8")
    ours = re.sub(r"\{\{ (total|result)\([^{}]*\) \}\}", "", draft.split("#}", 1)[1])  # our figures and note
    assert "{" not in ours and "}" not in ours
    fill_in_draft(data / "2021" / "bulletins" / "h1.md")
    site = tmp_path / "site"
    assert main(["--data", str(data), "--site", str(site), "-q"]) == 0
    text = html.unescape((site / "2021" / "ban-tin" / "h1.html").read_text(encoding="utf-8"))
    for name in HOSTILE_NAMES:
        assert name.replace("&#123;", "{").replace("&#125;", "}") in text or name in text, name
    assert "{{ 3*3 }} chỉ tiêu {%endraw%}" in text  # the indicator's name, lowercased by the draft


# --- the bulletin sandbox, directly ---------------------------------------------------

def evaluate(body: str, limits=limits_module.DEFAULT) -> str:
    """A bulletin body evaluated in the bounded sandbox (no figures needed)."""
    from scorecard.bulletins import environment

    env = environment(limits)
    return env.render_bounded(env.parse(body))


@pytest.mark.parametrize("body, expected", [
    ("{% for i in range(3) %}{{ loop.index }}{% endfor %}", "123"),
    ("{% set a = 'Yên' %}{% if a %}{{ a ~ ' Lạc' }}{% endif %}", "Yên Lạc"),
    ("{{ 'abc'|upper }} {{ [3, 1, 2]|sort|first }} {{ 2 ** 10 }} {{ 7 // 2 }} {{ 1.5 * 2 }}", "ABC 1 1024 3 3.0"),
    ("{% raw %}{{ chữ }}{% endraw %} {# ghi chú #}", "{{ chữ }} "),
    ("{{ 'ab' * 3 }}{{ [1] + [2] }}", "ababab[1, 2]"),
])
def test_what_a_bulletin_may_do_still_works(body, expected):
    assert evaluate(body) == expected


@pytest.mark.parametrize("body, limit, words", [
    ("{% for i in range(10) %}x{% endfor %}", {"bulletin_seconds": 0}, "bulletin_seconds"),
    ("{% for i in range(100) %}{{ 'x' * 100 }}{% endfor %}", {"bulletin_output_chars": 5000}, "bulletin_output_chars"),
    ("{% for i in range(20) %}{% for j in range(20) %}x{% endfor %}{% endfor %}", {"bulletin_loop_items": 100},
     "bulletin_loop_items"),
    ("{{ 'x' ~ 'y' * 30 }}", {"bulletin_text_chars": 20}, "bulletin_text_chars"),
    ("{{ 1e308 * 10 }}", {}, "vô hạn"),
    ("{{ '%s' % 1 }}", {}, "phép %"),
    ("{{ 'a'.upper() }}", {}, None),
])
def test_the_sandbox_stops_at_each_limit(body, limit, words):
    from dataclasses import replace

    from jinja2.exceptions import SecurityError
    from scorecard.bulletins import BulletinLimit

    with pytest.raises((BulletinLimit, SecurityError)) as caught:
        evaluate(body, replace(limits_module.DEFAULT, **limit))
    if words is not None:
        assert words in caught.value.message
