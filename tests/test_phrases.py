"""Direction-aware words (scorecard/phrases.py): every (direction, kind, status) read as a person would.

Each case is hand-worked: the figures of a line, and the phrase it must read as. The table of
phrases must hold exactly the combinations compute.status() can give, and no failure of a
lower-is-better indicator may read "vượt" or "thiếu".
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from scorecard import compute, labels, phrases
from scorecard.phrases import Result

FAILURES = {"not_met", "behind", "overdue"}

# direction, kind, status, value, target, completion, measure, elapsed, due -> phrase
CASES = [
    # higher is better: counts and amounts, final period
    ("up", "count", "exceeded", 1804, 1740, 1804 / 1740, "đảng viên", 1, "", "vượt chỉ tiêu, nhiều hơn 64 đảng viên"),
    ("up", "count", "met", 180, 180, 1.0, "đảng viên", 1, "", "đạt chỉ tiêu"),
    ("up", "count", "met", 3, 0, 1.0, "tổ chức", 1, "", "đạt chỉ tiêu"),  # target 0: met by any value >= 0
    ("up", "count", "not_met", 5, 7, 5 / 7, "đảng viên", 1, "", "không đạt, còn thiếu 2 đảng viên"),
    ("up", "amount", "exceeded", 640.2, 500, 640.2 / 500, "triệu USD", 1, "",
     "vượt chỉ tiêu, nhiều hơn 140,2 triệu USD"),
    ("up", "amount", "met", 500, 500, 1.0, "triệu USD", 1, "", "đạt chỉ tiêu"),
    ("up", "amount", "not_met", 5320.5, 5500, 5320.5 / 5500, "triệu USD", 1, "",
     "không đạt, còn thiếu 179,5 triệu USD"),
    # higher is better, during the year: against the pace of the year
    ("up", "count", "on_track", 80, 100, 0.8, "đảng viên", 0.75, "",
     "đúng tiến độ, đạt 80% chỉ tiêu năm; theo tiến độ cần 75%"),
    ("up", "count", "behind", 62, 100, 0.62, "đảng viên", 0.75, "",
     "chậm tiến độ, đạt 62% chỉ tiêu năm; theo tiến độ cần 75%"),
    ("up", "amount", "on_track", 300.5, 600, 300.5 / 600, "tỷ đồng", 181 / 365, "",
     "đúng tiến độ, đạt 50,1% chỉ tiêu năm; theo tiến độ cần 49,6%"),
    ("up", "amount", "behind", 100, 600, 100 / 600, "tỷ đồng", 181 / 365, "",
     "chậm tiến độ, đạt 16,7% chỉ tiêu năm; theo tiến độ cần 49,6%"),
    ("up", "count", "no_data", None, 10, None, "đảng viên", 1, "", "chưa có số liệu"),
    ("up", "amount", "no_data", None, 10, None, "tỷ đồng", 0.5, "", "chưa có số liệu"),
    # higher is better: rates, in percentage points
    ("up", "rate", "exceeded", 10, 8.5, 10 / 8.5, "%", 1, "", "vượt chỉ tiêu, cao hơn 1,5 điểm phần trăm"),
    ("up", "rate", "met", 8.5, 8.5, 1.0, "%", 1, "", "đạt chỉ tiêu"),
    ("up", "rate", "met", 2, 0, 1.0, "%", 1, "", "đạt chỉ tiêu"),  # target 0
    ("up", "rate", "not_met", 7, 8.5, 7 / 8.5, "%", 1, "", "không đạt, thấp hơn chỉ tiêu 1,5 điểm phần trăm"),
    ("up", "rate", "not_met", -1.5, 0, 0.0, "%", 1, "", "không đạt, thấp hơn chỉ tiêu 1,5 điểm phần trăm"),
    ("up", "rate", "behind", 6, 8.5, 6 / 8.5, "%", 0.5, "", "chưa đạt, thấp hơn chỉ tiêu 2,5 điểm phần trăm"),
    ("up", "rate", "no_data", None, 8.5, None, "%", 1, "", "chưa có số liệu"),
    # lower is better: the target is a maximum
    ("down", "count", "exceeded", 1, 3, 5 / 3, "vụ", 1, "", "tốt hơn chỉ tiêu, ít hơn mức tối đa 2 vụ"),
    ("down", "count", "met", 3, 3, 1.0, "vụ", 1, "", "đạt chỉ tiêu, bằng mức tối đa 3 vụ"),
    ("down", "count", "met", 0, 0, 1.0, "vụ", 1, "", "đạt chỉ tiêu, bằng mức tối đa 0 vụ"),  # target 0
    ("down", "count", "not_met", 1, 0, 0.0, "vụ", 1, "", "không đạt, nhiều hơn mức tối đa 1 vụ"),  # the 2021 card
    ("down", "count", "not_met", 5, 3, 1 / 3, "vụ", 1, "", "không đạt, nhiều hơn mức tối đa 2 vụ"),
    ("down", "count", "on_track", 1, 3, 5 / 3, "vụ", 0.5, "", "đúng tiến độ, chưa quá mức tối đa 3 vụ"),
    ("down", "count", "on_track", 0, 0, 1.0, "vụ", 0.5, "", "đúng tiến độ, chưa quá mức tối đa 0 vụ"),
    ("down", "count", "behind", 2, 0, 0.0, "vụ", 0.5, "", "quá mức tối đa, đã nhiều hơn 2 vụ"),
    ("down", "count", "no_data", None, 0, None, "vụ", 1, "", "chưa có số liệu"),
    ("down", "amount", "exceeded", 80, 100, 1.2, "tỷ đồng", 1, "", "tốt hơn chỉ tiêu, thấp hơn mức tối đa 20 tỷ đồng"),
    ("down", "amount", "met", 100, 100, 1.0, "tỷ đồng", 1, "", "đạt chỉ tiêu, bằng mức tối đa 100 tỷ đồng"),
    ("down", "amount", "not_met", 112.5, 100, 0.875, "tỷ đồng", 1, "",
     "không đạt, cao hơn mức tối đa 12,5 tỷ đồng"),
    ("down", "amount", "on_track", 40, 100, 1.6, "tỷ đồng", 0.5, "", "đúng tiến độ, chưa quá mức tối đa 100 tỷ đồng"),
    ("down", "amount", "behind", 120, 100, 0.8, "tỷ đồng", 0.5, "", "quá mức tối đa, đã cao hơn 20 tỷ đồng"),
    ("down", "amount", "no_data", None, 100, None, "tỷ đồng", 1, "", "chưa có số liệu"),
    ("down", "rate", "exceeded", 1.9, 2.0, 1.05, "%", 1, "", "tốt hơn chỉ tiêu, thấp hơn chỉ tiêu 0,1 điểm phần trăm"),
    ("down", "rate", "met", 2.0, 2.0, 1.0, "%", 1, "", "đạt chỉ tiêu, bằng chỉ tiêu 2%"),
    ("down", "rate", "met", 0, 0, 1.0, "%", 1, "", "đạt chỉ tiêu, bằng chỉ tiêu 0%"),  # target 0
    ("down", "rate", "not_met", 2.3, 2.0, 0.85, "%", 1, "", "không đạt, cao hơn chỉ tiêu 0,3 điểm phần trăm"),
    ("down", "rate", "not_met", 0.5, 0, 0.0, "%", 1, "", "không đạt, cao hơn chỉ tiêu 0,5 điểm phần trăm"),
    ("down", "rate", "on_track", 1.5, 2.0, 1.25, "%", 0.5, "", "đúng tiến độ, không cao hơn chỉ tiêu 2%"),
    ("down", "rate", "behind", 2.5, 2.0, 0.75, "%", 0.5, "", "chưa đạt, cao hơn chỉ tiêu 0,5 điểm phần trăm"),
    ("down", "rate", "no_data", None, 2.0, None, "%", 1, "", "chưa có số liệu"),
    # tasks (always "up": validation refuses a direction for them)
    ("up", "task", "done", None, None, 1.0, "", 1, "31/12/2021", "hoàn thành"),
    ("up", "task", "in_progress", None, None, 0.0, "", 0.5, "30/09/2021", "đang thực hiện, hạn 30/09/2021"),
    ("up", "task", "not_started", None, None, 0.0, "", 0.25, "31/12/2021", "chưa thực hiện, hạn 31/12/2021"),
    ("up", "task", "overdue", None, None, 0.0, "", 0.5, "30/06/2021", "quá hạn, chưa hoàn thành, hạn 30/06/2021"),
    ("up", "task", "no_data", None, None, None, "", 1, "31/12/2021", "chưa có số liệu"),
]


def result(direction, kind, status, value, target, completion, measure, elapsed, due) -> Result:
    return Result(status=status, direction=direction, kind=kind, value=value, target=target, completion=completion,
                  measure=measure, elapsed=elapsed, due=due)


@pytest.mark.parametrize("direction, kind, status, value, target, completion, measure, elapsed, due, expected", CASES,
                         ids=[f"{c[0]}-{c[1]}-{c[2]}-{c[4]}" for c in CASES])
def test_phrase(direction, kind, status, value, target, completion, measure, elapsed, due, expected):
    line = result(direction, kind, status, value, target, completion, measure, elapsed, due)
    assert phrases.phrase(line) == expected
    word = phrases.word(status, direction, kind)
    assert expected.startswith(word[0].lower() + word[1:])  # the word a badge shows opens the phrase
    if direction == "down" and status in FAILURES:
        assert "vượt" not in expected.lower() and "thiếu" not in expected.lower()
    if status in FAILURES:
        assert not expected.startswith(("vượt", "đạt", "tốt hơn", "hoàn thành", "đúng"))


def test_every_row_of_the_table_has_a_hand_worked_case():
    assert set(phrases.PHRASES) == {(c[0], c[1], c[2]) for c in CASES}


def reachable_combinations() -> set[tuple[str, str, str]]:
    """What compute.status() gives over a grid of lines: every direction, kind, target (0 or not), value, period."""
    rows = []
    values = [None, -1.0, 0.0, 1.0, 5.0, 7.5, 10.0, 12.0, 20.0]
    for direction, kind in itertools.product(("up", "down"), ("count", "amount", "rate")):
        for target, value, final in itertools.product((0.0, 10.0), values, (True, False)):
            rows.append({"direction": direction, "kind": kind, "target": target, "value": value, "final": final,
                         "status": None, "period_index": 3 if final else 1, "due_index": 3})
    for reported, period in itertools.product((None, "done", "in_progress", "not_started"), (1, 3)):
        rows.append({"direction": "up", "kind": "task", "target": np.nan, "value": np.nan, "final": period == 3,
                     "status": reported, "period_index": period, "due_index": 2})
    lines = pd.DataFrame(rows)
    lines["value"] = lines["value"].astype(float)
    lines["elapsed"] = np.where(lines["final"], 1.0, 0.5)
    lines["completion"] = compute.completion(lines)
    statuses = compute.status(lines, None)
    return set(zip(lines["direction"], lines["kind"], statuses))


def test_the_table_holds_exactly_what_the_rules_can_give():
    assert set(phrases.PHRASES) == reachable_combinations()


@pytest.mark.parametrize("direction, kind", [("down", "count"), ("down", "amount"), ("down", "rate")])
def test_a_lower_is_better_word_never_reads_as_exceeding(direction, kind):
    for status in ("exceeded", "not_met", "behind", "on_track", "met"):
        assert "vượt" not in phrases.word(status, direction, kind).lower()
    assert phrases.word("exceeded", direction, kind) == "Tốt hơn chỉ tiêu"


def test_the_generic_words_are_the_words_of_a_count():
    """Tables that count statuses over every indicator (labels.STATUS) use the words of a plain count."""
    for status, word in labels.STATUS.items():
        kind = "task" if status in ("done", "in_progress", "not_started", "overdue") else "count"
        assert phrases.word(status, "up", kind) == word


@pytest.mark.parametrize("name, final, expected", [
    ("Quý I", False, "Số liệu đến hết quý I năm 2021 (31/03/2021)"),
    ("6 tháng đầu năm", False, "Số liệu đến hết 6 tháng đầu năm 2021 (31/03/2021)"),
    ("9 tháng", False, "Số liệu đến hết 9 tháng năm 2021 (31/03/2021)"),
    ("Cả năm", True, "Số liệu cả năm 2021 (đến 31/03/2021)"),
    ("Năm 2021", True, "Số liệu năm 2021 (đến 31/03/2021)"),
])
def test_a_period_reads_as_prose(name, final, expected):
    assert phrases.data_span(name, 2021, final, "31/03/2021") == expected
