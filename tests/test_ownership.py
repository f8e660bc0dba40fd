"""Ownership: the generator removes or replaces only files it made; a --site folder it would harm is refused
before anything is built; files people add to a site are carried over and accepted by verify; the lock and
the switch work where fcntl and renameat2 do not exist (Windows), simulated here."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

from scorecard import ownership, publish
from scorecard.cli import main
from site_fixture import ROOT, tree_digest

TARGETS = "unit_id,indicator_id,target\na,n,10\n"
RESULTS = "unit_id,indicator_id,period,value,status\na,n,q1,3,\na,n,y,12,\n"


@pytest.fixture
def built(make_year, tmp_path):
    """A tiny final year built into tmp/site: returns (data, site)."""
    data = make_year(targets=TARGETS, results=RESULTS)
    site = tmp_path / "site"
    assert main(["--data", str(data), "--site", str(site), "-q"]) == 0
    return data, site


def run(data: Path, site: Path | str, *extra: str) -> int:
    return main([*extra, "--data", str(data), "--site", str(site), "-q"])


def everything(folder: Path) -> dict[str, str]:
    """Every file and folder under `folder` (hidden ones too) with its content's digest: what a refusal must keep."""
    found = tree_digest(folder)
    found.update({str(p.relative_to(folder)) + "/": "" for p in folder.rglob("*") if p.is_dir()})
    return found


# --- refused before anything is built --------------------------------------------------------------------

def user_folder(base: Path, data: Path) -> Path:
    (base / "documents").mkdir()
    (base / "documents" / "báo cáo.docx").write_bytes(b"a user's document")
    return base / "documents"


REFUSED = {
    "a folder holding a user's file": (user_folder, "tệp không do chương trình tạo (báo cáo.docx)"),
    "the data folder": (lambda base, data: data, "chính là thư mục dữ liệu"),
    "the working folder holding the data": (lambda base, data: Path("."), "chứa thư mục dữ liệu"),
    "a folder inside the data": (lambda base, data: data / "2021" / "site", "nằm trong thư mục dữ liệu"),
    "the data folder reached by ..": (lambda base, data: data / "2021" / "..", "chính là thư mục dữ liệu"),
    "a symlink to the data folder": (lambda base, data: symlink(base / "link", data), "chính là thư mục dữ liệu"),
    "the folder above the data": (lambda base, data: base, "chứa thư mục dữ liệu"),
    "a file": (lambda base, data: data / "2021" / "year.yml", "là một tệp, không phải thư mục"),
    "the root of the file system": (lambda base, data: Path("/"), "thư mục gốc của ổ đĩa"),
    "the program's folder": (lambda base, data: ROOT, "chính là thư mục của chương trình"),
    "a folder inside the program's code": (lambda base, data: ROOT / "scorecard" / "site", "một phần của chương trình"),
}


def symlink(link: Path, target: Path) -> Path:
    link.symlink_to(target, target_is_directory=True)
    return link


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_a_site_folder_that_a_build_would_harm_is_refused_and_every_file_kept(name, make_year, tmp_path,
                                                                             monkeypatch, capsys):
    data = make_year(targets=TARGETS, results=RESULTS)
    make_site, words = REFUSED[name]
    monkeypatch.chdir(data.parent)
    site = make_site(data.parent, data)
    before = everything(data.parent)
    beside = site.resolve().parent
    listed = sorted(p.name for p in beside.iterdir())
    assert run(data, site) == 1
    err = capsys.readouterr().err
    assert words in err and "Refused as the site folder" in err and "Traceback" not in err
    assert everything(data.parent) == before  # nothing removed, no lock file or staging folder made
    assert sorted(p.name for p in beside.iterdir()) == listed


def test_the_snapshots_folder_is_refused_as_a_site(make_year, tmp_path, capsys):
    data = make_year(targets=TARGETS, results=RESULTS)
    snapshots = tmp_path / "records"
    (snapshots / "2021" / "v1").mkdir(parents=True)
    (snapshots / "2021" / "v1" / "manifest.json").write_text("{}", encoding="utf-8")
    before = everything(tmp_path)
    assert run(data, snapshots / "2021", "--snapshots", str(snapshots)) == 1
    assert "nằm trong thư mục bản lưu" in capsys.readouterr().err
    assert run(data, tmp_path / "site", "close", "2021", "--snapshots", str(tmp_path / "site" / "records")) == 1
    assert "chứa thư mục bản lưu" in capsys.readouterr().err
    assert everything(tmp_path) == before


def test_a_mount_point_is_refused(monkeypatch, tmp_path):
    mounted = tmp_path / "mnt"
    mounted.mkdir()
    monkeypatch.setattr(os.path, "ismount", lambda path: Path(path) == mounted)
    assert "điểm gắn ổ đĩa" in ownership.site_refusal(mounted, tmp_path / "data", tmp_path / "data" / "snapshots")
    assert ownership.site_refusal(mounted / "site", tmp_path / "data", tmp_path / "data" / "snapshots") == ""


@pytest.mark.parametrize("files", [[], ["web.config"], ["web.config", ".keep", "logo.png"]])
def test_an_empty_folder_or_one_holding_only_server_files_becomes_the_site(files, make_year, tmp_path):
    data = make_year(targets=TARGETS, results=RESULTS)
    site = tmp_path / "site"
    site.mkdir()
    for name in files:
        (site / name).write_text("logo.png\n" if name == ".keep" else name, encoding="utf-8")
    assert run(data, site) == 0
    assert (site / "2021" / "index.html").is_file()
    assert all((site / name).is_file() for name in files)
    assert run(data, site, "verify") == 0


def test_a_user_file_in_a_folder_with_server_files_is_named(make_year, tmp_path, capsys):
    data = make_year(targets=TARGETS, results=RESULTS)
    site = tmp_path / "site"
    site.mkdir()
    (site / "web.config").write_text("<configuration/>", encoding="utf-8")
    (site / "notes.txt").write_text("mine", encoding="utf-8")
    assert run(data, site) == 1
    assert "(notes.txt)" in capsys.readouterr().err
    assert sorted(p.name for p in site.iterdir()) == ["notes.txt", "web.config"]


# --- files people add to a built site ----------------------------------------------------------------------

def test_a_web_config_survives_force_and_verify(built):
    data, site = built
    config = '<?xml version="1.0"?>\n<configuration><system.webServer/></configuration>\n'
    (site / "web.config").write_text(config, encoding="utf-8")
    (site / "2021" / ".htaccess").write_text("Require all granted\n", encoding="utf-8")
    assert run(data, site, "--force") == 0
    assert (site / "web.config").read_text(encoding="utf-8") == config
    assert (site / "2021" / ".htaccess").is_file()
    assert run(data, site, "verify") == 0
    assert "web.config" not in (site / "manifest.json").read_text(encoding="utf-8")
    assert ".htaccess" not in (site / "2021" / "manifest.json").read_text(encoding="utf-8")
    assert not [n for n in zipfile.ZipFile(site / "2021.zip").namelist() if n.endswith(".htaccess")]


def test_other_added_files_are_kept_and_reported_by_verify_unless_listed_in_keep(built, capsys):
    data, site = built
    (site / "gioi-thieu.html").write_text("<p>Trang riêng</p>", encoding="utf-8")
    (site / "2021" / "ghi-chu").mkdir()
    (site / "2021" / "ghi-chu" / "a.txt").write_text("a", encoding="utf-8")
    assert run(data, site, "--force") == 0
    assert (site / "gioi-thieu.html").is_file() and (site / "2021" / "ghi-chu" / "a.txt").is_file()
    capsys.readouterr()
    assert run(data, site, "verify") == 1
    err = capsys.readouterr().err
    assert "site: thêm vào (added): gioi-thieu.html" in err and "site/2021: thêm vào (added): ghi-chu/a.txt" in err
    (site / ".keep").write_text("# trang riêng của văn phòng\ngioi-thieu.html\n2021/ghi-chu/\n", encoding="utf-8")
    assert run(data, site, "verify") == 0
    (site / "2021" / "index.html").write_text("sửa", encoding="utf-8")  # tampering is still found
    assert run(data, site, "verify") == 1


def test_links_and_other_non_files_added_to_a_site_are_reported_by_verify(built, capsys):
    """A link to the data folder serves the raw spreadsheets: verify names it, like any added file."""
    data, site = built
    (site / "du-lieu").symlink_to(data, target_is_directory=True)
    (site / "2021" / "goc").symlink_to(data / "2021", target_is_directory=True)
    (site / "2021" / "hong").symlink_to(data / "khong-co")  # dangling
    os.mkfifo(site / "ong")
    assert run(data, site, "--force") == 0
    assert (site / "du-lieu").is_symlink() and (site / "2021" / "goc").is_symlink()  # carried over, never followed
    capsys.readouterr()
    assert run(data, site, "verify") == 1
    err = capsys.readouterr().err
    for added in ("site: thêm vào (added): du-lieu", "site: thêm vào (added): ong",
                  "site/2021: thêm vào (added): goc", "site/2021: thêm vào (added): hong"):
        assert added in err
    (site / ".keep").write_text("du-lieu\nong\n2021/goc\n2021/hong\n", encoding="utf-8")
    assert run(data, site, "verify") == 0


def test_an_added_file_where_the_new_site_writes_one_stops_the_run(built, capsys):
    data, site = built
    record = site / "manifest.json"
    record.write_text(record.read_text(encoding="utf-8").replace('"years.js"', '"years-old.js"'), encoding="utf-8")
    before = everything(site)
    assert run(data, site, "--force") == 1  # years.js is now someone else's file: never replaced
    assert "years.js" in capsys.readouterr().err
    assert everything(site) == before


def test_an_unchanged_year_keeps_added_files_and_a_closed_year_freezes_only_its_own(built):
    data, site = built
    (site / "2021" / "web.config").write_text("<configuration/>", encoding="utf-8")
    assert run(data, site) == 0  # nothing changed: not even rebuilt
    assert run(data, site, "close", "2021") == 0
    snapshot = data / "snapshots" / "2021" / "v1"
    assert not (snapshot / "web.config").exists()
    assert (site / "2021" / "web.config").is_file()
    assert run(data, site, "verify") == 0


# --- the other commands ------------------------------------------------------------------------------------

def test_clean_leftovers_removes_only_what_a_killed_run_of_ours_left(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    ours = [tmp_path / ".site.staging-999999", tmp_path / ".site.docs-999998", tmp_path / ".site.old-999997"]
    theirs = [tmp_path / ".site.backup-2022", tmp_path / ".site.staging-4x", tmp_path / ".other.staging-999999",
              tmp_path / ".site.staging-1"]  # pid 1 runs: never touched
    for folder in ours + theirs:
        folder.mkdir()
    assert sorted(publish.clean_leftovers(site)) == sorted(ours)
    assert all(folder.is_dir() for folder in theirs)


def test_draft_force_keeps_the_replaced_text(built, capsys):
    data, site = built
    path = data / "2021" / "bulletins" / "y.md"
    draft = ["draft", "2021", "--period", "y", "--data", str(data), "-q"]
    assert main(draft) == 0
    edited = path.read_text(encoding="utf-8").replace("---\n", "---\n# sửa tay\n", 1)
    path.write_text(edited, encoding="utf-8")
    assert main(draft) == 1  # never replaced unless asked
    assert main([*draft, "--force"]) == 0
    assert "Bản nháp cũ được giữ ở" in capsys.readouterr().out
    assert (path.parent / ".y.md.bak").read_text(encoding="utf-8") == edited
    assert main([*draft, "--force"]) == 0
    assert (path.parent / ".y.md.bak").read_text(encoding="utf-8") == edited  # a backup is never replaced
    assert (path.parent / ".y.md.bak2").is_file()
    assert sorted(p.name for p in path.parent.iterdir()) == [".y.md.bak", ".y.md.bak2", "y.md"]


def test_template_never_writes_into_a_folder_with_files(built, capsys):
    data, site = built
    (data / "2022").mkdir()
    (data / "2022" / "ghi-chu.txt").write_text("mine", encoding="utf-8")
    before = everything(data)
    assert main(["template", "2022", "--data", str(data)]) == 1
    assert "không ghi đè" in capsys.readouterr().err
    assert everything(data) == before


# --- where fcntl and renameat2 do not exist (Windows) ---------------------------------------------------

class FakeMsvcrt:
    """msvcrt.locking as Windows behaves for one byte range, emulated with flock (a fake, for the test)."""

    LK_NBLCK, LK_UNLCK = 2, 0

    def __init__(self):
        import fcntl

        self.fcntl, self.calls = fcntl, []

    def locking(self, fd, mode, nbytes):
        self.calls.append((os.lseek(fd, 0, os.SEEK_CUR), mode, nbytes))
        try:
            self.fcntl.flock(fd, self.fcntl.LOCK_UN if mode == self.LK_UNLCK else self.fcntl.LOCK_EX | self.fcntl.LOCK_NB)
        except BlockingIOError:
            raise OSError(errno.EACCES, "Permission denied") from None


def test_the_lock_uses_msvcrt_where_fcntl_is_missing(monkeypatch, tmp_path):
    fake = FakeMsvcrt()
    monkeypatch.setitem(sys.modules, "fcntl", None)  # import fcntl raises ImportError, as on Windows
    monkeypatch.setitem(sys.modules, "msvcrt", fake)
    site = tmp_path / "site"
    with publish.site_lock(site):
        assert (tmp_path / ".site.lock").read_text() == str(os.getpid())
        with pytest.raises(publish.PublishError, match="Một lần dựng khác đang chạy.*tiến trình " + str(os.getpid())):
            with publish.site_lock(site):
                pass
    with publish.site_lock(site):  # released
        pass
    assert fake.calls[0] == (publish.LOCK_BYTE, fake.LK_NBLCK, 1)
    assert (publish.LOCK_BYTE, fake.LK_UNLCK, 1) in fake.calls


def test_the_lock_is_an_exclusive_file_where_no_file_lock_exists(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "fcntl", None)
    monkeypatch.setitem(sys.modules, "msvcrt", None)
    site = tmp_path / "site"
    lock = tmp_path / ".site.lock.pid"
    with publish.site_lock(site):
        assert lock.read_text() == str(os.getpid())
        with pytest.raises(publish.PublishError, match="Một lần dựng khác đang chạy"):
            with publish.site_lock(site):
                pass
    assert not lock.exists()
    lock.write_text("999999")  # left by a run that died: taken over
    with publish.site_lock(site):
        assert lock.read_text() == str(os.getpid())


def test_a_build_switches_by_two_renames_where_renameat2_is_missing(built, monkeypatch):
    data, site = built
    monkeypatch.setattr(publish, "exchange", lambda a, b: False)
    renames = []
    real = os.rename
    monkeypatch.setattr(os, "rename", lambda a, b: (renames.append((Path(a).name, Path(b).name)), real(a, b))[1])
    (site / "web.config").write_text("<configuration/>", encoding="utf-8")
    assert run(data, site, "--force") == 0
    pid = os.getpid()
    assert renames == [("site", f".site.old-{pid}"), (f".site.staging-{pid}", "site"), (f".site.old-{pid}", f".site.staging-{pid}")]
    assert (site / "web.config").is_file() and run(data, site, "verify") == 0
    assert sorted(p.name for p in site.parent.iterdir() if p.name.startswith(".site")) == [".site.lock"]


def test_exchange_is_not_attempted_off_linux(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "platform", "win32")
    assert publish.exchange(tmp_path / "a", tmp_path / "b") is False


KILLED_SWITCH = """
import os, sys
sys.path.insert(0, {root!r})
from scorecard import publish
from scorecard.cli import main
publish.exchange = lambda a, b: False
real = os.rename
def rename(a, b):
    real(a, b)
    if ".old-" in os.fspath(b):
        os._exit(9)  # killed between the two renames: no site for a moment
os.rename = rename
sys.exit(main(["--data", {data!r}, "--site", {site!r}, "--force", "-q"]))
"""


def test_a_run_killed_between_the_two_renames_leaves_the_old_site_to_the_next_run(built):
    data, site = built
    (site / "web.config").write_text("<configuration/>", encoding="utf-8")
    before = everything(site)
    script = KILLED_SWITCH.format(root=str(ROOT), data=str(data), site=str(site))
    process = subprocess.run([sys.executable, "-c", textwrap.dedent(script)], capture_output=True, text=True,
                             timeout=120)
    assert process.returncode == 9, process.stderr
    assert not site.exists() and list(site.parent.glob(".site.old-*"))
    assert run(data, site) == 0  # the next build puts the old site back first, then builds and switches as usual
    assert everything(site) == before
    assert sorted(p.name for p in site.parent.iterdir() if p.name.startswith(".site")) == [".site.lock"]


def test_the_refusal_quoted_in_the_docs_is_what_the_command_prints(make_year, monkeypatch, capsys):
    doc = (ROOT / "docs" / "khi-co-loi.md").read_text(encoding="utf-8")
    section = doc[doc.index("## Thư mục trang web bị từ chối (--site)"):]
    command = section.split("```sh\n", 1)[1].splitlines()[0]
    quoted = section.split("```text\n", 1)[1].splitlines()[0]
    assert command == "python generate.py --site data"
    data = make_year(targets=TARGETS, results=RESULTS)
    (data.parent / "data").mkdir()  # run where the data folder is named data, as in the program's folder
    monkeypatch.chdir(data.parent)
    for year in data.iterdir():
        year.rename(data.parent / "data" / year.name)
    assert main(command.split()[2:]) == 1
    assert capsys.readouterr().err.splitlines()[0] == quoted


class FakeKernel32:
    """The three calls of publish.windows_process_alive, answering as Windows does for one process (a fake)."""

    def __init__(self, opened: bool, error: int = 0, exit_code: int = 259):
        self.opened, self.error, self.exit_code, self.closed = opened, error, exit_code, False

    def OpenProcess(self, access, inherit, pid):
        return 1234 if self.opened else 0

    def GetExitCodeProcess(self, handle, code):
        code._obj.value = self.exit_code
        return 1

    def CloseHandle(self, handle):
        self.closed = True


@pytest.mark.parametrize("kernel, alive", [
    (FakeKernel32(opened=True, exit_code=259), True),  # STILL_ACTIVE
    (FakeKernel32(opened=True, exit_code=0), False),  # ended, its handle still held by someone
    (FakeKernel32(opened=False, error=87), False),  # ERROR_INVALID_PARAMETER: no such process
    (FakeKernel32(opened=False, error=5), True),  # ERROR_ACCESS_DENIED: another user's process
])
def test_a_leftover_of_a_windows_run_is_judged_without_signalling_any_process(monkeypatch, kernel, alive):
    import ctypes

    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(ctypes, "WinDLL", lambda name, use_last_error=False: kernel, raising=False)
    monkeypatch.setattr(ctypes, "get_last_error", lambda: kernel.error, raising=False)
    monkeypatch.setattr(os, "kill", lambda pid, sig: pytest.fail("os.kill(pid, 0) sends Ctrl+C on Windows"))
    assert publish.process_alive(999999) is alive
    assert kernel.closed == kernel.opened
