"""The benchmark helpers: bench/synth.py writes a valid year, bench/bare.py builds a bare site."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from scorecard.pipeline import check

BENCH = Path(__file__).resolve().parent.parent / "bench"
STATUSES = {"exceeded", "met", "not_met", "on_track", "behind", "done", "in_progress",
            "not_started", "overdue", "no_data"}


def bench_module(name: str):
    """Load bench/<name>.py by path (bench/ is scripts, not a package)."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_synthetic_year_is_valid_and_covers_every_status(tmp_path):
    synth = bench_module("synth")
    counts = synth.write_year(tmp_path, 50, seed=1)
    assert counts["units"] == 50 and counts["targets"] == 600
    assert 0.97 * 2400 < counts["results"] < 2400  # about 1% of result rows dropped
    reports = check(tmp_path, progress=lambda m: None)
    assert len(reports) == 1
    report = reports[0]
    assert report.year.year == 2031 and report.year.sample
    assert len(report.units) == 50
    assert (report.units["targets"] == 12).all()
    assert report.year.targets.groupby("unit_id").size().eq(12).all()
    assert set(report.lines["status"]) == STATUSES
    assert not report.warnings
    units = report.units.set_index("unit_id")
    subs = units[units["parent_id"].notna()]
    assert len(subs) == 5
    assert subs["parent_id"].isin(units.index).all()
    assert units.loc[subs["parent_id"], "parent_id"].isna().all()  # depth 2 at most
    assert len(report.year.groups) == 10


def test_synthetic_year_is_deterministic(tmp_path):
    synth = bench_module("synth")
    synth.write_year(tmp_path / "a", 20, seed=7)
    synth.write_year(tmp_path / "b", 20, seed=7)
    for path in sorted((tmp_path / "a" / "2031").iterdir()):
        assert path.read_bytes() == (tmp_path / "b" / "2031" / path.name).read_bytes(), path.name


def test_bare_site_builds(tmp_path):
    bare = bench_module("bare")
    folder = bare.write_bare(tmp_path / "bare", 3)
    seconds = bare.build_bare(folder)
    assert seconds > 0
    assert (tmp_path / "bare" / "site" / "p" / "00001.html").is_file()
    assert (tmp_path / "bare" / "site" / "p" / "00003.html").is_file()
