"""Deterministic synthetic years in the input contract's format, for benchmarks and tests.

    python bench/synth.py DIR --units N [--year Y] [--seed S]

writes DIR/<year>/{year.yml, groups.csv, units.csv, indicators.csv, targets.csv,
results.csv, ratings.csv}: comma-delimited UTF-8, plain numbers. Standard library
only; the same (units, year, seed) always gives the same bytes.

Shape of a year of N units:
- 10 groups g01..g10; g10 ("Tổ chức cơ sở đảng", the co-so group) holds the
  sub-units, a tenth of the units (N // 10), whose parents are top-level units
  spread evenly over the others (about two sub-units per parent; depth 2 at most).
- 20 indicators: counts up (6), counts down (2: violations, complaints; target
  often 0), amounts up (3), rates up (2) and down (2), tasks (5).
- 12 targets per unit: 7-9 numbers and 3-5 tasks (with due period and product),
  weights 1-3.
- 4 periods q1, h1, 9m, y; a result row per target and period, counts and
  amounts cumulative and non-decreasing, tasks going not_started -> in_progress
  -> done (with evidence); about 1% of rows dropped (no_data). A parent's own
  value of a summed indicator is kept at least the sum of its sub-units'.
- 1-3 decided ratings with reasons.
- officials.csv: the head of every top-level unit in post all year, except every tenth unit,
  whose head rotates out on 15 July and a successor takes over on 16 July (the successors drawn
  from their own random stream, so the other files stay as they were).
"""

from __future__ import annotations

import argparse
import bisect
import csv
import random
import sys
import time
from pathlib import Path

PERIODS = (("q1", "Quý I", "03-31"), ("h1", "6 tháng đầu năm", "06-30"),
           ("9m", "9 tháng", "09-30"), ("y", "Cả năm", "12-31"))
PACE = (0.25, 0.5, 0.75)  # rough elapsed share of q1, h1, 9m

# group id, group name, unit name prefix, head title
GROUPS = (
    ("g01", "Ban Thường vụ huyện ủy, thị ủy, thành ủy", "Huyện ủy", "Bí thư Huyện ủy"),
    ("g02", "Đảng ủy khối các cơ quan tỉnh", "Đảng ủy Khối", "Bí thư Đảng ủy"),
    ("g03", "Các ban xây dựng Đảng", "Ban Xây dựng Đảng", "Trưởng ban"),
    ("g04", "Giám đốc các sở, ban, ngành", "Sở Nông nghiệp", "Giám đốc"),
    ("g05", "Mặt trận Tổ quốc và các tổ chức chính trị - xã hội", "Ủy ban Mặt trận Tổ quốc", "Chủ tịch"),
    ("g06", "Đảng bộ doanh nghiệp nhà nước", "Đảng ủy Công ty", "Bí thư Đảng ủy"),
    ("g07", "Đơn vị sự nghiệp công lập", "Đảng ủy Bệnh viện", "Giám đốc"),
    ("g08", "Lực lượng vũ trang", "Đảng ủy Quân sự", "Bí thư Đảng ủy"),
    ("g09", "Đảng bộ xã, phường, thị trấn", "Đảng bộ xã", "Bí thư Đảng ủy"),
    ("g10", "Tổ chức cơ sở đảng (cơ sở)", "Chi bộ thôn", "Bí thư Chi bộ"),
)
SUB_GROUP = "g10"

PLACES = ("Yên Lạc", "Vĩnh Tường", "Tam Dương", "Tam Đảo", "Lập Thạch", "Sông Lô", "Bình Xuyên",
          "Phúc Yên", "Vĩnh Yên", "Đồng Tâm", "Hợp Thịnh", "Đạo Đức", "Hương Canh", "Thổ Tang",
          "Tứ Trưng", "Đại Đồng", "Hoàng Đan", "Quang Sơn", "Đình Chu", "Xuân Lôi")
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Bùi", "Đặng", "Ngô", "Dương", "Phùng")
MIDDLE = ("Văn", "Thị", "Minh", "Đức", "Quang", "Thu", "Hữu", "Thanh")
GIVEN = ("An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hương", "Khánh", "Lan", "Long", "Mai", "Nam",
         "Phúc", "Quyết", "Sơn", "Thắng", "Thủy", "Tiến", "Tuấn", "Vinh")

# Numeric indicators: id, name, kind, measure, direction, category, target range.
# Amounts are kept in tenths and rates in hundredths internally (exact sums and
# comparisons), then written as plain decimals.
NUMBERS = (
    ("ket-nap", "Kết nạp đảng viên mới", "count", "đảng viên", "up", "Xây dựng Đảng", (40, 250)),
    ("to-chuc-dang-dn", "Thành lập tổ chức đảng trong doanh nghiệp tư nhân", "count", "tổ chức", "up",
     "Xây dựng Đảng", (1, 8)),
    ("boi-duong", "Mở lớp bồi dưỡng lý luận chính trị", "count", "lớp", "up", "Xây dựng Đảng", (4, 30)),
    ("ho-thoat-ngheo", "Số hộ thoát nghèo", "count", "hộ", "up", "Kinh tế - xã hội", (50, 600)),
    ("doanh-nghiep-moi", "Doanh nghiệp thành lập mới", "count", "doanh nghiệp", "up", "Kinh tế - xã hội",
     (20, 300)),
    ("nong-thon-moi", "Xã đạt chuẩn nông thôn mới nâng cao", "count", "xã", "up", "Kinh tế - xã hội", (1, 6)),
    ("vi-pham", "Số vụ cán bộ vi phạm phải xử lý kỷ luật", "count", "vụ", "down", "Xây dựng Đảng", (0, 2)),
    ("don-thu", "Đơn thư khiếu nại, tố cáo kéo dài, vượt cấp", "count", "vụ", "down", "Nội chính", (0, 4)),
    ("thu-ngan-sach", "Thu ngân sách nhà nước trên địa bàn", "amount", "tỷ đồng", "up", "Kinh tế - xã hội",
     (300, 3000)),
    ("xuat-khau", "Kim ngạch xuất khẩu", "amount", "triệu USD", "up", "Kinh tế - xã hội", (50, 900)),
    ("von-dau-tu", "Vốn đầu tư phát triển toàn xã hội", "amount", "tỷ đồng", "up", "Kinh tế - xã hội",
     (500, 5000)),
    ("giai-ngan", "Tỷ lệ giải ngân kế hoạch vốn đầu tư công", "rate", "%", "up", "Kinh tế - xã hội", (85, 100)),
    ("bhyt", "Tỷ lệ dân số tham gia bảo hiểm y tế", "rate", "%", "up", "Văn hóa - xã hội", (90, 98)),
    ("ho-ngheo", "Tỷ lệ hộ nghèo", "rate", "%", "down", "Kinh tế - xã hội", (0.5, 5)),
    ("that-nghiep", "Tỷ lệ thất nghiệp khu vực thành thị", "rate", "%", "down", "Kinh tế - xã hội", (1.5, 4)),
)
# Where a rate up starts the year, as a share of its final level.
RATE_START = {"giai-ngan": 0.3, "bhyt": 0.96}
# Tasks: id, name, product, evidence stem.
TASKS = (
    ("nv-ban-chi-dao", "Thành lập Ban Chỉ đạo thực hiện chỉ tiêu giao bằng sản phẩm",
     "Quyết định thành lập Ban Chỉ đạo, đôn đốc thực hiện các chỉ tiêu được giao", "Quyết định số"),
    ("nv-chuyen-doi-so", "Xây dựng đề án chuyển đổi số trong cơ quan Đảng",
     "Đề án chuyển đổi số được phê duyệt", "Đề án số"),
    ("nv-quy-che", "Ban hành quy chế làm việc", "Quy chế làm việc được ban hành", "Quy chế số"),
    ("nv-so-ket", "Sơ kết thực hiện nghị quyết đại hội", "Báo cáo sơ kết được thông qua", "Báo cáo số"),
    ("nv-chuong-trinh", "Xây dựng chương trình hành động thực hiện nghị quyết",
     "Chương trình hành động được ban hành", "Chương trình số"),
)
TASK_CATEGORY = "Nhiệm vụ được giao"
DUE_WEIGHTS = (0.1, 0.25, 0.3, 0.35)  # q1, h1, 9m, y
DECIDED = (
    ("khong-hoan-thanh", "Có cán bộ lãnh đạo chủ chốt bị xử lý kỷ luật trong năm"),
    ("hoan-thanh", "Để xảy ra đơn thư khiếu nại kéo dài, vượt cấp chưa được giải quyết"),
    ("tot", "Ban Thường vụ Tỉnh ủy ghi nhận thành tích đột xuất trong phòng, chống thiên tai"),
)
DROP_SHARE = 0.01
# How well a unit does: (share of its targets missed, share of those reached that are exceeded),
# drawn per unit with the cumulative shares below, so every rating occurs.
TIERS = ((0.0, 0.7), (0.0, 0.25), (0.12, 0.4), (0.4, 0.3))
TIER_SHARES = (0.2, 0.4, 0.75)

SCALE = {"count": 1, "amount": 10, "rate": 100}  # internal integer units per displayed unit


def fmt(value: int, kind: str) -> str:
    """A non-negative internal integer as a plain number (count, tenths, hundredths)."""
    if kind == "count":
        return str(value)
    if kind == "amount":
        return f"{value // 10}.{value % 10}"
    return f"{value // 100}.{value % 100:02d}"


def person(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def plan_units(n: int, rng: random.Random) -> list[dict]:
    """Units u00001.. : top-level ones first (groups g01-g09 in blocks), then the sub-units (g10)."""
    n_sub = n // 10
    n_top = n - n_sub
    n_parents = max(1, (n_sub + 1) // 2) if n_sub else 0
    parents = [(k * n_top) // n_parents for k in range(n_parents)]  # spread over top-level units
    units = []
    counters = {}
    for i in range(n):
        if i < n_top:
            group = GROUPS[(i * 9) // n_top]
            parent = ""
        else:
            group = GROUPS[9]
            parent = f"u{parents[(i - n_top) % n_parents] + 1:05d}"
        counters[group[0]] = counters.get(group[0], 0) + 1
        place = PLACES[(i * 7 + counters[group[0]]) % len(PLACES)]
        units.append({
            "unit_id": f"u{i + 1:05d}", "name": f"{group[2]} {place} {counters[group[0]]}",
            "group_id": group[0], "parent_id": parent, "head": f"{group[3]} {person(rng)}",
        })
    return units


def outcome(rng: random.Random, miss: float, exceed: float) -> str:
    """How a target ends the year: "miss", "met" (exactly) or "exceed"."""
    r = rng.random()
    if r < miss:
        return "miss"
    return "exceed" if rng.random() < exceed else "met"


def numeric_series(rng: random.Random, spec, scale: float, end: str) -> tuple[int, list[int]]:
    """A target and its four period values (internal integer units) for one numeric target."""
    ind_id, _, kind, _, direction, _, (low, high) = spec
    unit = SCALE[kind]
    if kind == "rate":
        target = int(round(rng.uniform(low, high) * 10)) * 10  # one decimal place
        if direction == "up":
            final = {"met": target, "exceed": min(10000, target + rng.randint(1, 800)),
                     "miss": max(0, target - rng.randint(1, 1500))}[end]
            start = RATE_START[ind_id]
            values = [int(final * (start + (1 - start) * (p + 1) / 4 * rng.uniform(0.85, 1.1)))
                      for p in range(3)]
            return target, [min(v, 10000) for v in values] + [final]
        final = {"met": target, "exceed": max(0, target - rng.randint(1, target // 2 + 1)),
                 "miss": target + rng.randint(1, target // 2 + 10)}[end]
        top = final * rng.uniform(1.1, 1.6) + 10
        return target, [int(top + (final - top) * (p + 1) / 4) for p in range(3)] + [final]
    if direction == "down":  # counts of bad events: target often 0
        target = 0 if (ind_id == "vi-pham" and rng.random() < 0.8) else rng.randint(low, high)
        if end == "miss":
            final = target + rng.randint(1, 3)
        elif end == "exceed" and target > 0:
            final = rng.randint(0, target - 1)
        else:
            final = target
    else:
        target = max(1, int(rng.uniform(low, high) * scale)) * unit
        final = {"met": target, "exceed": max(target + 1, int(target * rng.uniform(1.0, 1.3))),
                 "miss": max(0, min(target - 1, int(target * rng.uniform(0.6, 1.0))))}[end]
    shares = [pace * rng.uniform(0.6, 1.3) for pace in PACE]
    values, last = [], 0.0
    for share in shares:
        last = min(1.0, max(last, share))
        values.append(int(final * last))
    return target, values + [final]


def task_series(rng: random.Random, due: int, miss: float) -> list[str]:
    """The reported status of one task at each period."""
    r = rng.random()
    if r < miss:
        done = 4  # never
    elif r < miss + 0.15 and due < 3:
        done = rng.randint(due + 1, 3)  # late
    else:
        done = rng.randint(0, due)  # on time or ahead
    start = rng.randint(0, min(done, 4))
    return ["done" if p >= done else "in_progress" if p >= start else "not_started" for p in range(4)]


def write_csv(path: Path, header: list[str], rows) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def write_year(folder: Path, units: int, year: int = 2031, seed: int = 1) -> dict:
    """Write folder/<year>/ with a synthetic year of `units` units; return the row counts."""
    if units < 1:
        raise ValueError("units must be at least 1")
    rng = random.Random(seed)
    out = Path(folder) / str(year)
    out.mkdir(parents=True, exist_ok=True)
    plan = plan_units(units, rng)
    period_ids = [p[0] for p in PERIODS]
    by_id = {spec[0]: spec for spec in NUMBERS}
    summed = {spec[0] for spec in NUMBERS if spec[2] in ("count", "amount")}
    numeric_ids = [spec[0] for spec in NUMBERS]
    task_ids = [t[0] for t in TASKS]
    task_info = {t[0]: t for t in TASKS}
    due_choices = list(range(4))

    # Sub-units first, so a parent's own values can be kept >= its sub-units' sum.
    order = [u for u in plan if u["parent_id"]] + [u for u in plan if not u["parent_id"]]
    child_sums: dict[tuple[str, str], list[int]] = {}
    target_rows: dict[str, list] = {}
    result_rows: dict[str, list] = {}
    drop = rng.random
    for unit in order:
        uid = unit["unit_id"]
        is_sub = bool(unit["parent_id"])
        scale = rng.uniform(0.1, 0.3) if is_sub else rng.uniform(0.5, 2.0)
        miss, exceed = TIERS[bisect.bisect(TIER_SHARES, rng.random())]
        n_tasks = rng.choice((3, 4, 4, 4, 5))
        chosen = sorted(rng.sample(range(len(numeric_ids)), 12 - n_tasks))
        tasks = sorted(rng.sample(range(len(task_ids)), n_tasks))
        trows, rrows = [], []
        for k in chosen:
            ind = numeric_ids[k]
            spec = by_id[ind]
            kind = spec[2]
            target, values = numeric_series(rng, spec, scale, outcome(rng, miss, exceed))
            if ind in summed:
                if is_sub:
                    acc = child_sums.setdefault((unit["parent_id"], ind), [0, 0, 0, 0])
                    for p in range(4):
                        acc[p] += values[p]
                else:
                    below = child_sums.get((uid, ind))
                    if below:
                        values = [max(v, s) for v, s in zip(values, below)]
            weight = rng.choice((1, 1, 2, 3))
            trows.append((uid, ind, fmt(target, kind), weight, "", ""))
            for p in range(4):
                if drop() >= DROP_SHARE:
                    rrows.append((uid, ind, period_ids[p], fmt(values[p], kind), "", ""))
        for k in tasks:
            ind, _, product, stem = task_info[task_ids[k]]
            due = rng.choices(due_choices, DUE_WEIGHTS)[0]
            trows.append((uid, ind, "", rng.choice((1, 2, 3)), period_ids[due], product))
            statuses = task_series(rng, due, miss)
            evidence = f"{stem} {rng.randint(1, 300)}-QĐ/{year}"
            for p in range(4):
                if drop() >= DROP_SHARE:
                    status = statuses[p]
                    rrows.append((uid, ind, period_ids[p], "", status, evidence if status == "done" else ""))
        target_rows[uid] = trows
        result_rows[uid] = rrows

    ids = [u["unit_id"] for u in plan]
    write_csv(out / "groups.csv", ["group_id", "name", "order"],
              [(g[0], g[1], i + 1) for i, g in enumerate(GROUPS)])
    write_csv(out / "units.csv", ["unit_id", "name", "group_id", "parent_id", "head"],
              [(u["unit_id"], u["name"], u["group_id"], u["parent_id"], u["head"]) for u in plan])
    write_csv(out / "indicators.csv", ["indicator_id", "name", "kind", "measure", "direction", "category"],
              [s[:6] for s in NUMBERS] + [(t[0], t[1], "task", "", "", TASK_CATEGORY) for t in TASKS])
    write_csv(out / "targets.csv", ["unit_id", "indicator_id", "target", "weight", "due", "product"],
              (row for uid in ids for row in target_rows[uid]))
    write_csv(out / "results.csv", ["unit_id", "indicator_id", "period", "value", "status", "evidence"],
              (row for uid in ids for row in result_rows[uid]))
    picked = rng.sample(ids, min(len(ids), rng.randint(1, 3)))
    write_csv(out / "ratings.csv", ["unit_id", "rating", "reason"],
              [(uid, *DECIDED[i]) for i, uid in enumerate(sorted(picked))])
    officials = official_rows(plan, year, seed)
    write_csv(out / "officials.csv", ["official_id", "name", "unit_id", "title", "from", "to"], officials)
    periods = "\n".join(f'  - {{id: {pid}, name: "{name}", end: {year}-{end}}}' for pid, name, end in PERIODS)
    (out / "year.yml").write_text(
        f'title: "Kết quả thực hiện nhiệm vụ bằng sản phẩm năm {year} (dữ liệu tổng hợp)"\n'
        f'organisation: "Tỉnh ủy Tổng hợp"\n'
        f"periods:\n{periods}\n"
        f"current_period: y\n"
        f"sample: true\n", encoding="utf-8")
    return {"units": len(plan), "targets": sum(len(r) for r in target_rows.values()),
            "results": sum(len(r) for r in result_rows.values()), "officials": len(officials)}


def official_rows(plan: list[dict], year: int, seed: int) -> list[tuple]:
    """officials.csv: each top-level unit's head (named in its `head`), every tenth rotated in July."""
    titles = {g[0]: g[3] for g in GROUPS}
    rng = random.Random(seed + 1)
    rows = []
    for number, unit in enumerate(u for u in plan if not u["parent_id"]):
        title = titles[unit["group_id"]]
        name = unit["head"][len(title) + 1:]
        official = f"cb-{unit['unit_id']}"
        if number % 10 == 9:
            rows.append((official, name, unit["unit_id"], title, "", f"15/07/{year}"))
            rows.append((f"{official}-2", person(rng), unit["unit_id"], title, f"{year}-07-16", ""))
        else:
            rows.append((official, name, unit["unit_id"], title, "", ""))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic year of evaluation data.")
    parser.add_argument("folder", type=Path, help="data folder; the year goes to FOLDER/<year>/")
    parser.add_argument("--units", type=int, required=True)
    parser.add_argument("--year", type=int, default=2031)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    counts = write_year(args.folder, args.units, args.year, args.seed)
    seconds = time.perf_counter() - started
    print(f"{args.folder / str(args.year)}: {counts['units']} units, {counts['targets']} targets, "
          f"{counts['results']} results in {seconds:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
