"""Escaping data text for the pages: HTML and Markdown at once, so nothing from a file becomes code."""

from __future__ import annotations

import functools
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


# Vietnamese alphabetical order (the order of a Vietnamese dictionary, and of CLDR's `vi` collation):
# ă, â after a; đ after d; ê after e; ô, ơ after o; ư after u; then, for words spelt with the same
# letters, the tones in the order level, huyền, hỏi, ngã, sắc, nặng (a < à < ả < ã < á < ạ).
# Babel formats but does not collate, and Python's default order puts "Đ" after "Z".
_ALPHABET = {letter: i for i, letter in enumerate("aăâbcdđeêfghijklmnoôơpqrstuưvwxyz")}
_SHAPED = {("a", "\u0306"): "ă", ("a", "\u0302"): "â", ("e", "\u0302"): "ê", ("o", "\u0302"): "ô",
           ("o", "\u031b"): "ơ", ("u", "\u031b"): "ư"}  # breve, circumflex, horn make another letter
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}  # huyền, hỏi, ngã, sắc, nặng


@functools.lru_cache(maxsize=65536)  # a year sorts the same few thousand names (units, indicators) many times
def vi_sort_key(text: str) -> tuple:
    """A sort key putting names in Vietnamese alphabetical order ("Dân vận" < "Đảng bộ" < "Thành ủy").

    Letters first (with ă, â, đ, ê, ô, ơ, ư as letters of their own), then tones, then letter case and
    the text itself so that the order is total; a run of digits counts as its number ("Tổ 2" < "Tổ 10")."""
    letters: list[tuple[int, int]] = []
    tones: list[int] = []
    for char in unicodedata.normalize("NFD", str(text).lower()):
        if unicodedata.combining(char):
            if char in _TONES and tones:
                tones[-1] = _TONES[char]
            elif letters and letters[-1][0] == 3:
                base = _SHAPED.get((_LETTER_OF[letters[-1][1]], char))
                if base:
                    letters[-1] = (3, _ALPHABET[base])
            continue
        if char.isdigit():
            if letters and letters[-1][0] == 2:
                letters[-1] = (2, letters[-1][1] * 10 + int(char))
            else:
                letters.append((2, int(char)))
            tones.append(0)
        elif char in _ALPHABET:
            letters.append((3, _ALPHABET[char]))
            tones.append(0)
        elif char.isspace():
            if letters and letters[-1] != (0, 0):
                letters.append((0, 0))
                tones.append(0)
        else:  # punctuation and other scripts: before letters, by code point
            letters.append((1, ord(char)))
            tones.append(0)
    return tuple(letters), tuple(tones), str(text).swapcase()  # then lower case before upper, as CLDR


_LETTER_OF = {i: letter for letter, i in _ALPHABET.items()}


def name_sort_key(name: str) -> tuple:
    """Vietnamese people are listed by given name (the last word), then family and middle names."""
    words = str(name).split()
    return vi_sort_key(" ".join(words[-1:] + words[:-1]))
