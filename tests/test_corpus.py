"""The corpus of bad (and awkward but valid) inputs: tests/cases/<case>/, one folder per case.

Each case derives a year folder from the contract's worked example
(tests/example/data/2030), runs `generate.py check` on it through
scorecard.cli.main, and compares what is printed on stderr with the case's
expected.txt line for line: the messages themselves are part of the contract
with the people who prepare the data. tests/cases/README.md describes case.yml.

To write expected.txt for a new case, run
    SCORECARD_REGENERATE=1 python -m pytest tests/test_corpus.py -k <case>
and then READ the file: it must name the file, the row as a spreadsheet shows
it, the column and the value, say what is wrong and how to fix it.
"""

from __future__ import annotations

import base64
import csv
import io
import math
import os
import re
import shutil
import unicodedata
from pathlib import Path

import pytest
import yaml

from conftest import REGENERATE_FLAG, csv_to_workbook, regenerate
from scorecard.cli import main
from scorecard.load import read_year
from scorecard.problems import Problems
from scorecard.validate import validate_year

EXAMPLE = Path(__file__).resolve().parent / "example" / "data" / "2030"  # the contract's worked example, bundled
CASES = Path(__file__).resolve().parent / "cases"

# What the issue asks the corpus to cover, each with the case that covers it.
REQUIRED = {
    "UTF-8 with BOM": "utf8-bom",
    "Windows-1258": "windows-1258",
    "TCVN3 (ABC) refused": "tcvn3-bytes",
    "VNI refused": "vni-text",
    "UTF-16 with BOM and tabs": "utf16-bom-tabs",
    "NFD text": "nfd-text",
    "NFD/NFC twin ids": "nfd-nfc-twin-ids",
    "; delimiter": "delimiter-semicolon",
    ", delimiter": "delimiter-comma",
    "tab delimiter": "delimiter-tab",
    "title row above the header": "title-row-above-header",
    "trailing empty rows and columns": "trailing-empty-rows-columns",
    "duplicated header names": "duplicated-header",
    "1.804": "thousands-dot-in-comma-file",
    "1.234.567,89": "vi-thousands-and-decimal-in-comma-file",
    "12,5%": "percent-on-rate",
    "1,8 in a count": "decimal-comma-in-count",
    "=SUM(A1:A3)": "formula-in-number",
    "id with spaces": "id-with-space",
    "id with diacritics": "id-with-diacritics",
    "id with ../": "id-with-dotdot",
    "id with /": "id-with-slash",
    "id that Windows keeps for a device (con, nul)": "id-windows-reserved-name",
    "id with a no-break space": "id-with-nbsp",
    "id with a zero-width space": "id-with-zero-width-space",
    "001 kept as text": "id-leading-zeros",
    "unterminated quote": "unterminated-quote",
    "over-long cell": "over-long-cell",
    "unknown column": "unknown-column",
    "unknown period": "unknown-period",
    "unknown unit": "unknown-unit",
    "unknown indicator": "unknown-indicator",
    "unknown parent": "unknown-parent",
    "parent cycle": "parent-cycle",
    "duplicated rows": "duplicated-result-row",
    "missing file": "missing-file",
    "empty file": "empty-file",
    "broken YAML": "broken-yaml",
    "zero weight": "weight-zero",
    "negative weight": "weight-negative",
    "task status outside the vocabulary": "task-status-unknown",
    "decided rating outside the vocabulary": "decided-rating-unknown",
    "result without a target": "result-without-target",
    "count typed as a decimal": "count-typed-as-decimal",
    "all problems of a run together, sorted": "many-problems-sorted",
    # issue 12: limits and clear messages (tests/test_limits.py runs the costly ones in a process of their own)
    "sparse 1 GB table refused by its size": "limit-table-file-size",
    "year.yml over its size": "limit-year-yml-size",
    "YAML anchors and aliases (billion laughs)": "yaml-anchors-aliases",
    "YAML nesting depth": "yaml-deep-nesting",
    "long year.yml value": "yaml-long-value",
    "too many columns": "too-many-columns",
    "a cell far too long to parse": "cell-far-too-long",
    "stray files warned, not read": "stray-files-ignored",
    "results.csv a folder": "results-csv-is-a-folder",
    "results.csv a FIFO": "results-csv-is-a-fifo",
    "Results.CSV": "results-csv-uppercase",
    "old .xls": "results-old-xls",
    "results.csv.txt": "results-csv-txt",
    "NUL, BEL, ESC in cells": "control-characters-in-cells",
    "ESC in year.yml": "yaml-control-character",
    "U+202E in a name": "bidi-override-in-cell",
    "value of 10^15": "value-too-large",
    "target too close to 0": "target-too-small",
    "weight beyond its bound": "weight-too-large",
    "the same error on many rows": "repeated-error-bounded",
    "bulletin: nested loops": "bulletin-nested-loops",
    "bulletin: loop budget": "bulletin-loop-budget",
    "bulletin: lipsum": "bulletin-lipsum",
    "bulletin: 9**(9**9)": "bulletin-power",
    "bulletin: 'a' * 10**9": "bulletin-string-repeat",
    "bulletin: text doubled by ~": "bulletin-doubling",
    "bulletin: macro recursion": "bulletin-macro",
    "bulletin: str.format": "bulletin-method-call",
    "bulletin: 25 KB of [": "bulletin-markdown-brackets",
    "bulletin: deep list": "bulletin-deep-list",
    "bulletin: headings with no blank line between them": "bulletin-markdown-headings",
    "bulletin: 230 KB of escapes": "bulletin-markdown-backslashes",
    "bulletin: control character": "bulletin-control-character",
    "bulletin: aliases in front matter": "bulletin-front-matter-aliases",
    # the new-user walkthrough: messages name the files the year has and say what to type
    "references name units.xlsx, not units.csv": "references-in-workbooks",
    "a year mixing CSV and workbooks": "references-in-mixed-csv-and-workbooks",
    "one 2,2 in a ',' file: the value first, number_format second": "decimal-comma-in-comma-file",
    "text 1.804 in a workbook's count": "thousands-dot-text-count-in-workbook",
    "text 1.500 in a workbook's rate: read plain, warned": "thousands-dot-text-rate-in-workbook",
    "Excel left open (~$results.xlsx)": "excel-lock-file",
    "a wrong current_period does not hide the tables' errors": "yaml-bad-current-period-and-table-errors",
}

OPERATIONS = ("about", "exit", "delete", "rename", "make", "write", "write_bytes", "replace", "append", "prepend",
              "repeat", "delimiter", "normalize", "encode", "truncate", "workbook", "expect_values")


def case_names() -> list[str]:
    return sorted(p.name for p in CASES.iterdir() if (p / "case.yml").is_file()) if CASES.is_dir() else []


def load_case(name: str) -> dict:
    spec = yaml.safe_load((CASES / name / "case.yml").read_text(encoding="utf-8")) or {}
    unknown = set(spec) - set(OPERATIONS)
    assert not unknown, f"{name}/case.yml: unknown keys {sorted(unknown)}"
    assert spec.get("about"), f"{name}/case.yml: say what the case is about"
    assert spec.get("exit") in (0, 2), f"{name}/case.yml: exit must be 0 or 2"
    return spec


# --- building a case's data folder ------------------------------------------

def text_of(folder: Path, name: str) -> str:
    return (folder / name).read_bytes().decode("utf-8")


def put(folder: Path, name: str, text: str) -> None:
    (folder / name).parent.mkdir(parents=True, exist_ok=True)  # bulletins/<period>.md
    (folder / name).write_bytes(text.encode("utf-8"))


def resplit(text: str, delimiter: str) -> str:
    """Rewrite a CSV text with another delimiter, quoting cells as a spreadsheet would."""
    old = ";" if ";" in text.splitlines()[0] else ","
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=old))
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows(records)
    return out.getvalue()


def build_case(name: str, spec: dict, tmp_path: Path) -> Path:
    """Copy the example, lay the case's literal files over it, apply case.yml; return the data dir."""
    if not (EXAMPLE / "year.yml").is_file():
        pytest.fail(f"The worked example is missing: {EXAMPLE} (tests/example/data/2030, the project's copy of the contract's example)")
    data = tmp_path / "data"
    folder = data / "2030"
    shutil.copytree(EXAMPLE, folder)
    folder.chmod(0o755)  # in case the checkout is read-only
    for path in folder.iterdir():
        path.chmod(0o644)
    literal = CASES / name / "data"
    if literal.is_dir():
        for path in sorted(literal.iterdir()):
            shutil.copyfile(path, folder / path.name)
    for file in spec.get("delete", []):
        (folder / file).unlink()
    for old, new in spec.get("rename", {}).items():
        (folder / old).rename(folder / new)
    for file, kind in spec.get("make", {}).items():
        if kind == "folder":
            (folder / file).mkdir()
        else:
            assert kind == "fifo", f"{name}: make takes folder or fifo"
            os.mkfifo(folder / file)
    for file, text in spec.get("write", {}).items():
        put(folder, file, text)
    for file, content in spec.get("write_bytes", {}).items():
        (folder / file).write_bytes(base64.b64decode(content["base64"]) if "base64" in content
                                    else bytes.fromhex(content["hex"]))
    for file, pairs in spec.get("replace", {}).items():
        text = text_of(folder, file)
        for old, new in pairs:
            assert text.count(old) == 1, f"{name}: {old!r} should occur once in {file}"
            text = text.replace(old, new)
        put(folder, file, text)
    for file, lines in spec.get("append", {}).items():
        put(folder, file, text_of(folder, file) + "".join(line + "\n" for line in lines))
    for file, text in spec.get("prepend", {}).items():
        put(folder, file, text + text_of(folder, file))
    for file, (line, times) in spec.get("repeat", {}).items():
        put(folder, file, text_of(folder, file) + (line + "\n") * times)
    for file, delimiter in spec.get("delimiter", {}).items():
        put(folder, file, resplit(text_of(folder, file), delimiter))
    for file, form in spec.get("normalize", {}).items():
        put(folder, file, unicodedata.normalize(form, text_of(folder, file)))
    for file, encoding in spec.get("encode", {}).items():
        (folder / file).write_bytes(text_of(folder, file).encode(encoding))
    for file, size in spec.get("truncate", {}).items():  # a sparse file of that size: no disk used
        os.truncate(folder / file, size) if (folder / file).exists() else open(folder / file, "wb").truncate(size)
    for file in spec.get("workbook", []):  # last: the edits above are made to the CSV's text
        csv_to_workbook(folder, file)
    return data


# --- checking parsed values of accepted cases ---------------------------------

def same(a, b) -> bool:
    if isinstance(a, float) and isinstance(b, (int, float)) and not isinstance(b, bool):
        return (math.isnan(a) and math.isnan(b)) or a == b
    return a == b


def check_values(year, expected: dict) -> None:
    """`table.column` compares the whole column; `table.column[i]` one cell; a plain key a Year field."""
    for key, want in expected.items():
        if "." not in key:
            assert getattr(year, key) == want, key
            continue
        table, column = key.split(".", 1)
        index = None
        if column.endswith("]"):
            column, index = column[:-1].split("[")
        values = list(getattr(year, table)[column])
        got = values if index is None else values[int(index)]
        if index is None:
            assert len(got) == len(want) and all(map(same, got, want)), f"{key}: {got!r} != {want!r}"
        else:
            assert same(got, want), f"{key}: {got!r} != {want!r}"


# --- the tests ------------------------------------------------------------------

def problem_lines(stderr: str) -> list[str]:
    """stderr without the closing summary ("Dữ liệu không hợp lệ: N lỗi ...") that follows the problems."""
    lines = stderr.splitlines()
    while lines and (lines[-1] == "" or lines[-1].startswith(("Dữ liệu không hợp lệ:", "Chưa ghi gì"))):
        lines.pop()
    return lines


@pytest.mark.parametrize("name", case_names())
def test_case(name, tmp_path, capsys):
    spec = load_case(name)
    data = build_case(name, spec, tmp_path)
    status = main(["check", "--data", str(data), "-q"])
    out, err = capsys.readouterr()
    expected_file = CASES / name / "expected.txt"
    printed = problem_lines(err)
    if regenerate():
        expected_file.write_text("".join(line + "\n" for line in printed), encoding="utf-8")
    assert "Traceback" not in err and "Lỗi (failure)" not in err
    assert status == spec["exit"], f"exit {status}, stderr:\n{err}"
    assert expected_file.is_file(), f"{name}: expected.txt is missing ({REGENERATE_FLAG}=1 writes it; then read it)"
    assert printed == expected_file.read_text(encoding="utf-8").splitlines()
    errors = sum(line.startswith("Lỗi (error): ") for line in printed) + sum(
        int(m.replace(".", "")) for m in re.findall(r"… và ([0-9.]+) lỗi khác", err))
    if status == 2:
        assert errors >= 1
        assert f"Dữ liệu không hợp lệ: {errors} lỗi (invalid input: {errors} error{'s' if errors > 1 else ''})." in err
        assert out == ""
    else:
        assert errors == 0
        assert out.startswith("Dữ liệu hợp lệ: 1 năm (2030)")
    if "expect_values" in spec:
        assert status == 0, "expect_values is for accepted cases"
        problems = Problems()
        year = validate_year(read_year(data / "2030", problems), problems)
        assert year is not None and not problems.errors
        check_values(year, spec["expect_values"])


def test_every_printed_problem_names_its_file_and_says_how_to_fix_it():
    """Each problem names its file, says what is wrong (Vietnamese, English in brackets); each error has a hint."""
    for name in case_names():
        lines = (CASES / name / "expected.txt").read_text(encoding="utf-8").splitlines()
        for i, line in enumerate(lines):
            if not line.startswith(("Lỗi (error): ", "Cảnh báo (warning): ")):
                continue
            assert line.split(": ", 1)[1].startswith("2030/"), f"{name}: {line}"
            assert lines[i + 1].startswith("  ") and lines[i + 1].endswith(")"), f"{name}: {lines[i + 1]}"
            if line.startswith("Lỗi"):
                assert lines[i + 2].startswith("  Gợi ý (Hint): "), f"{name}: no hint after {line}"


def test_errors_are_sorted_by_file_and_row():
    for name in case_names():
        lines = (CASES / name / "expected.txt").read_text(encoding="utf-8").splitlines()
        keys = []
        for line in lines:
            if line.startswith("Lỗi (error): "):
                parts = line.removeprefix("Lỗi (error): ").split(", ")
                row = next((int(p.removeprefix("dòng ")) for p in parts if p.startswith("dòng ")), 0)
                keys.append((parts[0], row))
        assert keys == sorted(keys), name


def test_the_corpus_is_large_and_covers_the_issue():
    names = case_names()
    assert len(names) >= 45, f"only {len(names)} cases"
    missing = {what: case for what, case in REQUIRED.items() if case not in names}
    assert not missing, f"cases missing: {missing}"
    assert sum(load_case(n)["exit"] == 0 for n in names) >= 8, "accepted inputs belong in the corpus too"
