"""Escaping data text for the pages: HTML and Markdown at once, so nothing from a file becomes code."""

from __future__ import annotations

import re
import unicodedata

from markupsafe import Markup

# Every character that means something to HTML or to Markdown (emphasis, tables,
# links, headings, attribute lists, code) becomes a character reference. Python-
# Markdown passes references through untouched and browsers show the character,
# so the same escaped text is safe in Markdown paragraphs and raw HTML blocks alike.
_ENTITIES = {ch: f"&#{ord(ch)};" for ch in "&<>\"'`*_[]()|\\#~{}!$:^="}
_ENTITIES.update({"\r": " ", "\n": " ", "\t": " "})
_TABLE = str.maketrans(_ENTITIES)
_SPECIAL = re.compile("[" + re.escape("".join(_ENTITIES)) + "]")


def escape(value) -> Markup:
    """Text from the data, made inert for HTML and Markdown; Markup passes through as trusted."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    text = str(value)
    return Markup(text.translate(_TABLE) if _SPECIAL.search(text) else text)


def yaml_string(value: str) -> str:
    """A double-quoted YAML scalar holding HTML-escaped text (mkdocs prints front matter unescaped)."""
    import json

    return json.dumps(str(escape(value)), ensure_ascii=False)


def script_json(value) -> str:
    """JSON safe inside a <script> element: no `<`, `>` or `&` can close it or open a comment."""
    import json

    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def fold(text: str) -> str:
    """Lowercase ASCII words without diacritics ("Đảng bộ Yên Lạc" -> "dang bo yen lac"), as
    assets/tables.js folds for search.js and the tables' filter boxes."""
    text = unicodedata.normalize("NFD", str(text).lower().replace("đ", "d"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


# Vietnamese alphabetical order (CLDR's "vi" collation): ă and â after a, đ after d, ê after e,
# ô and ơ after o, ư after u; a tone mark only breaks a tie after the letters, in the order
# unmarked, huyền, hỏi, ngã, sắc, nặng; letter case last.
_LETTER_MARKS = {"\u0306": "ă", "\u0302": "â", "\u031b": "ơ"}  # breve, circumflex, horn (ơ, ư by base)
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_LETTER_RANK = {letter: 100 + i for i, letter in enumerate(_ALPHABET)}


def vi_sort_key(text: str) -> tuple:
    """A key that sorts Vietnamese text as a Vietnamese reader (and Intl.Collator("vi")) expects."""
    letters, tones, cases = [], [], []
    for ch in unicodedata.normalize("NFC", str(text)):
        parts = unicodedata.normalize("NFD", ch)
        base, marks = parts[0].lower(), parts[1:]
        tone = next((_TONES[m] for m in marks if m in _TONES), 0)
        for mark in marks:
            if mark in _LETTER_MARKS:
                base = {("a", "\u0306"): "ă", ("a", "\u0302"): "â", ("e", "\u0302"): "ê", ("o", "\u0302"): "ô",
                        ("o", "\u031b"): "ơ", ("u", "\u031b"): "ư"}.get((base, mark), base)
        letters.append(_LETTER_RANK.get(base, ord(base) if ord(base) < 100 else 1000 + ord(base)))
        tones.append(tone)
        cases.append(ch != ch.lower())
    return tuple(letters), tuple(tones), tuple(cases), text


def name_sort_key(name: str) -> tuple:
    """Vietnamese people are listed by given name (the last word), then family and middle names."""
    words = str(name).split()
    return vi_sort_key(" ".join(words[-1:] + words[:-1]))
