"""Printed output on consoles and log files that are not UTF-8 (scorecard/console.py).

`python generate.py > log.txt` on a Windows PC writes in its code page (cp1258
Vietnamese, cp1252 English); so does PYTHONIOENCODING. Nothing may crash there.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from scorecard import console
from scorecard.cli import main
from site_fixture import ROOT, SAMPLE_DATA

GENERATE = ROOT / "generate.py"


def run(args: list[str], encoding: str) -> subprocess.CompletedProcess:
    """generate.py with its output in a code page, as a redirected run on Windows writes it."""
    env = dict(os.environ, PYTHONIOENCODING=encoding)
    return subprocess.run([sys.executable, str(GENERATE), *args], capture_output=True, env=env, timeout=300)


@pytest.fixture(scope="module")
def utf8_check():
    """What `check` prints on the sample's 2022 in UTF-8: the text every code page must render."""
    done = run(["check", "--data", str(SAMPLE_DATA), "--year", "2022"], "utf-8")
    assert done.returncode == 0, done.stderr.decode("utf-8")
    return done.stdout.decode("utf-8")


def test_check_in_cp1258_writes_every_vietnamese_letter(utf8_check):
    """cp1258 writes Vietnamese as letter + combining tone mark: decoded and composed, it is the UTF-8 text."""
    done = run(["check", "--data", str(SAMPLE_DATA), "--year", "2022"], "cp1258")
    assert done.returncode == 0, done.stderr
    assert unicodedata.normalize("NFC", done.stdout.decode("cp1258")) == utf8_check
    assert "Dữ liệu hợp lệ: 1 năm (2022), 0 cảnh báo." in utf8_check


def test_check_in_cp1252_drops_only_the_marks_it_cannot_hold(utf8_check):
    done = run(["check", "--data", str(SAMPLE_DATA), "--year", "2022"], "cp1252")
    assert done.returncode == 0, done.stderr
    text = done.stdout.decode("cp1252")
    assert "Du liêu hop lê: 1 nam (2022), 0 canh báo." in text  # hand-folded from the UTF-8 line
    assert len(text.splitlines()) == len(utf8_check.splitlines())


@pytest.mark.parametrize("encoding", ["cp1252", "cp1258"])
def test_invalid_input_in_a_code_page_still_prints_every_problem(encoding, tmp_path, monkeypatch):
    """Exit 2 with the problems on stderr, not exit 1 with a UnicodeEncodeError."""
    data = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA / "2022", data / "2022")
    results = data / "2022" / "results.csv"
    results.write_text(results.read_text(encoding="utf-8").replace("\n", "\nyen-lac,khong-co,q1,1,,\n", 1),
                       encoding="utf-8")
    done = run(["check", "--data", str(data)], encoding)
    err = done.stderr.decode(encoding)
    assert done.returncode == 2, err
    assert "Traceback" not in err and "codec" not in err
    composed = unicodedata.normalize("NFC", err)
    if encoding == "cp1258":
        assert "Lỗi (error): 2022/results.csv, dòng 2, cột indicator_id" in composed
    else:
        assert "Lôi (error): 2022/results.csv, dòng 2, côt indicator_id" in composed
    assert "(invalid input: " in err


@pytest.mark.parametrize("char, encoding, written", [
    ("ỗ", "cp1258", "ô\u0303"),   # the letter with its vowel mark, the tone as a combining mark
    ("ậ", "cp1258", "â\u0323"),
    ("ạ", "cp1258", "a\u0323"),
    ("ỗ", "cp1252", "ô"),         # cp1252 has ô but no combining tilde
    ("ư", "cp1252", "u"),
    ("đ", "cp1252", "d"),
    ("Đ", "ascii", "D"),
    ("→", "cp1258", "->"),
    ("…", "ascii", "..."),
    ("中", "cp1252", "?"),
])
def test_a_missing_letter_is_written_as_near_as_the_code_page_can(char, encoding, written):
    assert console.closest(char, encoding) == written
    assert char.encode(encoding, console.handler_for(encoding)) == written.encode(encoding)


def file_stream(path: Path, mode: str = "w") -> io.TextIOWrapper:
    """A text stream on a file in cp1258, as Python opens a redirected stdout on a Vietnamese Windows."""
    return open(path, mode, encoding="cp1258")


def test_windows_log_file_is_utf8_with_one_bom(tmp_path):
    """`python generate.py > log.txt 2>&1` on Windows: one BOM, then UTF-8, however stdout and stderr interleave."""
    log = tmp_path / "log.txt"
    out = file_stream(log)
    err = io.TextIOWrapper(open(os.dup(out.fileno()), "wb", closefd=True), encoding="cp1258")  # 2>&1
    console.prepare_stream(out, windows=True, environ={})
    console.prepare_stream(err, windows=True, environ={})
    out.write("Đọc dữ liệu…\n")
    out.flush()
    err.write("Lỗi (error): 2022/results.csv\n")
    err.flush()
    out.write("Xong.\n")
    out.close()
    err.close()
    assert log.read_bytes() == "\ufeffĐọc dữ liệu…\nLỗi (error): 2022/results.csv\nXong.\n".encode("utf-8")


def test_windows_log_appended_to_gets_no_bom_in_the_middle(tmp_path):
    log = tmp_path / "log.txt"
    log.write_bytes("\ufeffLần trước\n".encode("utf-8"))
    out = file_stream(log, "a")
    console.prepare_stream(out, windows=True, environ={})
    out.write("Lần này\n")
    out.close()
    assert log.read_bytes() == "\ufeffLần trước\nLần này\n".encode("utf-8")


def test_an_encoding_chosen_by_pythonioencoding_is_kept(tmp_path):
    """PYTHONIOENCODING says what the reader of the file expects: keep it, even on Windows."""
    log = tmp_path / "log.txt"
    out = file_stream(log)
    console.prepare_stream(out, windows=True, environ={"PYTHONIOENCODING": "cp1258"})
    out.write("Lỗi\n")
    out.close()
    assert log.read_bytes() == "Lô\u0303i\n".encode("cp1258")


def test_main_prints_in_a_code_page_without_failing(monkeypatch, tmp_path):
    """The command line prepares its own streams: a cp1252 stdout on a pipe gets the folded text."""
    raw = io.BytesIO()
    stdout = io.TextIOWrapper(raw, encoding="cp1252", write_through=True)
    monkeypatch.setattr(sys, "stdout", stdout)
    monkeypatch.delenv("PYTHONIOENCODING", raising=False)
    assert main(["check", "--data", str(SAMPLE_DATA), "--year", "2021", "-q"]) == 0
    assert raw.getvalue().decode("cp1252") == "Du liêu hop lê: 1 nam (2021), 0 canh báo.\n"
