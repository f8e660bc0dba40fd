"""Cell texts shared by the CSV and workbook exports: numbers in plain format, text a spreadsheet will not run."""

from __future__ import annotations

import math
import re
from decimal import Decimal

import numpy as np
import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")  # -5 or +3.5 is a number, not a formula: left as it is


def plain_number(value) -> str:
    """A number in plain format (no thousands separator, '.' decimal), unrounded; empty when missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    value = float(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = repr(value)
    if "e" in text:  # 1e-05 and 1e+16 are written out in digits: plain format has no exponent
        text = format(Decimal(text), "f")
    return text


def safe_text(text: str) -> str:
    """Neutralise a cell that a spreadsheet would run as a formula (OWASP CSV injection); numbers stay numbers."""
    return "'" + text if text.startswith(FORMULA_STARTS) and not NUMBER.fullmatch(text) else text


def safe_texts(values: pd.Series) -> list[str]:
    """safe_text over a column, each distinct text once (a unit's name is on each of its lines)."""
    return values.map({text: safe_text(text) for text in values.unique()}).tolist()


def number_texts(numbers: np.ndarray, as_float: bool = False) -> np.ndarray:
    """Numbers as text: whole ones below 10^15 as integers (12), others (and all with `as_float`) as repr."""
    texts = np.array(list(map(repr, numbers.tolist())), dtype=object)
    if not as_float:
        with np.errstate(invalid="ignore"):  # infinity has no remainder: it is not whole
            whole = (np.mod(numbers, 1) == 0) & (np.abs(numbers) < 1e15)
        texts[whole] = numbers[whole].astype(np.int64).astype(str).astype(object)
    return texts


def plain_numbers(values: pd.Series) -> list[str]:
    """plain_number over a column: the same texts, formatted a column at a time."""
    numbers = values.astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    texts = number_texts(numbers)
    texts[np.isnan(numbers)] = ""
    exponent = np.flatnonzero(pd.Series(texts, dtype=object).str.contains("e", regex=False).to_numpy(dtype=bool))
    texts[exponent] = [plain_number(numbers[i]) for i in exponent]  # rare: 1e-05 written out in digits
    return texts.tolist()
