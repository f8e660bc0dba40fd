"""Property-based tests: random edits of valid years never crash the generator.

Starting from a valid year (the contract's worked example, and data/2021, which
is bigger), Hypothesis replaces cells with random text, numbers, Unicode or
nothing, duplicates and drops rows, tweaks header names, changes a file's
delimiter or encoding, and breaks year.yml. Whatever it does, a run either
succeeds (exit 0) or exits 2 naming every problem with its file; never 1, never
a traceback.

The examples are derandomized and bounded so the file runs in well under a
minute in CI; examples that once found a crash are kept as @example.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from scorecard.cli import main
from scorecard.tables import LEGACY_MARKS

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = Path(__file__).resolve().parent / "example" / "data" / "2030"  # the contract's worked example, bundled
BIGGER = ROOT / "data" / "2021"
CSV_FILES = ("groups.csv", "units.csv", "indicators.csv", "targets.csv", "results.csv", "ratings.csv")  # ratings: 2021 only

BOUNDED = dict(deadline=None, derandomize=True, database=None, print_blob=True,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# --- what an edit writes into a cell ----------------------------------------------

TRICKY = [
    "", " ", "\u00a0", "\u200b", "\ufeff", "0", "-0", "001", "-1", "1.804", "1.234.567,89", "12,5%", "1,8",
    "1e3", "NaN", "inf", "-", "%", "=SUM(A1:A3)", "+1", "@x", "../", "/", "..", "a/b", "Hµ Néi", "Vieät",
    "xã-a1", "XA-A1", "q1", "y", "h1", "done", "DONE", "in_progress", "count", "task", "rate", "sum", "none",
    "mean", "down", "up", "tot", "xuat-sac", '"', '""', '"x', "a\nb", "a\r\nb", ";", ",", "\t", "x" * 2001,
    "9" * 400, "0.0000001", "1" + "0" * 30, "\x00", "\\", "{{ x }}", "<b>", "*_#|",
]
NUMBERS = st.one_of(
    st.integers(-10**12, 10**12).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(lambda d: str(d).replace(".", ",")),
)
CELL = st.one_of(
    st.sampled_from(TRICKY),
    NUMBERS,
    st.text(max_size=12),
    st.text(alphabet="abcdeđươăâêôyxz0123456789-_ .,;%\"'", max_size=10),
)
INDEX = st.integers(0, 10**6)  # taken modulo the size of what it indexes
# Free-text columns: any text is valid there (not empty, not legacy-font looking, not over-long),
# so edits of them reach the pages.
FREE_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters=LEGACY_MARKS),
    min_size=1, max_size=40,
).filter(lambda text: text.strip(" \t\r\n") != "")
TEXT_COLUMNS = {"groups.csv": ("name",), "units.csv": ("name", "head"),
                "indicators.csv": ("name", "measure"), "results.csv": ("evidence",),
                "targets.csv": ("product",)}

EDIT = st.one_of(
    st.tuples(st.just("cell"), st.sampled_from(CSV_FILES), INDEX, INDEX, CELL),
    st.tuples(st.just("cell"), st.sampled_from(CSV_FILES), INDEX, INDEX, CELL),  # cells are the common case
    st.tuples(st.just("duplicate_row"), st.sampled_from(CSV_FILES), INDEX),
    st.tuples(st.just("drop_row"), st.sampled_from(CSV_FILES), INDEX),
    st.tuples(st.just("header"), st.sampled_from(CSV_FILES), INDEX,
              st.one_of(st.sampled_from(["upper", "spaces", "underscore", "copy", "drop"]), st.text(max_size=8))),
    st.tuples(st.just("delimiter"), st.sampled_from(CSV_FILES), st.sampled_from([",", ";", "\t"])),
    st.tuples(st.just("encoding"), st.sampled_from(CSV_FILES + ("year.yml",)),
              st.sampled_from(["utf-8-sig", "utf-16", "utf-16-be", "cp1258", "nfd"])),
    st.tuples(st.just("raw"), st.sampled_from(CSV_FILES + ("year.yml",)), INDEX, st.text(max_size=6)),
    st.tuples(st.just("yaml_line"), INDEX, st.one_of(st.sampled_from([
        "", "sample: maybe", "number_format: vn", "current_period: q9", "rating: {method: points, quota: 2}",
        "rating: 5", "periods: []", "title: 12", "  - {id: q1, name: Quý I, end: 2021-02-30}",
        "  - {id: Q1, end: 31/12/2020}", "  - 7", "organisation:", "- x", "periods: {a: 1}",
    ]), st.text(max_size=15))),
)
EDITS = st.lists(EDIT, min_size=1, max_size=4)

# --- applying edits -----------------------------------------------------------------


def copy_year(source: Path, root: Path) -> Path:
    if not (source / "year.yml").is_file():
        pytest.fail(f"The valid year to start from is missing: {source}")
    data = root / "data"
    folder = data / source.name
    shutil.copytree(source, folder)
    folder.chmod(0o755)  # in case the checkout is read-only
    for path in folder.iterdir():
        path.chmod(0o644)
    return data


def read_records(path: Path) -> tuple[list[list[str]], str]:
    text = path.read_bytes().decode("utf-8")
    delimiter = ";" if ";" in text.split("\n", 1)[0] else ","
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)), delimiter


def write_records(path: Path, records: list[list[str]], delimiter: str) -> None:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows(records)
    path.write_bytes(out.getvalue().encode("utf-8"))


def apply_edit(folder: Path, edit: tuple) -> None:
    kind, *args = edit
    if kind == "yaml_line":
        index, line = args
        path = folder / "year.yml"
        lines = path.read_bytes().decode("utf-8", errors="replace").split("\n")
        lines[index % len(lines)] = line
        path.write_bytes("\n".join(lines).encode("utf-8", errors="surrogatepass"))
        return
    name = args[0]
    path = folder / name
    if not path.exists():
        return
    if kind in ("encoding", "raw"):
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            return  # already re-encoded by an earlier edit
        if kind == "raw":
            position, inserted = args[1] % (len(text) + 1), args[2]
            path.write_bytes((text[:position] + inserted + text[position:]).encode("utf-8", errors="surrogatepass"))
        elif args[1] == "nfd":
            import unicodedata
            path.write_bytes(unicodedata.normalize("NFD", text).encode("utf-8"))
        else:
            path.write_bytes(text.encode(args[1], errors="replace"))
        return
    try:
        records, delimiter = read_records(path)
    except (UnicodeDecodeError, csv.Error):
        return  # an earlier edit made it unreadable as CSV: leave it so
    if not records:
        return
    if kind == "text":
        columns = [c for c in TEXT_COLUMNS[name] if c in records[0]]
        if len(records) > 1 and columns:
            row = records[1 + args[1] % (len(records) - 1)]
            column = records[0].index(columns[args[2] % len(columns)])
            if column < len(row):
                row[column] = args[3]
    elif kind == "cell":
        row = records[args[1] % len(records)]
        if row:
            row[args[2] % len(row)] = args[3]
    elif kind == "duplicate_row":
        i = args[1] % len(records)
        records.insert(i, list(records[i]))
    elif kind == "drop_row":
        del records[args[1] % len(records)]
    elif kind == "header":
        header = records[0]
        if header:
            i, how = args[1] % len(header), args[2]
            if how == "upper":
                header[i] = header[i].upper()
            elif how == "spaces":
                header[i] = f"  {header[i]} "
            elif how == "underscore":
                header[i] = "_" + header[i]
            elif how == "copy":
                header[i] = header[(i + 1) % len(header)]
            elif how == "drop":
                for record in records:
                    if i < len(record):
                        del record[i]
            else:
                header[i] = how
    elif kind == "delimiter":
        delimiter = args[1]
    write_records(path, records, delimiter)


# --- running the command line ---------------------------------------------------------

ERROR = re.compile(r"^Lỗi \(error\): (\d{4}/[a-z]+\.(?:csv|yml))(?:, dòng (\d+))?", re.MULTILINE)


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(argv)
    return status, out.getvalue(), err.getvalue()


def assert_clean_outcome(status: int, out: str, err: str, edits) -> None:
    """Exit 0, or exit 2 with every error naming its file, sorted by file and row; never 1."""
    assert "Traceback" not in err and "Lỗi (failure)" not in err, f"crash after {edits!r}:\n{err}"
    assert status in (0, 2), f"exit {status} after {edits!r}:\n{err}"
    event(f"exit {status}")  # shown by pytest --hypothesis-show-statistics
    if status == 2:
        errors = ERROR.findall(err)
        assert errors, f"exit 2 without a located error after {edits!r}:\n{err}"
        count = len(re.findall(r"^Lỗi \(error\): ", err, re.MULTILINE))
        assert count == len(errors), f"an error names no file after {edits!r}:\n{err}"
        keys = [(file, int(row or 0)) for file, row in errors]
        assert keys == sorted(keys), f"errors not sorted by file and row after {edits!r}:\n{err}"
        assert all(row >= 1 for _, row in keys if row)
        more = sum(int(n.replace(".", "")) for n in re.findall(r"… và ([0-9.]+) lỗi khác", err))  # left unprinted
        total = count + more
        assert f"invalid input: {total} error{'s' if total > 1 else ''})" in err


def check_after(source: Path, edits) -> None:
    with tempfile.TemporaryDirectory() as root:
        data = copy_year(source, Path(root))
        for edit in edits:
            apply_edit(data / source.name, edit)
        assert_clean_outcome(*run(["check", "--data", str(data), "-q"]), edits)


# --- the properties -------------------------------------------------------------------


@settings(max_examples=100, **BOUNDED)
@given(EDITS)
@example([("cell", "results.csv", 9, 3, "12,5%")])
@example([("cell", "targets.csv", 1, 2, "1.804")])
@example([("encoding", "units.csv", "utf-16"), ("cell", "units.csv", 1, 0, "x")])
@example([("header", "results.csv", 0, "drop"), ("duplicate_row", "results.csv", 0)])
@example([("raw", "year.yml", 0, "\t")])
@example([("yaml_line", 3, "  - {id: q1, name: Quý I, end: 2021-02-30}")])  # once exit 1: ValueError
@example([("cell", "results.csv", 1, 200, "")])  # once exit 1: an empty period reached astype(int)
def test_random_edits_of_the_example_never_crash_check(edits):
    check_after(EXAMPLE, edits)


@settings(max_examples=25, **BOUNDED)
@given(EDITS)
@example([("yaml_line", 3, "  - {id: q1, name: Quý I, end: 2021-02-30}")])  # once exit 1: ValueError
def test_random_edits_of_a_real_year_never_crash_check(edits):
    check_after(BIGGER, edits)


TEXT_EDIT = st.tuples(st.just("text"), st.sampled_from(sorted(TEXT_COLUMNS)), INDEX, INDEX, FREE_TEXT)


@settings(max_examples=8, **BOUNDED)
@given(st.one_of(
    st.lists(TEXT_EDIT, min_size=1, max_size=3),  # valid: the pages are built
    st.lists(TEXT_EDIT, min_size=1, max_size=3),
    st.lists(st.one_of(TEXT_EDIT, st.tuples(st.just("cell"), st.sampled_from(CSV_FILES), INDEX, INDEX, CELL),
                       st.tuples(st.just("duplicate_row"), st.sampled_from(CSV_FILES), INDEX),
                       st.tuples(st.just("drop_row"), st.sampled_from(CSV_FILES), INDEX)), min_size=1, max_size=3),
))
@example([("text", "units.csv", 0, 0, "<script>alert(1)</script> {{ x }} **đậm** | a |")])
def test_random_edits_never_crash_a_full_build(edits):
    """A full build renders what validation let through: odd but valid free text must not break the pages."""
    with tempfile.TemporaryDirectory() as root:
        data = copy_year(EXAMPLE, Path(root))
        for edit in edits:
            apply_edit(data / EXAMPLE.name, edit)
        site = Path(root) / "site"
        status, out, err = run(["--data", str(data), "--site", str(site), "-q"])
        assert_clean_outcome(status, out, err, edits)
        if status == 0:
            assert (site / "2030" / "index.html").is_file()
        else:
            assert not site.exists() or not any(site.iterdir()), "a failed build wrote into site/"
