"""The baseline: how long plain mkdocs-material takes to build N bare pages.

    python bench/bare.py DIR --pages N

writes a bare mkdocs-material project into DIR (mkdocs.yml, docs/index.md and
docs/p/00001.md...: each page an H1 and one 12-row, 5-column Markdown table),
builds it in-process into DIR/site and prints the seconds the build took.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

CONFIG = """\
site_name: Bare
theme:
  name: material
  language: vi
  font: false
plugins:
  - search
use_directory_urls: false
nav:
  - Trang chủ: index.md
"""

PLACES = ("Yên Lạc", "Vĩnh Tường", "Tam Dương", "Tam Đảo", "Lập Thạch", "Sông Lô", "Bình Xuyên",
          "Phúc Yên", "Vĩnh Yên", "Đồng Tâm", "Hợp Thịnh", "Đạo Đức")
INDICATORS = ("Kết nạp đảng viên mới", "Thu ngân sách nhà nước", "Tỷ lệ hộ nghèo", "Số vụ vi phạm kỷ luật",
              "Kim ngạch xuất khẩu", "Tỷ lệ giải ngân vốn đầu tư công", "Số hộ thoát nghèo",
              "Doanh nghiệp thành lập mới", "Lớp bồi dưỡng chính trị", "Tỷ lệ tham gia bảo hiểm y tế",
              "Xã đạt chuẩn nông thôn mới", "Tổ chức đảng trong doanh nghiệp")
STATUSES = ("Vượt", "Đạt", "Chưa đạt", "Đúng tiến độ", "Chậm tiến độ")


def vi(number: int) -> str:
    """A whole number the Vietnamese way: 1.804."""
    return f"{number:,}".replace(",", ".")


def page(number: int) -> str:
    """A page: an H1 and one 12-row Markdown table, Vietnamese text and numbers."""
    lines = [f"# Đảng bộ xã {PLACES[number % len(PLACES)]} {number}", "",
             "| Chỉ tiêu | Chỉ tiêu giao | Kết quả | Tỷ lệ hoàn thành | Đánh giá |",
             "|---|--:|--:|--:|---|"]
    for row in range(12):
        target = 50 + (number * 37 + row * 101) % 950
        value = target * (80 + (number + row * 7) % 41) // 100
        share = f"{value * 100 / target:.1f}".replace(".", ",")
        lines.append(f"| {INDICATORS[row]} | {vi(target)} | {vi(value)} | {share}% | "
                     f"{STATUSES[(number + row) % len(STATUSES)]} |")
    return "\n".join(lines) + "\n"


def write_bare(folder: Path, pages: int) -> Path:
    """Write the bare project into folder (mkdocs.yml, docs/index.md, docs/p/NNNNN.md); return folder."""
    folder = Path(folder)
    docs = folder / "docs"
    (docs / "p").mkdir(parents=True, exist_ok=True)
    (folder / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    (docs / "index.md").write_text(
        f"# Trang chủ\n\nDự án mkdocs-material tối giản với {pages} trang, để so sánh thời gian tạo trang.\n",
        encoding="utf-8")
    for number in range(1, pages + 1):
        (docs / "p" / f"{number:05d}.md").write_text(page(number), encoding="utf-8")
    return folder


def build_bare(folder: Path) -> float:
    """Build folder/mkdocs.yml in-process into folder/site; return the seconds it took."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        started = time.perf_counter()
        config = load_config(config_file=str(Path(folder) / "mkdocs.yml"))
        build(config)
        return time.perf_counter() - started
    finally:
        logger.setLevel(level)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build a bare mkdocs-material site of N pages and time it.")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--pages", type=int, required=True)
    args = parser.parse_args(argv)
    write_bare(args.folder, args.pages)
    print(f"{build_bare(args.folder):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
