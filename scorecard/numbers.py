"""Reading numbers typed in CSV cells: plain (1804.5) or Vietnamese (1.804,5)."""

from __future__ import annotations

import re
from decimal import Decimal

import pandas as pd

PLAIN = r"-?[0-9]+(?:\.[0-9]+)?"
VIETNAMESE = r"-?(?:[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)(?:,[0-9]+)?"
# A table read from a workbook (scorecard/workbook.py) carries this as its delimiter, and is read in
# this format whatever number_format says: numbers typed as numbers reach validation as plain text
# (1804, 12.5), and a number typed as text must be plain too. No other format is suggested for it.
WORKBOOK = "xlsx"
PATTERNS = {"plain": PLAIN, "vi": VIETNAMESE, WORKBOOK: PLAIN}
FORMAT_NAMES = {
    "plain": "plain (dấu chấm thập phân, không phân cách hàng nghìn: 1804.5)",
    "vi": "vi (dấu chấm phân cách hàng nghìn, dấu phẩy thập phân: 1.804,5)",
    WORKBOOK: "số của Excel: nhập vào ô kiểu số (Number), không nhập dạng văn bản (Text); "
              "số dạng văn bản chỉ đọc được kiểu plain (1804.5)",
}


def fullmatch(values: pd.Series, pattern: str) -> pd.Series:
    """Which cells match a pattern, testing each distinct value once (ids and numbers repeat a lot)."""
    compiled = re.compile(pattern)
    verdicts = {value: compiled.fullmatch(value) is not None for value in pd.unique(values)}
    return values.map(verdicts).astype(bool)


def file_format(number_format: str, delimiter: str) -> str:
    """The number format of one file: `auto` reads a `;`-delimited file as Vietnamese; a workbook is plain."""
    if delimiter == WORKBOOK:
        return WORKBOOK
    if number_format == "auto":
        return "vi" if delimiter == ";" else "plain"
    return number_format


def strip_percent(text: pd.Series) -> pd.Series:
    """Drop a trailing % sign (allowed on rate values) and the spaces before it."""
    return text.str.replace(r"\s*%$", "", regex=True)


def parse_numbers(text: pd.Series, number_format: str) -> tuple[pd.Series, pd.Series]:
    """Parse a column of cells; return (values with NaN for empty cells, mask of unreadable cells)."""
    text = text.fillna("").astype(str)
    empty = text == ""
    readable = fullmatch(text, PATTERNS[number_format])
    cleaned = text.where(readable, "")
    if number_format == "vi":
        cleaned = cleaned.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    values = pd.to_numeric(cleaned.where(cleaned != "", None), errors="coerce").astype(float)
    return values, ~readable & ~empty


def other_format(number_format: str) -> str | None:
    """The format to suggest when a cell cannot be read in the chosen one (none for a workbook)."""
    if number_format == WORKBOOK:
        return None
    return "vi" if number_format == "plain" else "plain"


def readable_as(text: str, number_format: str) -> bool:
    """Whether one cell reads as a number in the given format (never in no format)."""
    if number_format is None:
        return False
    return re.fullmatch(PATTERNS[number_format], text) is not None


# Text such as 1.804 or 12.500.000: Vietnamese thousands groups, which the plain format reads as a decimal.
THOUSANDS = re.compile(r"-?[0-9]{1,3}(?:\.[0-9]{3})+")

# How a hint names the other format when suggesting number_format, which applies to every CSV of the year.
FORMAT_WAYS = {"plain": ("plain (1804.5)", "the plain way (1804.5)"),
               "vi": ("Việt Nam (1.804,5)", "the Vietnamese way (1.804,5)")}


def rewritten(text: str, source: str | None, target: str) -> str | None:
    """A cell that reads in the `source` format, written in the `target` one ("1,8" vi -> "1.8" plain,
    "1.804" vi -> "1804", "2.6" plain -> "2,6" vi); None when it does not read in `source`."""
    if source is None or not readable_as(text, source):
        return None
    digits = text.replace(".", "").replace(",", ".") if source == "vi" else text
    plain = format(Decimal(digits), "f")
    if target != "vi":
        return plain
    sign, plain = ("-", plain[1:]) if plain.startswith("-") else ("", plain)
    whole, _, fraction = plain.partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return sign + grouped + ("," + fraction if fraction else "")
