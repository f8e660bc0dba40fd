"""Statuses and ratings as pages show them: words in a badge; a symbol (CSS) and the colour only repeat them."""

from __future__ import annotations

from markupsafe import Markup

from . import labels, phrases
from .text import escape


def badge(kind: str, key: str, text: str) -> Markup:
    """A status or rating shown as words; a symbol (CSS) and the colour only repeat them."""
    return Markup(f'<span class="badge {kind}-{key}">{escape(text)}</span>')


def status_badge(status: str, direction: str = "up", kind: str = "count") -> Markup:
    """A status in the words of its indicator's rule (scorecard/phrases.py): "Tốt hơn chỉ tiêu" when lower is better."""
    return badge("st", status, phrases.word(status, direction, kind))


def rating_badge(rating) -> Markup:
    if labels.missing(rating):
        return Markup("–")
    return badge("rt", rating, labels.RATING[rating])
