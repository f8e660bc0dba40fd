#!/usr/bin/env python3
"""Install what the tests need, then run them: `python tools/run_tests.py [pytest arguments]`.

pip installs the Python packages (requirements-dev.txt). The browser tests need
Debian's Chromium, the PDF checks poppler-utils (pdftotext, pdffonts) and qpdf, and the
check of the charts' CSV files LibreOffice Calc (libreoffice-calc-nogui), which pip
cannot install: when they are missing this script installs them with
apt-get if it runs as root, and otherwise stops, saying how. Tests never skip
silently.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def run(command: list[str]) -> None:
    """Run a command, echoing it, and stop on failure."""
    print("+", " ".join(command), flush=True)
    subprocess.run(command, check=True)


def ensure_python_packages() -> None:
    run([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "-r", str(ROOT / "requirements-dev.txt")])


def missing_debian_packages() -> list[str]:
    """The Debian packages the tests need that are not installed: Chromium, poppler-utils (pdftotext, pdffonts),
    qpdf and LibreOffice Calc (soffice)."""
    missing = [] if Path(CHROMIUM).exists() else ["chromium"]
    missing += [] if shutil.which("pdftotext") and shutil.which("pdffonts") else ["poppler-utils"]
    missing += [] if shutil.which("qpdf") else ["qpdf"]
    return missing + ([] if shutil.which("soffice") else ["libreoffice-calc-nogui"])


def ensure_debian_packages() -> None:
    """Chromium for the browser tests, poppler-utils and qpdf for the PDF checks, LibreOffice Calc for the CSV
    checks: install them as root, or explain how."""
    missing = missing_debian_packages()
    if not missing:
        return
    if shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0:
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        print("+ apt-get install " + " ".join(missing), flush=True)
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", *missing], check=True, env=env)
        missing = missing_debian_packages()
        if not missing:
            return
    sys.exit(f"The tests need Debian's {' and '.join(missing)} (Chromium expected at {CHROMIUM}; "
             "pdftotext and pdffonts from poppler-utils; qpdf; soffice from libreoffice-calc-nogui).\n"
             f"Install as root with:  apt-get update && apt-get install -y {' '.join(missing)}\n"
             "or point the CHROMIUM environment variable at a Chromium or Chrome binary.")


def workers(arguments: list[str]) -> list[str]:
    """Run the test files in parallel, one process per core up to 4 (pytest-xdist; each file stays in one process,
    so its module fixtures are built once), unless the arguments choose otherwise (-n, -p no:xdist)."""
    if any(a == "-n" or a.startswith(("-n", "--numprocesses")) or "xdist" in a for a in arguments):
        return []
    return ["-n", str(max(1, min(os.cpu_count() or 1, 4))), "--dist", "loadfile"]


def main() -> int:
    os.chdir(ROOT)
    ensure_python_packages()
    ensure_debian_packages()
    arguments = sys.argv[1:]
    return subprocess.call([sys.executable, "-m", "pytest", *workers(arguments), *arguments])


if __name__ == "__main__":
    sys.exit(main())
