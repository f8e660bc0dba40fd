"""Progress output: a bar on a terminal, a line every tenth in a log, nothing when quiet; stage timings."""

from __future__ import annotations

import io

from scorecard.progress import Reporter, StageTimer


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_a_terminal_gets_a_redrawn_bar():
    stream = Terminal()
    reporter = Reporter(stream=stream)
    reporter.start("2021", 4)
    for _ in range(4):
        reporter.tick()
    text = stream.getvalue()
    assert text.count("\r") == 4
    assert "[" + "#" * 30 + "] 4/4\n" in text


def test_a_log_gets_a_line_every_tenth_of_a_long_step():
    stream = io.StringIO()
    reporter = Reporter(stream=stream)
    reporter.start("2021", 1000)
    for _ in range(1000):
        reporter.tick()
    lines = stream.getvalue().splitlines()
    assert lines[0] == "  2021: 1/1000" and lines[-1] == "  2021: 1000/1000"
    assert len(lines) == 11


def test_quiet_prints_nothing():
    stream = Terminal()
    reporter = Reporter(quiet=True, stream=stream)
    reporter("message")
    reporter.start("2021", 3)
    reporter.tick()
    assert stream.getvalue() == ""


def test_nested_stages_are_not_counted_twice(monkeypatch):
    clock = iter([0.0, 2.0, 7.0, 8.0])  # render starts, charts start, charts end, render ends
    monkeypatch.setattr("scorecard.progress.time.perf_counter", lambda: next(clock))
    timer = StageTimer()
    with timer.stage("render"):
        with timer.stage("charts"):
            pass
    assert timer.seconds == {"render": 3.0, "charts": 5.0}
