"""README command 1, literally, in a fresh virtual environment on the oldest Python the README promises.

The README says "Python X.Y trở lên"; this test finds an interpreter of that
version on the machine (Debian 12's /usr/bin/python3.11 is 3.11.2, the oldest
3.11 a staff PC or server is likely to have), makes a venv with it in a copy
of the project, runs `pip install -r requirements.txt && python generate.py`
there, and compares the site built with the one this test run built.
It skips, saying so, only where no such interpreter exists.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from site_fixture import ROOT, tree_digest
from test_docs import INSTALL_AND_BUILD, README

CANDIDATES = ("/usr/bin/python{v}", "/usr/local/bin/python{v}", "python{v}")
OUTPUTS = {".git", "site", "build", ".venv", "venv", ".pytest_cache", ".hypothesis"}  # at the top, not the project


def not_copied(folder: str, names: list[str]) -> set[str]:
    """What a fresh copy of the project leaves out: built sites, environments, caches (shutil.copytree's ignore)."""
    top = Path(folder) == ROOT
    return {n for n in names if n == "__pycache__" or (top and (n in OUTPUTS or n.startswith((".site", "site."))))}


def promised_version() -> tuple[int, int]:
    """The oldest Python the README promises: "Python 3.11 trở lên"."""
    found = re.search(r"Python (\d+)\.(\d+) trở lên", README)
    assert found, "the README must say which Python it needs (\"Python 3.11 trở lên\")"
    return int(found[1]), int(found[2])


def version_of(python: str) -> tuple[int, ...] | None:
    """An interpreter's version, or None when it cannot run."""
    try:
        done = subprocess.run([python, "-c", "import sys; print(*sys.version_info[:3])"],
                              capture_output=True, text=True, timeout=60)
    except OSError:
        return None
    return tuple(map(int, done.stdout.split())) if done.returncode == 0 else None


def oldest_python(major: int, minor: int) -> tuple[str, tuple[int, ...]] | None:
    """The interpreter of version major.minor with the lowest micro version on this machine (venv included)."""
    found = []
    for pattern in CANDIDATES:
        path = shutil.which(pattern.format(v=f"{major}.{minor}"))
        version = version_of(path) if path else None
        if version and version[:2] == (major, minor) and subprocess.run(
                [path, "-c", "import ensurepip, venv"], capture_output=True).returncode == 0:
            found.append((version, path))
    return (min(found)[1], min(found)[0]) if found else None


def test_readme_command_1_on_the_oldest_promised_python(tmp_path, sample_site):
    major, minor = promised_version()
    oldest = oldest_python(major, minor)
    if oldest is None:
        pytest.skip(f"no Python {major}.{minor} with venv on this machine (looked for "
                    f"{', '.join(p.format(v=f'{major}.{minor}') for p in CANDIDATES)})")
    python, version = oldest
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=not_copied)  # file times kept: the pages' "updated" date comes from them
    venv = tmp_path / "venv"
    subprocess.run([python, "-m", "venv", str(venv)], check=True, timeout=300)
    env = dict(os.environ, VIRTUAL_ENV=str(venv), PATH=f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}")
    env.pop("PYTHONHOME", None)
    env.pop("PYTHONPATH", None)
    done = subprocess.run(["bash", "-c", INSTALL_AND_BUILD], cwd=project, env=env, capture_output=True, text=True,
                          timeout=1800)
    assert done.returncode == 0, f"on Python {version}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    ran = subprocess.run(["python", "-c", "import sys; print(*sys.version_info[:3])"], cwd=project, env=env,
                         capture_output=True, text=True).stdout.split()
    assert tuple(map(int, ran)) == version, "the command did not run in the venv's Python"
    assert "Xong: dựng " in done.stdout
    assert tree_digest(project / "site") == tree_digest(sample_site), \
        f"Python {version} built a site different from this run's (Python of the test run)"
