"""A site built once per test session from the bundled sample data (shared by build and browser tests)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from scorecard.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DATA = ROOT / "data"
EXAMPLE = ROOT.parent / "shared" / "spec" / "example"


def tree_digest(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under a folder, by relative path: two trees are equal byte for byte when these are."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def example_dir() -> Path:
    """The contract's worked example, beside the repository (as in CI); fail loudly when absent."""
    if not (EXAMPLE / "data" / "2030").is_dir():
        pytest.fail(f"The contract's example is missing: expected {EXAMPLE} (shared/ beside the repository).")
    return EXAMPLE


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """site/ built from data/ by the command line, as a user runs it."""
    site = tmp_path_factory.mktemp("sample") / "site"
    status = main(["--data", str(SAMPLE_DATA), "--site", str(site), "--quiet"])
    assert status == 0, "building the sample data failed"
    return site
