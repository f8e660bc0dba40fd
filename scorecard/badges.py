"""Statuses and ratings as pages show them: words in a badge; a symbol (CSS) and the colour only repeat them."""

from __future__ import annotations

from markupsafe import Markup

from . import labels
from .text import escape


def badge(kind: str, key: str, text: str) -> Markup:
    """A status or rating shown as words; a symbol (CSS) and the colour only repeat them."""
    return Markup(f'<span class="badge {kind}-{key}">{escape(text)}</span>')


def status_badge(status: str) -> Markup:
    return badge("st", status, labels.STATUS[status])


def rating_badge(rating) -> Markup:
    if labels.missing(rating):
        return Markup("–")
    return badge("rt", rating, labels.RATING[rating])
