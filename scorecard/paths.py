"""Where the generator's own files live (templates, assets, mkdocs.yml): folder constants every stage may import."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "assets"
TEMPLATES = ROOT / "templates"
MKDOCS_CONFIG = ROOT / "mkdocs.yml"
