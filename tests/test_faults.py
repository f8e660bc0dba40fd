"""Faults: a second run, leftovers of killed runs, full disks, SIGKILL and Ctrl-C never harm the published site."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from scorecard import publish
from scorecard.cli import main
from scorecard.mkdocs_engine import MkdocsEngine
from scorecard.pipeline import build
from site_fixture import ROOT, SAMPLE_DATA, example_dir, tree_digest




@pytest.fixture
def published(tmp_path):
    """The example year built once into tmp/site; returns (data, site, digest before)."""
    data = tmp_path / "data"
    shutil.copytree(example_dir() / "data", data)
    site = tmp_path / "site"
    assert main(["--data", str(data), "--site", str(site), "-q"]) == 0
    return data, site, tree_digest(site)


def test_a_second_concurrent_run_stops_with_a_clear_message(published, capsys):
    data, site, before = published
    with open(site.parent / ".site.lock", "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        handle.write("4242")
        handle.flush()
        assert main(["--data", str(data), "--site", str(site), "--force", "-q"]) == 1
    assert "Một lần dựng khác đang chạy" in capsys.readouterr().err
    assert tree_digest(site) == before
    assert main(["--data", str(data), "--site", str(site), "--force", "-q"]) == 0  # free again


def test_leftover_staging_of_a_killed_run_is_cleaned(published):
    data, site, before = published
    dead = site.parent / ".site.staging-999999"
    (dead / "2030").mkdir(parents=True)
    (site.parent / ".site.docs-999999").mkdir()
    assert main(["--data", str(data), "--site", str(site), "--force", "-q"]) == 0
    assert not dead.exists() and not (site.parent / ".site.docs-999999").exists()
    assert tree_digest(site) == before


def test_a_site_moved_aside_by_a_killed_switch_is_put_back(published):
    data, site, before = published
    os.rename(site, site.parent / ".site.old-999999")  # as if killed between the fallback's two renames
    publish.clean_leftovers(site.resolve())
    assert tree_digest(site) == before


@pytest.mark.parametrize("code, words", [(errno.ENOSPC, "Ổ đĩa đã đầy"), (errno.EACCES, "Không có quyền ghi")])
def test_a_full_disk_or_unwritable_folder_gives_a_clear_message(published, monkeypatch, capsys, code, words):
    data, site, before = published

    def failing(base, pages):
        raise OSError(code, os.strerror(code), str(base))

    monkeypatch.setattr(publish, "write_pages", failing)
    assert main(["--data", str(data), "--site", str(site), "--force", "-q"]) == 1
    err = capsys.readouterr().err
    assert words in err and "giữ nguyên" in err and "Traceback" not in err
    assert tree_digest(site) == before


class BrokenLinkEngine(MkdocsEngine):
    """mkdocs, then a page given a broken link and an image from outside."""

    def build(self, pages, nav, site_name, out, date, progress=None):
        super().build(pages, nav, site_name, out, date, progress)
        page = out / "don-vi" / "huyen-a.html"
        page.write_text(page.read_text(encoding="utf-8").replace("</body>", '<a href="khong-co.html">x</a>'
                        '<img src="https://example.org/x.png"></body>'), encoding="utf-8")


def test_the_built_site_is_checked_before_it_is_published(published):
    data, site, before = published
    with pytest.raises(publish.PublishError) as failure:
        build(data, site, force=True, progress=lambda message: None, engine=BrokenLinkEngine())
    assert "don-vi/huyen-a.html: liên kết hỏng khong-co.html" in str(failure.value)
    assert "don-vi/huyen-a.html: liên kết ra ngoài https://example.org/x.png" in str(failure.value)
    assert tree_digest(site) == before


@pytest.fixture(scope="module")
def two_versions(tmp_path_factory):
    """The sample data, its site (v1), changed data, and the site that data gives (v2)."""
    base = tmp_path_factory.mktemp("kill")
    data = base / "data"
    shutil.copytree(SAMPLE_DATA, data)
    site = base / "site"
    assert main(["--data", str(data), "--site", str(site), "-q"]) == 0
    v1 = tree_digest(site)
    changed = base / "changed"
    shutil.copytree(data, changed)
    for year, old, new in (("2021", "yen-lac,ket-nap,y,189", "yen-lac,ket-nap,y,190"),
                           ("2022", "yen-lac,ket-nap,9m,190", "yen-lac,ket-nap,9m,191")):
        results = changed / year / "results.csv"
        text = results.read_text(encoding="utf-8")
        assert old in text
        results.write_text(text.replace(old, new), encoding="utf-8")
    assert main(["--data", str(changed), "--site", str(base / "site-v2"), "-q"]) == 0
    v2 = tree_digest(base / "site-v2")
    assert v1 != v2
    return changed, site, v1, v2


# The build run in a child process that stops at a known point and waits there to be interrupted, so that
# a test kills it at that point however fast or loaded the machine is (a timer, or a kill sent on seeing a
# progress line, races the build). It stops after printing the progress line that starts with `stage`, or
# after the engine has built `pages` pages of that stage, or (stage "switch") just before the new site is
# swapped in; there it prints HALTED and waits on its stdin. Should the test let go of stdin without
# interrupting it, it leaves (exit 3) without publishing anything. Ctrl-C is made to raise KeyboardInterrupt
# as in a terminal even when the tests run where SIGINT is ignored (started with `&` by a script, nohup),
# which Python's children inherit: there the Ctrl-C cases would otherwise wait for ever.
HALTING = """
import os, signal, sys
signal.signal(signal.SIGINT, signal.default_int_handler)
sys.path.insert(0, {root!r})
from scorecard import progress, publish
from scorecard.cli import main

STAGE, PAGES = {stage!r}, {pages!r}
said, ticked, switch = progress.Reporter.__call__, progress.Reporter.tick, publish.switch
built = []

def halt():
    print({halted!r}, flush=True)
    os.read(0, 1)  # until a signal (Ctrl-C raises here) or the test's end of the pipe closes
    os._exit(3)

def call(self, message):
    said(self, message)
    if message.startswith(STAGE):
        built.append(0)
        if not PAGES:
            halt()

def tick(self):
    ticked(self)
    if built:
        built[0] += 1
        if built[0] == PAGES:
            halt()

def halted_switch(staging, site_dir):
    if STAGE == "switch":
        halt()
    switch(staging, site_dir)

progress.Reporter.__call__, progress.Reporter.tick, publish.switch = call, tick, halted_switch
sys.exit(main(["--data", {data!r}, "--site", {site!r}]))
"""
HALTED = "HALTED (test_faults)"
DEADLINE = 300  # seconds a run may take to reach its point and then to end once interrupted, however loaded


@contextlib.contextmanager
def halted_build(data: Path, site: Path, stage: str, pages: int = 0):
    """A build (generate.py's main, in a child process) stopped at `stage`; yields (process, its output so far)."""
    script = HALTING.format(root=str(ROOT), data=str(data), site=str(site), stage=stage, pages=pages,
                            halted=HALTED)
    process = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, cwd=ROOT)
    fired = []
    watchdog = threading.Timer(DEADLINE, lambda: (fired.append(True), process.kill()))  # only a hung run meets it
    watchdog.start()
    try:
        output = []
        for line in process.stdout:
            output.append(line)
            if line.startswith(HALTED):
                break
        else:
            process.wait()
            pytest.fail(f"the build never reached {stage!r} (+{pages} pages), exit status {process.returncode}"
                        f"{f' (killed after {DEADLINE} s)' if fired else ''}:\n"
                        + "".join(output))
        yield process, output
        output.append(process.stdout.read())  # to the end of the run: stdin is still open, it cannot slip away
        process.wait()
        assert not fired, f"the interrupted build did not end within {DEADLINE} s:\n" + "".join(output)
    finally:
        watchdog.cancel()
        process.kill()  # no-op once it has ended
        process.stdin.close()
        process.stdout.close()
        process.wait()


@pytest.mark.parametrize("sig, stage, pages", [
    (signal.SIGKILL, "[2021] Đọc và kiểm tra dữ liệu…", 0),
    (signal.SIGKILL, "[2021] Tạo trang và biểu đồ…", 0),
    (signal.SIGKILL, "[2021] Dựng trang bằng mkdocs", 1),  # one page of the year built into staging
    (signal.SIGKILL, "[2022] Dựng trang bằng mkdocs", 1),  # 2021 complete in staging, 2022 begun
    (signal.SIGKILL, "switch", 0),  # everything built and checked in staging, not yet swapped in
    (signal.SIGINT, "[2021] Tạo trang và biểu đồ…", 0),
    (signal.SIGINT, "[2022] Dựng trang bằng mkdocs", 1),
    (signal.SIGINT, "switch", 0),
])
def test_killing_a_build_leaves_the_published_site_as_it_was(two_versions, sig, stage, pages):
    data, site, v1, v2 = two_versions
    with halted_build(data, site, stage, pages) as (process, output):
        process.send_signal(sig)
    if sig == signal.SIGKILL:
        assert process.returncode == -signal.SIGKILL
    else:  # Ctrl-C: the run says it stopped, and cleans up after itself
        assert process.returncode == 1 and "Đã dừng." in output[-1], "".join(output)
        assert not list(site.parent.glob(f".site.*-{process.pid}"))
    assert tree_digest(site) == v1


def test_the_next_run_after_a_kill_publishes_and_cleans_up(two_versions):
    data, site, v1, v2 = two_versions
    with halted_build(data, site, "[2022] Dựng trang bằng mkdocs", pages=1) as (process, output):
        process.kill()
    assert process.returncode == -signal.SIGKILL
    assert list(site.parent.glob(f".site.staging-{process.pid}"))  # the killed run left its staging behind
    assert main(["--data", str(data), "--site", str(site), "-q"]) == 0  # its lock went with it
    assert tree_digest(site) == v2
    assert not [p for p in site.parent.glob(".site.*-*")]
