"""Work moved to a worker process for speed gives exactly what the build makes without one."""

from __future__ import annotations

import pytest

from scorecard import cells, exports, worker
from scorecard.pipeline import check
from test_bench_synth import bench_module


@pytest.fixture(scope="module")
def synthetic_report(tmp_path_factory):
    """A 60-unit synthetic year (enough result lines for the exports to go to a worker)."""
    folder = tmp_path_factory.mktemp("synth")
    bench_module("synth").write_year(folder, 60, seed=3)
    [report] = check(folder, progress=lambda m: None)
    return report


def test_exports_made_in_a_worker_are_those_made_here(synthetic_report):
    assert len(synthetic_report.lines) >= exports.BACKGROUND_LINES
    job = exports.start_exports(synthetic_report)
    assert job.process is not None or not worker.can_fork()
    assert job.result() == exports.export_files(synthetic_report)


def failing(value):
    raise ValueError(f"broken {value}")


def test_a_failing_worker_reports_the_real_error():
    with pytest.raises(ValueError, match="broken 7"):
        worker.Job(failing, 7).result()


def test_without_a_worker_the_work_is_done_in_this_process():
    job = worker.Job(divmod, 7, 2, background=False)
    assert job.process is None and job.result() == (3, 1)


def test_a_build_with_workers_is_byte_for_byte_the_build_without(tmp_path, monkeypatch):
    from scorecard import publish
    from scorecard.pipeline import build
    from scorecard.progress import Reporter
    from site_fixture import tree_digest

    bench_module("synth").write_year(tmp_path / "data", 30, seed=5)
    sites = {}
    for name, threshold in (("workers", 0), ("alone", 10**9)):
        monkeypatch.setattr(exports, "BACKGROUND_LINES", threshold)
        monkeypatch.setattr(publish, "BACKGROUND_PAGES", threshold)
        build(tmp_path / "data", tmp_path / name, progress=Reporter(quiet=True))
        sites[name] = tree_digest(tmp_path / name)
    assert sites["workers"] == sites["alone"]


def test_numbers_formatted_a_column_at_a_time_read_as_one_at_a_time():
    import math

    import pandas as pd

    values = [1e-05, 1.5e-07, 1e16, 1e15, 999999999999999.0, -0.0, 0.1, 2.5, -3.0, math.nan, math.inf,
              1804.0, 8.333333333333334, None]
    assert cells.plain_numbers(pd.Series(values, dtype=object)) == [cells.plain_number(v) for v in values]
