"""Command line: parse arguments, run the pipeline, print problems and a summary, set the exit status."""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

from babel.numbers import format_decimal

from . import __version__, labels
from .pipeline import build, check
from .problems import InvalidInput
from .progress import Reporter

EXIT_OK, EXIT_FAILURE, EXIT_INVALID = 0, 1, 2

DESCRIPTION = """\
Tạo trang web nội bộ công bố kết quả giao nhiệm vụ và đánh giá cán bộ bằng sản phẩm
từ các tệp CSV của từng năm (data/<năm>/), vào site/<năm>/ và trang lưu trữ site/index.html.
(Builds the intranet site of evaluation-by-product results from data/<year>/ into site/.)"""

EPILOG = """\
lệnh (commands):
  build   (mặc định) kiểm tra dữ liệu và dựng trang web
  check   chỉ kiểm tra dữ liệu, không ghi gì

mã thoát (exit status): 0 thành công; 2 dữ liệu đầu vào không hợp lệ (in ra mọi lỗi);
1 lỗi khác. Khi thất bại, nội dung site/ trước đó được giữ nguyên.

ví dụ (examples):
  python generate.py
  python generate.py --year 2022
  python generate.py check --data data"""


def parser() -> argparse.ArgumentParser:
    """The argument parser; its help is the command line's documentation."""
    p = argparse.ArgumentParser(prog="generate.py", description=DESCRIPTION, epilog=EPILOG,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("command", nargs="?", choices=["build", "check"], default="build",
                   help="build (mặc định) hoặc check")
    p.add_argument("--data", type=Path, default=Path("data"), metavar="DIR",
                   help="thư mục dữ liệu, mỗi năm một thư mục con (mặc định: data)")
    p.add_argument("--site", type=Path, default=Path("site"), metavar="DIR",
                   help="thư mục trang web được tạo (mặc định: site)")
    p.add_argument("--year", metavar="YEAR", help="chỉ xử lý một năm, ví dụ 2021")
    p.add_argument("--period", metavar="ID",
                   help="dựng năm (--year) như đã công bố ở kỳ này, ví dụ h1; mặc định là kỳ hiện tại")
    p.add_argument("--force", action="store_true",
                   help="dựng lại cả những năm không thay đổi từ lần dựng trước")
    p.add_argument("--quiet", "-q", action="store_true", help="không in tiến trình, chỉ in lỗi và tóm tắt")
    p.add_argument("--debug", action="store_true", help="in traceback khi có lỗi khác (cho nhà phát triển)")
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return p


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = parser().parse_args(argv)
    if args.period and not args.year:
        parser().error("--period cần --year (--period needs --year)")
    progress = Reporter(quiet=args.quiet)
    try:
        if args.command == "check":
            reports = check(args.data, args.year, progress, args.period)
            warnings = [w for r in reports for w in r.warnings]
            print_warnings(warnings)
            print(f"Dữ liệu hợp lệ: {len(reports)} năm ({', '.join(str(r.year.year) for r in reports)}), "
                  f"{len(warnings)} cảnh báo.")
            return EXIT_OK
        stats = build(args.data, args.site, args.year, progress, force=args.force, period=args.period)
    except InvalidInput as err:
        print_warnings(err.warnings)
        print(err.report(), file=sys.stderr)
        print(f"\nDữ liệu không hợp lệ: {len(err.errors)} lỗi (invalid input: {len(err.errors)} errors). "
              "Chưa ghi gì vào thư mục trang web.", file=sys.stderr)
        return EXIT_INVALID
    except OSError as err:
        print(f"Lỗi (failure): {os_error_message(err)}\nThư mục trang web giữ nguyên như trước.", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        print("Đã dừng; thư mục trang web giữ nguyên như trước.", file=sys.stderr)
        return EXIT_FAILURE
    except Exception as err:  # any other failure: say it plainly, keep site/ as it was
        if args.debug:
            traceback.print_exc()
        print(f"Lỗi (failure): {err}\nThư mục trang web giữ nguyên như trước. "
              "Chạy lại với --debug để xem chi tiết.", file=sys.stderr)
        return EXIT_FAILURE
    print_warnings(stats.warnings)
    seconds = format_decimal(stats.seconds, "#,##0.0", locale=labels.LOCALE)
    built = f"{len(stats.years)} năm ({', '.join(map(str, stats.years))})" if stats.years else "0 năm"
    skipped = f", bỏ qua {len(stats.skipped)} năm không đổi ({', '.join(stats.skipped)})" if stats.skipped else ""
    print(f"Xong: dựng {built}{skipped}, {stats.pages} trang, "
          f"{len(stats.warnings)} cảnh báo, {seconds} giây → {args.site}/")
    return EXIT_OK


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
