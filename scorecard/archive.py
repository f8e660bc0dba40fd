"""Archive records, read side: manifests, snapshots of closed years, verification, cross-year facts.

publish.py writes what these functions describe; nothing here writes files.
"""

from __future__ import annotations

import csv
import json
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .inputs import file_hash
from .schema import YEAR_PATTERN
from .text import script_json

MANIFEST = "manifest.json"
YEAR_DIGITS = "[0-9][0-9][0-9][0-9]"
ZIP_TIME = (2000, 1, 1, 0, 0, 0)  # overwritten by the year's build date; zip entries need some fixed time


def sha256(path: Path) -> str:
    """SHA-256 of a file, read in chunks (inputs.file_hash)."""
    return file_hash(path)


def file_hashes(folder: Path, skip: tuple[str, ...] = (MANIFEST,)) -> dict[str, str]:
    """SHA-256 of every file under a folder, by path relative to it (sorted), leaving out `skip`."""
    return {p.relative_to(folder).as_posix(): sha256(p)
            for p in sorted(folder.rglob("*")) if p.is_file() and p.relative_to(folder).as_posix() not in skip}


def manifest(year_dir: Path, inputs: dict[str, str], facts: dict) -> dict:
    """The record of a published year: every file's hash, every input's hash, version, period, date."""
    return dict(facts, inputs=inputs, files=file_hashes(year_dir))


def differences(folder: Path, recorded: dict, accepted: frozenset[str] = frozenset()) -> list[str]:
    """Files changed, added (unless `accepted`) or removed since the manifest was written (Vietnamese labels)."""
    return compare(file_hashes(folder), not_files(folder), recorded.get("files", {}), accepted)


def compare(now: dict[str, str], links: set[str], expected: dict[str, str], accepted: frozenset[str]) -> list[str]:
    """What differs between the files found (their hashes; links and other non-files apart) and a manifest.

    A link or FIFO is never a file of ours: where the manifest has a file it is a change, elsewhere an addition.
    """
    found = [f"đã sửa (changed): {p}" for p in sorted(expected)
             if p in links or (p in now and now[p] != expected[p])]
    found += [f"thêm vào (added): {p}" for p in sorted(set(now) | links) if p not in expected and p not in accepted]
    found += [f"bị xóa (removed): {p}" for p in sorted(expected) if p not in now and p not in links]
    return found


def not_files(folder: Path, top: bool = False) -> set[str]:
    """Links (to a folder, a file, nowhere) and FIFOs, sockets, devices under a folder, never followed, by path
    relative to it: file_hashes leaves them out, yet a link to the data folder would serve it. With top, only
    those outside the year folders."""
    found = set()
    for current, folders, files in os.walk(folder):
        base = Path(current)
        if top and base == folder:
            folders[:] = [f for f in folders if not YEAR_PATTERN.fullmatch(f)]
        for name in folders + files:
            path = base / name
            if path.is_symlink() or not (path.is_dir() or path.is_file()):
                found.add(path.relative_to(folder).as_posix())
    return found


def read_manifest(folder: Path) -> dict | None:
    path = folder / MANIFEST
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


@dataclass(frozen=True)
class Snapshot:
    """A closed year frozen as published: snapshots/<year>/v<n>/ with its manifest."""

    year: int
    version: int
    folder: Path



def closing_note(snapshot_folder: Path) -> Path:
    """Where close notes a snapshot's closing date: snapshots/<year>/v<n>.json, beside the frozen folder."""
    return snapshot_folder.with_name(snapshot_folder.name + ".json")


def closed_on(snapshot: Snapshot) -> str | None:
    """The date a snapshot was made (YYYY-MM-DD), when close noted it (not before this note existed)."""
    try:
        return json.loads(closing_note(snapshot.folder).read_text(encoding="utf-8"))["closed_on"]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def changed_inputs(snapshot: Snapshot, now: dict[str, str]) -> list[str]:
    """The input files of a closed year changed, added or removed since it was frozen (by the input hashes
    its manifest recorded); empty when they match, or when the snapshot recorded none (nothing to compare)."""
    recorded = (read_manifest(snapshot.folder) or {}).get("inputs")
    if not recorded or not isinstance(recorded, dict):
        return []
    return sorted(name for name in set(recorded) | set(now) if recorded.get(name) != now.get(name))


def snapshots(snapshots_dir: Path) -> dict[int, list[Snapshot]]:
    """Every snapshot by year, oldest version first."""
    found: dict[int, list[Snapshot]] = {}
    if not snapshots_dir.is_dir():
        return found
    for year_dir in sorted(snapshots_dir.glob(YEAR_DIGITS)):
        versions = []
        for version_dir in year_dir.glob("v*"):
            if version_dir.name[1:].isdigit() and (version_dir / MANIFEST).is_file():
                versions.append(Snapshot(int(year_dir.name), int(version_dir.name[1:]), version_dir))
        if versions:
            found[int(year_dir.name)] = sorted(versions, key=lambda s: s.version)
    return found


def latest_snapshots(snapshots_dir: Path) -> dict[int, Snapshot]:
    """The snapshot each closed year is published from: its newest version."""
    return {year: versions[-1] for year, versions in snapshots(snapshots_dir).items()}


def verify(site_dir: Path, snapshots_dir: Path, accepted: frozenset[str] = frozenset()) -> list[str]:
    """Every difference between the snapshots, the published site and their manifests.

    `accepted`: files people added to the site (ownership.kept), by path relative to the site, not reported.
    """
    problems = []
    for year, versions in snapshots(snapshots_dir).items():
        for snap in versions:
            problems += [f"snapshot {year}/v{snap.version}: {d}" for d in differences(snap.folder, read_manifest(snap.folder))]
    closed = latest_snapshots(snapshots_dir)
    for year_dir in sorted(site_dir.glob(YEAR_DIGITS)) if site_dir.is_dir() else []:
        recorded = read_manifest(year_dir)
        inside = frozenset(p.split("/", 1)[1] for p in accepted if p.startswith(year_dir.name + "/"))
        if recorded is None:
            if set(file_hashes(year_dir, skip=())) - inside:
                problems.append(f"site/{year_dir.name}: thiếu {MANIFEST} (no manifest)")
            continue
        problems += [f"site/{year_dir.name}: {d}" for d in differences(year_dir, recorded, inside)]
        snap = closed.get(int(year_dir.name))
        if snap is not None and read_manifest(snap.folder) != recorded:
            problems.append(f"site/{year_dir.name}: khác bản lưu v{snap.version} của năm đã khóa sổ "
                            "(differs from the closed year's snapshot)")
    index = read_manifest(site_dir) if site_dir.is_dir() else None
    if index is not None:
        problems += [f"site: {d}" for d in differences_at_root(site_dir, index, accepted)]
    return problems


def differences_at_root(site_dir: Path, recorded: dict, accepted: frozenset[str] = frozenset()) -> list[str]:
    """The site's own files (archive page, cross-year scripts, zips) against the site manifest."""
    return compare(root_hashes(site_dir), not_files(site_dir, top=True), recorded.get("files", {}), accepted)


def root_hashes(site_dir: Path) -> dict[str, str]:
    """Hashes of the site's own files: everything outside the year folders (which have their manifests)."""
    return {p.relative_to(site_dir).as_posix(): sha256(p) for p in sorted(site_dir.rglob("*"))
            if p.is_file() and p.name != MANIFEST and not YEAR_PATTERN.fullmatch(p.relative_to(site_dir).parts[0])}


def year_zip(handle, year_dir: Path, extra: dict[str, str], date) -> None:
    """The year as one download that opens from disk: <year>/... plus the cross-year scripts, fixed dates.

    Written into `handle` (opened by publish.py) one file at a time, so a large year is never in memory whole.
    """
    stamp = (date.year, date.month, date.day, 0, 0, 0)
    sources = {f"{year_dir.name}/{p.relative_to(year_dir).as_posix()}": p
               for p in year_dir.rglob("*") if p.is_file()}
    sources.update(extra)
    with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(sources):
            source = sources[name]
            data = source.read_bytes() if isinstance(source, Path) else source.encode("utf-8")
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data, compresslevel=1)  # fast: the zip is made at every build


def cross_year_scripts(years: dict[str, dict]) -> dict[str, str]:
    """years.js (the years, for the year switcher) and units/<bucket>.js (each unit's result by year).

    `years` maps a year to its about.json facts plus its summary.json content. Units are
    split into buckets by the last two characters of their id (unit_bucket), so a unit
    page loads the few units of its bucket, not a list that grows with every unit.
    """
    listing = [{"year": int(y), "title": f["about"]["title"], "period_name": f["about"]["period_name"],
                "final": f["about"]["final"]} for y, f in sorted(years.items(), reverse=True)]
    units: dict[str, dict[str, list]] = {}
    for year, facts in sorted(years.items()):
        members = facts["summary"].get("units", [])
        group_sizes: dict[str, int] = {}
        for u in members:
            group_sizes[u["group_id"]] = group_sizes.get(u["group_id"], 0) + 1
        for u in members:
            units.setdefault(u["unit_id"], {})[year] = [u["score"], u["rating"], u["rank_in_group"],
                                                        group_sizes[u["group_id"]]]
    buckets: dict[str, dict] = {}
    for unit_id, record in units.items():
        buckets.setdefault(unit_bucket(unit_id), {})[unit_id] = record
    scripts = {"years.js": f"window.SCORECARD_YEARS = {script_json(listing)};\n"}
    for bucket, members in sorted(buckets.items()):
        scripts[f"units/{bucket}.js"] = f"window.SCORECARD_UNITS = {script_json(members)};\n"
    for bucket, members in sorted(official_records(years).items()):
        scripts[f"officials/{bucket}.js"] = f"window.SCORECARD_OFFICIALS = {script_json(members)};\n"
    return scripts


def official_records(years: dict[str, dict]) -> dict[str, dict]:
    """Each official's posts year by year, from every year's export/officials.csv, split into buckets
    by the id's last two characters (the official page loads its own bucket):
    {bucket: {official_id: {year: {"n": name, "p": [[title, unit_id, unit_name, from, to, score, rating]]}}}}."""
    buckets: dict[str, dict] = {}
    for year, facts in sorted(years.items()):
        for post in facts.get("officials") or []:
            record = buckets.setdefault(post["official_id"][-2:], {}).setdefault(post["official_id"], {})
            entry = record.setdefault(year, {"n": post["name"], "p": []})
            score = float(post["unit_score"]) if post["unit_score"] else None
            entry["p"].append([post["title"], post["unit_id"], post["unit_name"], post["from"], post["to"], score,
                               post["unit_rating"] or None])
    return buckets


def read_officials(year_dir: Path) -> list[dict]:
    """A built year's export/officials.csv as rows (none when the year has no officials)."""
    path = year_dir / "export" / "officials.csv"
    if not path.is_file():
        return []
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:  # undo the export's guard against spreadsheet formulas: these are shown as text
        for column in ("name", "unit_name", "title"):
            if row[column].startswith("'") and row[column][1:2] in ("=", "+", "-", "@", "\t", "\r"):
                row[column] = row[column][1:]
    return rows


def unit_bucket(unit_id: str) -> str:
    """The file of units/ holding a unit's results across years: its id's last two characters
    (the template computes the same with unit_id[-2:])."""
    return unit_id[-2:]
