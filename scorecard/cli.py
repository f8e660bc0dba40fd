"""Command line: parse arguments, run the pipeline, print problems and a summary, set the exit status."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import traceback
from pathlib import Path

from babel.numbers import format_decimal

from . import __version__, labels
from .console import prepare_streams
from .inputs import RunInputs
from .limits import DEFAULT
from .mkdocs_engine import ENGINES
from .pipeline import build, check, close, closed_changes, draft, parse_years, verify_site
from .problems import InvalidInput
from .publish import PublishError
from .progress import Reporter

EXIT_OK, EXIT_FAILURE, EXIT_INVALID = 0, 1, 2

# What a failed command left as it was, said after its problems: check and verify write nothing at all.
SITE_KEPT = "Thư mục trang web giữ nguyên như trước."
UNCHANGED = {"build": SITE_KEPT, "close": SITE_KEPT, "check": "", "verify": "",
             "draft": "Chưa ghi tệp nào.", "template": "Chưa ghi tệp nào."}

DESCRIPTION = """\
Tạo trang web nội bộ công bố kết quả giao nhiệm vụ và đánh giá cán bộ bằng sản phẩm
từ các tệp CSV hoặc Excel (.xlsx) của từng năm (data/<năm>/), vào site/<năm>/ và trang lưu trữ site/index.html.
(Builds the intranet site of evaluation-by-product results from data/<year>/ into site/.)"""

EPILOG = """\
lệnh (commands):
  build        (mặc định) kiểm tra dữ liệu và dựng trang web
  check        chỉ kiểm tra dữ liệu, không ghi gì
  close YEAR   khóa sổ một năm sau kỳ cuối: dựng lại và lưu bản không đổi vào data/snapshots/
  verify       đối chiếu các bản lưu và trang đã công bố với bản kê (manifest); mã thoát 1 nếu có khác biệt
  draft YEAR [--period ID] [--force]
               viết bản nháp bản tin của một kỳ (mặc định: kỳ hiện tại) vào data/YEAR/bulletins/ID.md,
               với các số liệu là biểu thức lấy từ dữ liệu, để người viết sửa lời văn
  template YEAR [--from YEAR]
               tạo data/YEAR/ với các bảng Excel (.xlsx) để điền, từ đơn vị, nhóm, chỉ tiêu của năm trước

mã thoát (exit status): 0 thành công; 2 dữ liệu đầu vào không hợp lệ (in ra mọi lỗi);
1 lỗi khác. Khi thất bại, nội dung site/ trước đó được giữ nguyên.

ví dụ (examples):
  python generate.py
  python generate.py --year 2022
  python generate.py check --data data
  python generate.py --year 2022 --period h1
  python generate.py close 2021
  python generate.py verify
  python generate.py draft 2022 --period 9m
  python generate.py template 2023 --from 2022"""


def parser() -> argparse.ArgumentParser:
    """The argument parser; its help is the command line's documentation."""
    p = argparse.ArgumentParser(prog="generate.py", description=DESCRIPTION, epilog=EPILOG,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("command", nargs="?", choices=["build", "check", "close", "verify", "draft", "template"],
                   default="build", help="build (mặc định), check, close, verify, draft hoặc template")
    p.add_argument("target", nargs="?", metavar="YEAR",
                   help="với close: năm cần khóa sổ, ví dụ 2021; với draft: năm của bản tin; "
                        "với template: năm cần tạo, ví dụ 2023")
    p.add_argument("--data", type=Path, default=Path("data"), metavar="DIR",
                   help="thư mục dữ liệu, mỗi năm một thư mục con (mặc định: data)")
    p.add_argument("--site", type=Path, default=Path("site"), metavar="DIR",
                   help="thư mục trang web được tạo (mặc định: site)")
    p.add_argument("--year", metavar="YEAR", help="chỉ xử lý một năm, ví dụ 2021")
    p.add_argument("--period", metavar="ID",
                   help="dựng năm (--year) như đã công bố ở kỳ này, ví dụ h1; với draft: kỳ của bản tin; "
                        "mặc định là kỳ hiện tại")
    p.add_argument("--from", dest="source", metavar="YEAR",
                   help="với template: năm lấy nhóm, đơn vị, chỉ tiêu (mặc định: năm gần nhất trước YEAR)")
    p.add_argument("--snapshots", type=Path, metavar="DIR",
                   help="thư mục bản lưu các năm đã khóa sổ (mặc định: <data>/snapshots)")
    p.add_argument("--again", action="store_true",
                   help="với close: khóa sổ lại một năm đã khóa; bản lưu mới được thêm, bản cũ giữ nguyên")
    p.add_argument("--force", action="store_true",
                   help="dựng lại cả những năm không thay đổi từ lần dựng trước; với draft: viết đè bản nháp đã có")
    p.add_argument("--engine", choices=sorted(ENGINES), default="mkdocs",
                   help="chương trình dựng HTML: mkdocs (mặc định) hoặc properdocs, bản kế tục của mkdocs")
    p.add_argument("--max-file-mb", type=positive_number, metavar="MB",
                   help=f"dung lượng tối đa của mỗi tệp bảng .csv, .xlsx (mặc định: {DEFAULT.table_file_mb:g} MB); "
                        "các giới hạn khác: xem docs/khi-co-loi.md")
    p.add_argument("--quiet", "-q", action="store_true", help="không in tiến trình, chỉ in lỗi và tóm tắt")
    p.add_argument("--debug", action="store_true", help="in traceback khi có lỗi khác (cho nhà phát triển)")
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return p


def positive_number(text: str) -> float:
    """A size in MB on the command line: a positive number."""
    try:
        value = float(text)
    except ValueError:
        value = 0
    if not 0 < value < 1e6:
        raise argparse.ArgumentTypeError(f"cần một số dương, ví dụ 100 (a positive number): {text}")
    return value


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    prepare_streams()
    args = parser().parse_args(argv)
    limits = DEFAULT.with_table_file_mb(args.max_file_mb)
    if args.command == "draft" and not args.target:
        parser().error("draft cần năm, ví dụ: python generate.py draft 2022 --period 9m (draft needs a year)")
    if args.period and not args.year and args.command != "draft":
        parser().error("--period cần --year (--period needs --year)")
    if args.command == "close" and not args.target:
        parser().error("close cần năm, ví dụ: python generate.py close 2021 (close needs a year)")
    if args.command == "template" and not args.target:
        parser().error("template cần năm, ví dụ: python generate.py template 2023 --from 2022 (template needs a year)")
    if args.target and args.command not in ("close", "template", "draft"):
        parser().error(f"không hiểu đối số {args.target} (unexpected argument)")
    if args.source and args.command != "template":
        parser().error("--from chỉ dùng với template (--from goes with template)")
    try:
        date = pinned_date(os.environ.get("SOURCE_DATE_EPOCH"))
    except (ValueError, OverflowError, OSError):
        parser().error("SOURCE_DATE_EPOCH phải là số giây kể từ 01/01/1970, ví dụ 1640908800 "
                       "(SOURCE_DATE_EPOCH must be a number of seconds)")
    engine = ENGINES[args.engine]()
    progress = Reporter(quiet=args.quiet)
    try:
        year, target, source = parse_years([args.year, args.target, args.source], args.data, limits)
        if args.command == "verify":
            return report_verification(verify_site(args.data, args.site, args.snapshots), args.site)
        if args.command == "template":
            from .template import make_template

            folder, files, notes = make_template(args.data, target, source)
            for note in notes:
                print(note)
            print(f"Đã tạo {folder}/: {', '.join(files)}. Điền chỉ tiêu (targets.xlsx), sửa year.yml nếu cần, "
                  "rồi chạy: python generate.py check")
            return EXIT_OK
        if args.command == "draft":
            path, replaced = draft(args.data, target, args.period, args.force, progress, limits)
            if replaced is not None:
                print(f"Bản nháp cũ được giữ ở {replaced}. (The replaced file is kept there.)")
            print(f"Đã viết bản nháp {path}. Điền các chỗ [cần điền: ...] (số hiệu, người ký, chức vụ, địa danh), "
                  "sửa lời văn, ngày; giữ các biểu thức {{ ... }} để số liệu luôn khớp dữ liệu; "
                  "rồi chạy: python generate.py")
            return EXIT_OK
        if args.command == "close":
            snapshot, stats = close(args.data, args.site, target, progress, args.again, args.snapshots, engine, date,
                                    limits)
            print_warnings(stats.warnings)
            print_waiting(stats)
            print(f"Đã khóa sổ năm {args.target}: bản lưu {snapshot}. Các lần dựng sau dùng bản lưu này, "
                  "kể cả khi mẫu trang thay đổi.")
            print_published(stats)
            return EXIT_OK
        if args.command == "check":
            inputs = RunInputs(limits)  # each input read once, for the checks and for the closed years' hashes
            reports = check(args.data, year, progress, args.period, limits, inputs)
            warnings = [w for r in reports for w in r.warnings]
            print_warnings(warnings)
            print_lines(closed_changes(args.data, year, args.snapshots, limits, inputs))
            print(f"Dữ liệu hợp lệ: {len(reports)} năm ({', '.join(str(r.year.year) for r in reports)}), "
                  f"{sum(w.count for w in warnings)} cảnh báo.")
            return EXIT_OK
        stats = build(args.data, args.site, year, progress, force=args.force, period=args.period,
                      snapshots_dir=args.snapshots, engine=engine, date=date, limits=limits)
    except InvalidInput as err:
        print_warnings(err.warnings)
        print(err.report(), file=sys.stderr)
        written = " Chưa ghi gì vào thư mục trang web." if UNCHANGED[args.command] == SITE_KEPT else (
            f" {UNCHANGED[args.command]}" if UNCHANGED[args.command] else "")
        print(f"\nDữ liệu không hợp lệ: {err.count} lỗi (invalid input: {count(err.count, 'error')})."
              f"{written}", file=sys.stderr)
        return EXIT_INVALID
    except PublishError as err:  # a failure or refusal that explains itself (a lock, a closed year, a draft there)
        print(f"Lỗi (failure): {err}", *filter(None, [UNCHANGED[args.command]]), sep="\n", file=sys.stderr)
        return EXIT_FAILURE
    except OSError as err:
        print(f"Lỗi (failure): {os_error_message(err)}", *filter(None, [UNCHANGED[args.command]]), sep="\n",
              file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        print(" ".join(filter(None, ["Đã dừng.", UNCHANGED[args.command]])), file=sys.stderr)
        return EXIT_FAILURE
    except Exception as err:  # any other failure: say it plainly, keep site/ as it was
        if args.debug:
            traceback.print_exc()
        print(f"Lỗi (failure): {failure_message(err)}", " ".join(filter(None, [UNCHANGED[args.command],
              "Chạy lại với --debug để xem chi tiết."])), sep="\n", file=sys.stderr)
        return EXIT_FAILURE
    print_warnings(stats.warnings)
    print_waiting(stats)
    seconds = format_decimal(stats.seconds, "#,##0.0", locale=labels.LOCALE)
    built = f"{len(stats.years)} năm ({', '.join(map(str, stats.years))})" if stats.years else "0 năm"
    skipped = f", bỏ qua {len(stats.skipped)} năm không đổi ({', '.join(map(str, stats.skipped))})" if stats.skipped else ""
    print(f"Xong: dựng {built}{skipped}, {stats.pages} trang, "
          f"{sum(w.count for w in stats.warnings)} cảnh báo, {seconds} giây → {args.site}/")
    print_published(stats)
    return EXIT_OK


def print_waiting(stats) -> None:
    """One line for each closed year whose data changed since, and for each year in preparation that the build
    left unpublished (beside the warnings)."""
    print_lines(stats.stale + stats.waiting)


def print_lines(lines: list[str]) -> None:
    """Lines said beside the warnings, on stderr."""
    for line in lines:
        print(line, file=sys.stderr)


def print_published(stats) -> None:
    """The last line of a build: what each year in the site publishes (2022: 9 tháng)."""
    if stats.published:
        print("Đang công bố (published): " + "; ".join(f"{year}: {shown}" for year, shown in stats.published.items())
              + ".")


def pinned_date(epoch: str | None) -> dt.date | None:
    """The build date that SOURCE_DATE_EPOCH (read here only) sets for every year; None when unset."""
    if not epoch:
        return None
    return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()


def report_verification(problems: list[str], site: Path) -> int:
    """Print what verify found; exit 1 when anything differs."""
    if not problems:
        print(f"Khớp: các bản lưu và {site}/ đúng như bản kê (manifest). (Everything matches its manifest.)")
        return EXIT_OK
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"\nCó {len(problems)} khác biệt so với bản kê. ({count(len(problems), 'difference')}.)", file=sys.stderr)
    return EXIT_FAILURE


def count(n: int, noun: str) -> str:
    """An English count with its noun in the singular or plural: 1 error, 2 errors."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
def failure_message(err: Exception) -> str:
    """What an unexpected failure was, never an empty line (MemoryError and RecursionError carry no text)."""
    if isinstance(err, MemoryError):
        return ("Không đủ bộ nhớ để xử lý dữ liệu (MemoryError): kiểm tra các tệp lớn bất thường trong thư mục dữ "
                "liệu, hoặc chạy trên máy nhiều bộ nhớ hơn. (Out of memory.)")
    if isinstance(err, RecursionError):
        return ("Dữ liệu lồng nhau quá sâu để xử lý (RecursionError): kiểm tra các tệp vừa sửa. "
                "(Nesting too deep.)")
    return str(err) or type(err).__name__


def os_error_message(err: OSError) -> str:
    """What a file system error means for the user, in Vietnamese with the English beside it."""
    import errno

    where = f" ({err.filename})" if err.filename else ""
    if err.errno == errno.ENOSPC:
        return f"Ổ đĩa đã đầy{where}: giải phóng dung lượng rồi chạy lại. (No space left on the device.)"
    if err.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return (f"Không có quyền ghi{where}: kiểm tra quyền của thư mục trang web, hoặc chọn thư mục khác "
                f"bằng --site. (Permission denied.)")
    return f"{err.strerror or err}{where}"


def print_warnings(warnings) -> None:
    """Warnings go to stderr, after progress and before the summary."""
    for warning in warnings:
        print(warning.format(), file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
