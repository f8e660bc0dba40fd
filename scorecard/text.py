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
    """Lowercase ASCII words without diacritics ("Đảng bộ Yên Lạc" -> "dang bo yen lac"), as search.js folds."""
    text = unicodedata.normalize("NFD", str(text).lower().replace("đ", "d"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", " ", text).strip()
