"""The staff's guide (docs/huong-dan.md) followed end to end, as a new user would, on a copy of the sample.

One run of the yearly cycle, each step the guide's own command, with Excel's
part done by openpyxl: template -> fill the targets -> check -> publish the
assignment -> publish q1 with a bulletin -> publish the year -> close ->
correct the closed year -> verify. Every line the guide quotes in a ```text
block must be one this run (or a case of tests/cases/) printed, and every
command it runs must appear in the guide word for word.

The steps of issue 13 items 1-4 (a warning for results after current_period,
a year in preparation that does not stop the others, the assignment, close
keeping the site whole, unedited drafts refused) are checked at the end; the
same traps in more detail are in tests/test_cycle.py.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from scorecard.cli import main, parser
from site_fixture import ROOT, SAMPLE_DATA

GUIDE = (ROOT / "docs" / "huong-dan.md").read_text(encoding="utf-8")
CASES = ROOT / "tests" / "cases"
QUOTING = ("huong-dan.md", "khi-co-loi.md")  # pages whose ```text blocks are program output, word for word
SECONDS = re.compile(r"\d+(,\d+)? giây")


def run(command: str) -> tuple[int, str]:
    """Run one of the guide's commands in the current folder; its status and everything it printed."""
    assert command.startswith("python generate.py"), command
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        status = main(command.split()[2:])
    return status, out.getvalue()


def rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file))


def number(text: str):
    return float(text) if "." in text else int(text)


def fill_targets(project: Path) -> None:
    """What the user types in targets.xlsx: 2022's targets again, tasks with their due period and product."""
    kinds = {r["indicator_id"]: r["kind"] for r in rows(project / "data/2022/indicators.csv")}
    old = {(r["unit_id"], r["indicator_id"]): r for r in rows(project / "data/2022/targets.csv")}
    path = project / "data/2023/targets.xlsx"
    book = load_workbook(path)
    sheet = book.worksheets[0]
    head = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        was = old[(row[0].value, row[1].value)]
        if kinds[row[1].value] == "task":
            row[head.index("due")].value = was["due"] or None
            row[head.index("product")].value = was["product"] or None
        else:
            row[head.index("target")].value = number(was["target"])
    book.save(path)


def add_results(project: Path, period: str) -> None:
    """What the user adds to results.xlsx after a period: 2022's figures of the same period (9m's for y)."""
    source = {"y": "9m"}.get(period, period)
    path = project / "data/2023/results.xlsx"
    book = load_workbook(path)
    sheet = book.worksheets[0]
    head = [c.value for c in sheet[1]]
    for record in rows(project / "data/2022/results.csv"):
        if record["period"] != source:
            continue
        line = [None] * len(head)
        for column, value in record.items():
            if column in head and value:
                line[head.index(column)] = number(value) if column == "value" else value
        line[head.index("period")] = period
        sheet.append(line)
    book.save(path)


def set_period(project: Path, period: str, updated: str) -> None:
    """The guide's step 2 of publishing a period: current_period and updated in year.yml, typed in Notepad."""
    path = project / "data/2023/year.yml"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines()
             if not line.startswith(("current_period:", "updated:"))]
    path.write_text("\n".join(lines + [f"current_period: {period}", f"updated: {updated}"]) + "\n", encoding="utf-8")


def sign(project: Path, period: str) -> None:
    """What the author changes in the draft: number, signer, title, place."""
    path = project / f"data/2023/bulletins/{period}.md"
    text = path.read_text(encoding="utf-8")
    for key, value in (("number", "31-BT/BTCTU"), ("signer", "Trần Văn Hùng"), ("signer_title", "TRƯỞNG BAN"),
                       ("place", "Vĩnh Phúc")):
        text = re.sub(rf'^{key}: .*$', f'{key}: "{value}"', text, count=1, flags=re.M)
    path.write_text(text, encoding="utf-8")


class Cycle:
    """The guide's year, run once: each step's status and output, by name."""

    def __init__(self, project: Path):
        self.project = project
        self.steps: dict[str, tuple[int, str]] = {}
        self.commands: list[str] = []

    def do(self, name: str, command: str) -> tuple[int, str]:
        self.commands.append(command)
        self.steps[name] = run(command)
        return self.steps[name]

    def printed(self) -> set[str]:
        return {SECONDS.sub("N giây", line) for _, out in self.steps.values() for line in out.splitlines()}


@pytest.fixture(scope="module")
def cycle(tmp_path_factory) -> Cycle:
    project = tmp_path_factory.mktemp("guide")
    shutil.copytree(SAMPLE_DATA / "2022", project / "data" / "2022")  # a province's data: one year published
    done = Cycle(project)
    here = os.getcwd()
    os.chdir(project)  # the guide's commands run in the program's folder: data/ and site/ there
    try:
        done.do("first build", "python generate.py")
        done.do("site is data", "python generate.py --site data")  # docs/khi-co-loi.md: refused, nothing removed
        done.do("template", "python generate.py template 2023 --from 2022")
        done.do("check empty", "python generate.py check")
        done.do("build in preparation", "python generate.py")
        fill_targets(project)
        done.do("check filled", "python generate.py check")
        done.do("build assignment", "python generate.py")
        add_results(project, "q1")
        set_period(project, "q1", "2023-04-10")
        done.do("check q1", "python generate.py check")
        done.do("build q1", "python generate.py")
        done.do("draft q1", "python generate.py draft 2023 --period q1")
        done.do("draft q1 twice", "python generate.py draft 2023 --period q1")
        done.do("template twice", "python generate.py template 2023 --from 2022")
        done.do("build unedited draft", "python generate.py")
        sign(project, "q1")
        done.do("build signed draft", "python generate.py")
        done.do("close before the year's results", "python generate.py close 2023")
        for period in ("h1", "9m", "y"):
            add_results(project, period)
        done.do("build results after current_period", "python generate.py")
        done.do("close too early", "python generate.py close 2023")
        set_period(project, "y", "2024-01-15")
        done.do("build y", "python generate.py")
        os.environ["SOURCE_DATE_EPOCH"] = "1705708800"  # closed on 20/01/2024, as the guide quotes it
        try:
            done.do("close", "python generate.py close 2023")
        finally:
            del os.environ["SOURCE_DATE_EPOCH"]
        done.do("close twice", "python generate.py close 2023")
        book = load_workbook(project / "data/2023/results.xlsx")
        for row in book.worksheets[0].iter_rows(min_row=2):
            if (row[0].value, row[1].value, row[2].value) == ("yen-lac", "ket-nap", "y"):
                row[3].value += 1  # a correction found after closing
        book.save(project / "data/2023/results.xlsx")
        done.do("build after correcting a closed year", "python generate.py")
        done.do("close again", "python generate.py close 2023 --again")
        done.do("verify", "python generate.py verify")
        shutil.rmtree(project / "site")  # a fresh checkout: data/ only
        done.do("close on a fresh checkout", "python generate.py close 2023 --again")
        done.do("build after close", "python generate.py")
    finally:
        os.chdir(here)
    return done


def status(cycle: Cycle, step: str) -> int:
    return cycle.steps[step][0]


def output(cycle: Cycle, step: str) -> str:
    return cycle.steps[step][1]


def test_the_yearly_cycle_as_the_guide_tells_it(cycle):
    site = cycle.project / "site"
    assert status(cycle, "first build") == 0
    assert status(cycle, "site is data") == 1 and (cycle.project / "data" / "2022" / "year.yml").is_file()
    assert status(cycle, "template") == 0
    assert "năm 2023 không được đánh dấu là dữ liệu mẫu" in output(cycle, "template")
    assert status(cycle, "check empty") == 2  # every empty target listed
    assert output(cycle, "check empty").count("Chỉ tiêu số phải có giá trị target.") == 36
    assert status(cycle, "check filled") == 0
    assert status(cycle, "build assignment") == 0
    assert status(cycle, "check q1") == 0 and status(cycle, "build q1") == 0
    assert status(cycle, "draft q1") == 0 and status(cycle, "build signed draft") == 0
    assert status(cycle, "draft q1 twice") == 1 and status(cycle, "template twice") == 1  # nothing overwritten
    assert (site / "2023" / "ban-tin" / "q1.pdf").is_file()
    assert status(cycle, "close before the year's results") == 2
    assert "Nhập kết quả kỳ y (hoặc bỏ current_period)" in output(cycle, "close before the year's results")
    assert status(cycle, "close too early") == 2  # the year's results entered, current_period still q1
    assert "thành current_period: y, chạy python generate.py" in output(cycle, "close too early")
    assert status(cycle, "build y") == 0
    assert status(cycle, "close") == 0
    assert status(cycle, "close twice") == 1
    assert status(cycle, "build after correcting a closed year") == 0  # said, not silently ignored
    assert "Năm 2023 đã khóa sổ (bản lưu v1, khóa sổ ngày 20/01/2024) nhưng dữ liệu data/2023 đã thay đổi từ đó" in \
        output(cycle, "build after correcting a closed year")
    assert status(cycle, "close again") == 0
    # each version beside its closing date (v1.json...), which is outside the frozen record
    assert sorted(p.name for p in (cycle.project / "data/snapshots/2023").iterdir()) == [
        "v1", "v1.json", "v2", "v2.json", "v3", "v3.json"]
    assert status(cycle, "verify") == 0
    assert status(cycle, "close on a fresh checkout") == 0


def test_every_command_the_cycle_ran_is_in_the_guide(cycle):
    shown = GUIDE + (ROOT / "docs" / "khi-co-loi.md").read_text(encoding="utf-8")  # the guide and its error page
    missing = [c for c in cycle.commands if c not in shown]
    assert not missing, f"the guide does not show: {missing}"


def guide_commands() -> list[str]:
    """Every `python generate.py ...` the guide shows, in code blocks or inline."""
    found = re.findall(r"^(?:\s*)(python generate\.py[^\n`#]*)", GUIDE, re.M)
    found += re.findall(r"`(python generate\.py[^`]*)`", GUIDE)
    return sorted({c.strip() for c in found if not any(mark in c for mark in ("[", ">", "..."))})


@pytest.mark.parametrize("command", guide_commands())
def test_every_command_in_the_guide_is_one_the_program_accepts(command):
    try:
        parser().parse_args(command.split()[2:])
    except SystemExit as exit:
        pytest.fail(f"{command}: the command line refuses it (exit {exit.code})")


@pytest.mark.parametrize("page", QUOTING)
def test_every_message_the_docs_quote_is_printed_as_quoted(cycle, page):
    """Lines of the ```text blocks of the guide's pages are program output: this cycle's, or a case's of tests/cases/.

    (Use a plain ``` block for anything else: a folder's layout, a command's synopsis.)
    """
    printed = cycle.printed()
    for expected in CASES.glob("*/expected.txt"):
        printed |= set(expected.read_text(encoding="utf-8").splitlines())
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    # a block inside a list is indented as its fence is: that much is taken off each line
    quoted = [SECONDS.sub("N giây", line[len(indent):]) for indent, block in
              re.findall(r"^( *)```text\n(.*?)^ *```", text, re.S | re.M) for line in block.splitlines() if line]
    assert len(quoted) >= {"huong-dan.md": 15, "khi-co-loi.md": 30}[page]
    stale = [line for line in quoted if line not in printed]
    assert not stale, f"docs/{page} quotes what the program does not print:\n" + "\n".join(stale)


# --- the steps that wait for issue 13 items 1-4 ------------------------------------------------------------

def test_a_year_in_preparation_does_not_stop_the_others(cycle):
    assert status(cycle, "build in preparation") == 0
    said = output(cycle, "build in preparation")
    assert [line for line in said.splitlines() if "2023" in line and not line.startswith("[2023]")] == [
        "Năm 2023 đang chuẩn bị, chưa công bố: 36 chỉ tiêu trong 2023/targets.xlsx chưa điền; điền xong rồi chạy "
        "python generate.py check --year 2023. (2023 is in preparation, its targets empty: not published.)"]
    assert said.rstrip().splitlines()[-1] == "Đang công bố (published): 2022: 9 tháng."


def test_a_year_without_results_is_published_as_the_assignment(cycle):
    said = output(cycle, "build assignment")
    assert status(cycle, "build assignment") == 0
    assert said.rstrip().splitlines()[-1] == "Đang công bố (published): 2022: 9 tháng; 2023: giao chỉ tiêu."


def test_an_unedited_draft_is_refused(cycle):
    assert status(cycle, "build unedited draft") == 2
    said = output(cycle, "build unedited draft")
    assert "chưa điền người ký" in said and "Dữ liệu không hợp lệ: 4 lỗi" in said


def test_results_after_the_published_period_give_a_warning(cycle):
    said = output(cycle, "build results after current_period")
    assert status(cycle, "build results after current_period") == 0
    assert 'Cảnh báo (warning): 2023/year.yml, dòng 10, cột current_period, giá trị "q1"' in said
    assert ("Năm 2023 có kết quả của kỳ h1 (6 tháng đầu năm), 9m (9 tháng), y (Cả năm) nhưng year.yml đặt "
            "current_period: q1") in said
    assert "sửa dòng current_period: q1 trong year.yml thành current_period: y." in said
    assert said.rstrip().splitlines()[-1] == "Đang công bố (published): 2022: 9 tháng; 2023: Quý I."


def test_the_summary_names_the_published_period(cycle):
    assert output(cycle, "build q1").rstrip().splitlines()[-1] == "Đang công bố (published): 2022: 9 tháng; 2023: Quý I."
    assert output(cycle, "build y").rstrip().splitlines()[-1] == "Đang công bố (published): 2022: 9 tháng; 2023: Cả năm."
    assert output(cycle, "build after close").rstrip().splitlines()[-1] == (
        "Đang công bố (published): 2022: 9 tháng; 2023: Cả năm, đã khóa sổ.")


def test_close_on_a_fresh_checkout_keeps_the_other_years(cycle):
    """site/ removed, then close: 2022 is built beside the closed 2023, as a plain build would; each stage once."""
    site = cycle.project / "site"
    assert (site / "2022" / "index.html").is_file() and (site / "2022.zip").is_file()
    assert "Năm 2022" in (site / "index.html").read_text(encoding="utf-8")
    said = output(cycle, "close on a fresh checkout")
    for stage in ("Đọc và kiểm tra dữ liệu…", "Tính kết quả, điểm, xếp loại, thứ hạng…", "Tạo trang và biểu đồ…"):
        assert said.count(f"[2023] {stage}") == 1 and said.count(f"[2022] {stage}") == 1, stage
    assert status(cycle, "build after close") == 0
    assert "Xong: dựng 0 năm, bỏ qua 1 năm không đổi (2022)" in output(cycle, "build after close")  # nothing left to do
