#!/usr/bin/env python3
"""Install what the tests need, then run them: `python tools/run_tests.py [pytest arguments]`.

pip installs the Python packages (requirements-dev.txt). The browser tests need
Debian's Chromium, which pip cannot install: when it is missing this script
installs it with apt-get if it runs as root, and otherwise stops, saying how.
Browser tests never skip silently.
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


def ensure_chromium() -> None:
    """Debian's Chromium for the browser tests: install it as root, or explain how."""
    if Path(CHROMIUM).exists():
        return
    if shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0:
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        print("+ apt-get install chromium", flush=True)
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], check=True, env=env)
        if Path(CHROMIUM).exists():
            return
    sys.exit(f"Chromium is needed for the browser tests and was not found at {CHROMIUM}.\n"
             "Install it as root with:  apt-get update && apt-get install -y chromium\n"
             "or point the CHROMIUM environment variable at a Chromium or Chrome binary.")


def main() -> int:
    os.chdir(ROOT)
    ensure_python_packages()
    ensure_chromium()
    return subprocess.call([sys.executable, "-m", "pytest", *sys.argv[1:]])


if __name__ == "__main__":
    sys.exit(main())
