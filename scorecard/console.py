"""Printed output that never fails on a code page: Vietnamese on any console, pipe or log file.

Python writes to a redirected stream in the system's code page (cp1258 on a
Vietnamese Windows, cp1252 on an English one) or in PYTHONIOENCODING, and
stops with UnicodeEncodeError at the first letter the code page lacks.
`prepare_streams` makes stdout and stderr:

- on Windows, redirected to a file (`python generate.py > log.txt`) with no
  PYTHONIOENCODING: UTF-8 with a BOM, which Notepad opens correctly on any
  version and any locale;
- otherwise: keep the encoding chosen (the console's, the pipe's, PYTHONIOENCODING)
  and write a letter it lacks the way that code page writes Vietnamese: cp1258
  as a base letter and a combining tone mark ("ỗ" as "ô" + U+0303, which a
  Vietnamese Windows shows as "ỗ"), others without the marks it cannot hold
  ("Lỗi" as "Lôi" in cp1252), never an exception.
"""

from __future__ import annotations

import codecs
import io
import os
import stat
import sys
import unicodedata

HANDLER = "scorecard-fold"
TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below: cp1258 has them as characters
FALLBACK = {"đ": "d", "Đ": "D", "→": "->", "…": "...", "–": "-", "—": "-", "×": "x", "≥": ">=", "≤": "<=",
            "Σ": "S", "✓": "v", "\u00a0": " ", "“": '"', "”": '"', "‘": "'", "’": "'"}
UNICODE_ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be")


def encodable(text: str, encoding: str) -> bool:
    """Whether the encoding can write the text."""
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def closest(char: str, encoding: str) -> str:
    """The character as near as the encoding can write it: letter and tone mark apart, or without its marks."""
    parts = unicodedata.normalize("NFD", char)
    base = unicodedata.normalize("NFC", "".join(p for p in parts if p not in TONE_MARKS))
    tones = "".join(p for p in parts if p in TONE_MARKS)
    if base != char and encodable(base, encoding):
        return base + "".join(t for t in tones if encodable(t, encoding))
    if parts[0] != char and encodable(parts[0], encoding):
        return parts[0]
    fallback = FALLBACK.get(char, "?")
    return fallback if encodable(fallback, encoding) else "?"


def handler_for(encoding: str) -> str:
    """The name of a codec error handler writing each character the encoding lacks as `closest` says.

    One handler per encoding: a charmap codec reports its errors as "charmap", not as its own name.
    """
    name = f"{HANDLER}-{codecs.lookup(encoding).name}"

    def fold(err: UnicodeError) -> tuple[str, int]:
        if not isinstance(err, UnicodeEncodeError):
            raise err
        return "".join(closest(c, encoding) for c in err.object[err.start:err.end]), err.end

    codecs.register_error(name, fold)
    return name


def is_unicode(encoding: str | None) -> bool:
    """Whether an encoding writes every character (UTF-8, UTF-16, UTF-32)."""
    try:
        return codecs.lookup(encoding or "ascii").name in UNICODE_ENCODINGS
    except LookupError:
        return False


def is_regular_file(stream) -> bool:
    """Whether the stream writes to a regular file (not a console or a pipe)."""
    try:
        return stat.S_ISREG(os.fstat(stream.fileno()).st_mode)
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        return False


def prepare_stream(stream, windows: bool, environ=os.environ) -> None:
    """Make one text stream unable to fail on a character (see the module's docstring)."""
    if not isinstance(stream, io.TextIOWrapper) or is_unicode(stream.encoding):
        return
    chosen = environ.get("PYTHONIOENCODING", "")
    if windows and not chosen and is_regular_file(stream):
        stream.flush()
        empty = stream.buffer.tell() == 0  # `> log.txt`, or stdout already wrote its BOM there (`2>&1`)
        stream.reconfigure(encoding="utf-8", errors="strict")
        if empty:  # a BOM tells Notepad the file is UTF-8; none in the middle of a file being appended to
            stream.write("\ufeff")
            stream.flush()
        return
    if ":" not in chosen:  # PYTHONIOENCODING=cp1252:replace chose its own error handler
        stream.reconfigure(errors=handler_for(stream.encoding))


def prepare_streams(windows: bool | None = None) -> None:
    """stdout, then stderr (which may be the same file, `2>&1`: one BOM at its start)."""
    windows = os.name == "nt" if windows is None else windows
    for stream in (sys.stdout, sys.stderr):
        prepare_stream(stream, windows)
