"""Work done on a build machine's other core: a function run in a forked child while the build goes on.

A fork, not a fresh interpreter: the child starts at once with the year already in memory (a
spawned one would spend a second importing pandas and unpickling the year). Where fork is not
available, or the child fails in any way, the work is simply done in this process, so the result
and any error are the same as without a worker.
"""

from __future__ import annotations

import multiprocessing
import sys
import weakref


def can_fork() -> bool:
    """Fork only on Linux: macOS' system libraries do not support it, Windows has none."""
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


class Job:
    """`function(*args)` started in a forked child; result() waits for its value."""

    def __init__(self, function, *args, background: bool = True):
        self.function, self.args = function, args
        self.process = self.connection = None
        if background and can_fork():
            sys.stdout.flush()  # else the child would write out again what this process had not yet
            sys.stderr.flush()
            context = multiprocessing.get_context("fork")
            self.connection, sending = context.Pipe(duplex=False)
            self.process = context.Process(target=run_child, args=(sending, function, args), daemon=True)
            self.process.start()
            sending.close()
            # Should the build fail before asking for the result, the child must not outlive the job.
            weakref.finalize(self, self.process.terminate)

    def result(self):
        """The function's value: from the child when it succeeded, else computed here (raising its error)."""
        if self.process is None:
            return self.function(*self.args)
        try:
            succeeded, value = self.connection.recv()
        except (EOFError, OSError):  # the child died (killed, out of memory): the work is done here
            succeeded, value = False, None
        finally:
            self.connection.close()
            self.process.join()
        return value if succeeded else self.function(*self.args)


def run_child(connection, function, args) -> None:
    """In the child: send (True, value), or (False, None) on any error (the parent then redoes the work)."""
    try:
        value = function(*args)
    except BaseException:
        connection.send((False, None))
    else:
        connection.send((True, value))
    finally:
        connection.close()
