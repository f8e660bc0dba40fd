"""The contract's worked example (tests/example, a copy of shared/spec/example) built and compared figure by figure.

Numbers must agree to 1e-9, statuses and ids exactly, rows in the same order,
null where the expected export is null or empty.
"""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path

import pytest

from scorecard.exports import RESULT_COLUMNS, results_csv, summary_data
from scorecard.pipeline import load_reports, year_folders
from site_fixture import CONTRACT_EXAMPLE, example_dir, tree_digest

NUMERIC_COLUMNS = {"target", "value", "completion"}
TOLERANCE = 1e-9


@pytest.fixture(scope="module")
def example():
    return example_dir()


@pytest.fixture(scope="module")
def report():
    reports = load_reports(year_folders(example_dir() / "data"), progress=lambda message: None)
    assert len(reports) == 1
    return reports[0]


def same_number(actual, expected) -> bool:
    return math.isclose(float(actual), float(expected), rel_tol=0, abs_tol=TOLERANCE)


def read_csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_results_csv_matches_expected(example, report):
    expected_text = (example / "expected/results.csv").read_text(encoding="utf-8-sig")
    actual_text = results_csv(report)
    assert actual_text.startswith("\ufeff"), "results.csv must start with a UTF-8 BOM"
    expected = read_csv(expected_text)
    actual = read_csv(actual_text.lstrip("\ufeff"))
    assert actual[0] == expected[0] == RESULT_COLUMNS
    header = expected[0]
    keys = lambda rows: [tuple(r[header.index(c)] for c in ("period", "unit_id", "indicator_id")) for r in rows]
    assert keys(actual[1:]) == keys(expected[1:]), "same rows in the same order"
    for number, (got, want) in enumerate(zip(actual[1:], expected[1:]), start=2):
        assert len(got) == len(header), f"row {number}: {got}"
        for column, g, w in zip(header, got, want):
            where = f"results.csv row {number} ({want[1]}/{want[2]}/{want[5]}), column {column}"
            if column in NUMERIC_COLUMNS:
                if w == "":
                    assert g == "", f"{where}: expected empty, got {g!r}"
                else:
                    assert g != "" and same_number(g, w), f"{where}: expected {w}, got {g!r}"
            else:
                assert g == w, f"{where}: expected {w!r}, got {g!r}"


def compare(actual, expected, where: str) -> None:
    """Compare JSON-like data: same keys and order of lists, numbers to 1e-9, null where null."""
    if expected is None:
        assert actual is None, f"{where}: expected null, got {actual!r}"
    elif isinstance(expected, bool):
        assert actual is expected, f"{where}: expected {expected!r}, got {actual!r}"
    elif isinstance(expected, (int, float)):
        assert isinstance(actual, (int, float)) and not isinstance(actual, bool), \
            f"{where}: expected a number {expected!r}, got {actual!r}"
        assert same_number(actual, expected), f"{where}: expected {expected!r}, got {actual!r}"
    elif isinstance(expected, dict):
        assert isinstance(actual, dict), f"{where}: expected an object, got {actual!r}"
        assert set(actual) == set(expected), f"{where}: keys {sorted(actual)} != {sorted(expected)}"
        for key in expected:
            compare(actual[key], expected[key], f"{where}.{key}")
    elif isinstance(expected, list):
        assert isinstance(actual, list), f"{where}: expected a list, got {actual!r}"
        assert len(actual) == len(expected), f"{where}: {len(actual)} items, expected {len(expected)}"
        for i, (a, e) in enumerate(zip(actual, expected)):
            compare(a, e, f"{where}[{i}]")
    else:
        assert actual == expected, f"{where}: expected {expected!r}, got {actual!r}"


def test_summary_json_matches_expected(example, report):
    expected = json.loads((example / "expected/summary.json").read_text(encoding="utf-8"))
    actual = summary_data(report)
    # The export as written must be plain JSON with the same content.
    actual = json.loads(json.dumps(actual, ensure_ascii=False))
    ids = lambda items, key: [item[key] for item in items]
    assert ids(actual["indicators"], "indicator_id") == ids(expected["indicators"], "indicator_id")
    assert ids(actual["units"], "unit_id") == ids(expected["units"], "unit_id")
    compare(actual, expected, "summary")


def test_example_folder_is_present():
    assert (example_dir() / "data/2030/year.yml").is_file()


def test_example_builds_without_warnings(report):
    # The example's data is clean: no own value below its children's sum, nothing ignored.
    assert [w.format() for w in report.warnings] == []


def test_the_bundled_example_is_the_contracts():
    """tests/example is a copy of the contract's shared/spec/example: same files, same bytes (when the contract is here)."""
    if not CONTRACT_EXAMPLE.is_dir():
        pytest.skip(f"{CONTRACT_EXAMPLE} is not beside the project: the bundled copy (tests/example) cannot be "
                    "compared with the contract's; every other test uses the bundled copy")
    assert tree_digest(example_dir()) == tree_digest(CONTRACT_EXAMPLE), \
        f"tests/example differs from {CONTRACT_EXAMPLE}: copy the contract's example again (cp -r ../shared/spec/example/. tests/example/)"
