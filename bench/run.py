#!/usr/bin/env python3
"""Benchmark: build synthetic years of N units and a bare mkdocs-material site of as many pages (as the
build made: units, groups, indicators, officials...).

    python bench/run.py                 # N = 100 and 1,000 (a few minutes)
    python bench/run.py --large         # also N = 10,000
    python bench/run.py --sizes 300     # any sizes

For each N it prints the wall time of every stage (load, validate, compute,
charts, render, mkdocs, publish), the total, the ratio to the bare site, peak
memory (the largest proportional set size of the build and its worker
processes together, sampled every half second; the peak resident size of the
build process and of its largest worker are shown too, but a worker forked
from a large process counts the pages it shares with it), output size, bytes
per unit page, and the time of a second run on unchanged data (the whole
command, Python start-up included). Each build runs in its own process so that peak memory is that
build's alone. Timings on a shared 2-core machine vary by a third from run to run, so up to 1,000
units each site is built three times, the two alternated, and medians are compared (`--repeat`).
"""

from __future__ import annotations

import argparse
import statistics
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
STAGES = ("load", "validate", "compute", "charts", "render", "mkdocs", "publish")
YEAR = 2031


def cpu_seconds() -> float:
    """CPU time (user and system) of this process and of its finished workers, so far."""
    return sum(usage.ru_utime + usage.ru_stime
               for usage in (resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)))


def child_build(data: str, site: str) -> None:
    """In a child process: build like `generate.py --quiet`, print the stage timings as JSON."""
    from scorecard.pipeline import build
    from scorecard.progress import Reporter

    started, cpu = time.perf_counter(), cpu_seconds()
    stats = build(Path(data), Path(site), progress=Reporter(quiet=True))
    seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu
    # The build's worker processes (forked for the exports, the manifest and the zip): the largest one's peak.
    own, workers = (resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB
                    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    print(json.dumps({"seconds": seconds, "stages": stats.stages, "skipped": stats.skipped, "pages": stats.pages,
                      "peak_mib": own, "workers_peak_mib": workers, "cpu": cpu}))


def child_bare(folder: str, pages: int) -> None:
    """In a child process: write and build the bare site, print the build time as JSON."""
    from bare import build_bare, write_bare

    project = write_bare(Path(folder), pages)
    cpu = cpu_seconds()
    seconds = build_bare(project)
    print(json.dumps({"seconds": seconds, "cpu": cpu_seconds() - cpu}))


def run_child(args: list[str]) -> tuple[dict, float, float, float]:
    """Run this script in a child mode; return its JSON, wall seconds, peak memory (MiB) and peak PSS (MiB)."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, __file__, *args], stdout=subprocess.PIPE, cwd=ROOT)
    sampled, done = [0.0], threading.Event()
    sampler = threading.Thread(target=sample_memory, args=(process.pid, done, sampled), daemon=True)
    sampler.start()
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    done.set()
    sampler.join()
    if status != 0:
        raise SystemExit(f"child {args} failed with status {status}")
    peak = usage.ru_maxrss / 1024  # Linux reports KiB
    return json.loads(output.decode().strip().splitlines()[-1]), wall, peak, sampled[0]


def sample_memory(pid: int, done: threading.Event, peak: list[float]) -> None:
    """Every half second until `done`, the memory a process and its workers use together; the largest in peak[0].

    (Not Popen.poll(): it would reap the process before run_child's wait4 reads its resource usage.)
    """
    while not done.is_set():
        peak[0] = max(peak[0], tree_pss_mib(pid))
        done.wait(0.5)


def tree_pss_mib(pid: int) -> float:
    """Proportional set size of a process and its descendants, in MiB: pages shared after a fork are
    split between the processes sharing them, so the sum is the memory they hold at once (Linux)."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            with open(f"/proc/{current}/smaps_rollup") as rollup:
                total += sum(int(line.split()[1]) for line in rollup if line.startswith("Pss:"))
            with open(f"/proc/{current}/task/{current}/children") as children:
                pending += [int(child) for child in children.read().split()]
        except (OSError, ValueError):  # gone meanwhile, or no such file here
            continue
    return total / 1024


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def repeats_for(units: int, asked: int | None) -> int:
    """How many times to build each site: 3 up to 1,000 units (timings on a shared machine vary by a
    third from run to run), once at 10,000 (minutes a build) unless asked otherwise."""
    return asked if asked else (3 if units <= 1_000 else 1)


def measure(units: int, work: Path, repeat: int) -> dict:
    """Build N units `repeat` times alternating with the bare site, then once more unchanged; medians."""
    from synth import write_year

    data = work / f"data-{units}"
    counts = write_year(data, units, year=YEAR)
    builds, bares = [], []
    for i in range(repeat):  # alternated, so a slow spell of the machine touches both sides alike
        site = work / f"site-{units}-{i}"
        builds.append(run_child(["--child-build", str(data), str(site)]))
        # as many bare pages as the build made (unit, group, indicator, official pages...), not one per unit
        bares.append(run_child(["--child-bare", str(work / f"bare-{units}-{i}"), str(builds[-1][0]["pages"])]))
    second, second_wall, _, _ = run_child(["--child-build", str(data), str(site)])
    middle = sorted(range(repeat), key=lambda i: builds[i][0]["seconds"])[repeat // 2]
    first, first_wall, _, _ = builds[middle]
    bare_seconds = statistics.median(b[0]["seconds"] for b in bares)
    ratios = [b[0]["seconds"] / c[0]["seconds"] for b, c in zip(builds, bares)]
    unit_pages = list((work / f"site-{units}-{middle}" / str(YEAR) / "don-vi").glob("*.html"))
    return {
        "units": units, "targets": counts.get("targets"), "results": counts.get("results"), "repeat": repeat,
        "pages": first["pages"], "officials": counts.get("officials"),
        "stages": first["stages"], "total": first["seconds"], "command": first_wall,
        "bare": bare_seconds, "ratio": first["seconds"] / bare_seconds, "ratios": ratios,
        "cpu": statistics.median(b[0]["cpu"] for b in builds), "bare_cpu": statistics.median(b[0]["cpu"] for b in bares),
        "peak_mib": max(b[3] for b in builds), "main_peak_mib": max(b[0]["peak_mib"] for b in builds),
        "workers_peak_mib": max(b[0]["workers_peak_mib"] for b in builds),
        "bare_peak_mib": max(b[2] for b in bares),
        "output_mib": folder_bytes(work / f"site-{units}-{middle}" / str(YEAR)) / 2**20,
        "bytes_per_unit_page": sum(p.stat().st_size for p in unit_pages) / max(len(unit_pages), 1),
        "second_run": second_wall, "second_skipped": second["skipped"],
    }


def print_table(rows: list[dict]) -> None:
    """The figures, one column per N."""
    def line(label, values):
        print(f"{label:<34}" + "".join(f"{v:>14}" for v in values))

    print(f"\nMachine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}")
    line("units", [f"{r['units']:,}" for r in rows])
    for stage in STAGES:
        line(f"  {stage} (s)", [f"{r['stages'].get(stage, 0):.2f}" for r in rows])
    line("pages (official posts)", [f"{r['pages']:,} ({r['officials']:,})" for r in rows])
    line("builds of each site", [str(r["repeat"]) for r in rows])
    line("total build (s), median", [f"{r['total']:.2f}" for r in rows])
    line("bare mkdocs-material (s), median", [f"{r['bare']:.2f}" for r in rows])
    line("ratio to bare (medians)", [f"{r['ratio']:.2f}" for r in rows])
    line("  ratio of each pair", ["–".join(f"{x:.2f}" for x in (min(r["ratios"]), max(r["ratios"]))) for r in rows])
    # CPU time counts what each build did, whatever else ran on the machine (a build with a worker
    # uses more CPU seconds than wall seconds on a quiet machine: an upper bound of its cost)
    line("CPU time, build and workers (s), median", [f"{r['cpu']:.2f}" for r in rows])
    line("CPU time, bare (s), median", [f"{r['bare_cpu']:.2f}" for r in rows])
    line("ratio of CPU times", [f"{r['cpu'] / r['bare_cpu']:.2f}" for r in rows])
    line("peak memory (MiB)", [f"{r['peak_mib']:.0f}" for r in rows])
    line("  main process RSS (MiB)", [f"{r['main_peak_mib']:.0f}" for r in rows])
    line("  largest worker RSS (MiB)", [f"{r['workers_peak_mib']:.0f}" for r in rows])
    line("bare peak memory (MiB)", [f"{r['bare_peak_mib']:.0f}" for r in rows])
    line("output (MiB)", [f"{r['output_mib']:.1f}" for r in rows])
    line("bytes per unit page", [f"{r['bytes_per_unit_page']:,.0f}" for r in rows])
    line("unchanged rebuild (s)", [f"{r['second_run']:.2f}" for r in rows])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,1000", help="comma-separated unit counts (default 100,1000)")
    parser.add_argument("--large", action="store_true", help="add N = 10,000")
    parser.add_argument("--repeat", type=int, metavar="K",
                        help="builds of each site, alternated; medians reported (default 3 up to 1,000 units, else 1)")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    parser.add_argument("--child-build", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--child-bare", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_build:
        return child_build(*args.child_build)
    if args.child_bare:
        return child_bare(args.child_bare[0], int(args.child_bare[1]))
    sizes = [int(s) for s in args.sizes.split(",") if s]
    if args.large and 10_000 not in sizes:
        sizes.append(10_000)
    rows = []
    with tempfile.TemporaryDirectory(prefix="scorecard-bench-") as work:
        for units in sizes:
            repeat = repeats_for(units, args.repeat)
            print(f"N = {units:,}: generating; building it and the bare site {repeat} times, alternated; "
                  "then once more unchanged…", flush=True)
            rows.append(measure(units, Path(work), repeat))
    print_table(rows)
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
