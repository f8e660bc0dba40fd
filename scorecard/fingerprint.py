"""Content hashes that tell whether a year must be rebuilt: its inputs and the generator itself."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from pathlib import Path

from . import __version__
from .inputs import YearInputs, file_hash, input_files
from .limits import DEFAULT, Limits

ROOT = Path(__file__).resolve().parent.parent
GENERATOR_PARTS = ("scorecard", "templates", "assets", "overrides", "mkdocs.yml", "requirements.txt")


def _add_tree(digest, base: Path, path: Path) -> None:
    """Feed every file under path (name and bytes, sorted) into the digest."""
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    for file in files:
        if "__pycache__" in file.parts:
            continue
        digest.update(str(file.relative_to(base)).encode("utf-8") + b"\0")
        digest.update(bytes.fromhex(file_hash(file)))


@functools.cache
def generator_fingerprint() -> str:
    """Hash of the generator's code, templates, assets, mkdocs.yml and pinned libraries."""
    digest = hashlib.sha256(__version__.encode())
    for part in GENERATOR_PARTS:
        if (ROOT / part).exists():
            _add_tree(digest, ROOT, ROOT / part)
    return digest.hexdigest()


def year_fingerprint(folder: Path, period: str | None = None, date: dt.date | None = None, engine: str = "",
                     limits: Limits = DEFAULT, inputs: YearInputs | None = None) -> str:
    """Hash of a year's input files (those the contract names, hashed once a run through `inputs`) and their
    dates, the generator, the period asked for, the build date (when one is set for every year) and the engine."""
    digest = hashlib.sha256(generator_fingerprint().encode())
    digest.update(f"{date.isoformat() if date else ''}\0{period or ''}\0{engine}\0".encode())
    times = [p.stat().st_mtime for p in input_files(folder) if p.parent == folder]
    digest.update(str(int(max(times, default=0)) // 86400).encode())  # the "updated" day shown on pages
    for name, value in (inputs or YearInputs(folder, limits)).hashes().items():
        digest.update(f"{name}\0{value}\0".encode())
    return digest.hexdigest()


def with_previous(fingerprint: str, previous: str) -> str:
    """A year's fingerprint joined with the fingerprint of the previous year it is compared with
    (scorecard/compare.py), so that a change there rebuilds it too; unchanged when there is none."""
    if not previous:
        return fingerprint
    return hashlib.sha256(f"{fingerprint}\0{previous}".encode()).hexdigest()
