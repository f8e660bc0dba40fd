"""Progress output and stage timings: lines for each stage, a bar in a terminal for long steps."""

from __future__ import annotations

import contextlib
import sys
import time


class Reporter:
    """Prints progress messages; draws a bar on a terminal, a line every tenth otherwise."""

    def __init__(self, quiet: bool = False, stream=None):
        self.quiet = quiet
        self.stream = stream or sys.stdout
        self.label, self.total, self.done, self.shown = "", 0, 0, -1

    def __call__(self, message: str) -> None:
        if not self.quiet:
            print(message, file=self.stream, flush=True)

    def start(self, label: str, total: int) -> None:
        """Begin counting `total` steps of a long step."""
        self.label, self.total, self.done, self.shown = label, total, 0, -1

    def tick(self) -> None:
        """One step done: redraw the bar (terminal) or print each further tenth (log files)."""
        if self.quiet or not self.total:
            return
        self.done += 1
        tenth = self.done * 10 // self.total
        if self.stream.isatty():
            filled = self.done * 30 // self.total
            self.stream.write(f"\r  {self.label} [{'#' * filled}{'.' * (30 - filled)}] {self.done}/{self.total}")
            if self.done == self.total:
                self.stream.write("\n")
            self.stream.flush()
        elif tenth != self.shown and self.total >= 200:
            self.shown = tenth
            print(f"  {self.label}: {self.done}/{self.total}", file=self.stream, flush=True)


class StageTimer:
    """Wall time spent in each pipeline stage; a nested stage pauses the one around it."""

    def __init__(self):
        self.seconds: dict[str, float] = {}
        self._stack: list[tuple[str, float]] = []

    @contextlib.contextmanager
    def stage(self, name: str):
        now = time.perf_counter()
        if self._stack:
            outer, started = self._stack[-1]
            self.seconds[outer] = self.seconds.get(outer, 0.0) + now - started
        self._stack.append((name, now))
        try:
            yield
        finally:
            end = time.perf_counter()
            _, started = self._stack.pop()
            self.seconds[name] = self.seconds.get(name, 0.0) + end - started
            if self._stack:
                self._stack[-1] = (self._stack[-1][0], end)


NO_TIMER = StageTimer()
