"""Why each unit got its rating, in plain Vietnamese, from the Report's figures (never computed here).

compute.py decides the rating and records the deciding condition (`rating_basis`) and its figures;
this module only words them, for pages, the workbook and (later) officials' records:
"92 điểm, nhưng 1 chỉ tiêu chưa đạt → Không hoàn thành nhiệm vụ".
"""

from __future__ import annotations

import math

from . import labels
from .model import RatingRules

EPSILON = 1e-9
METHOD_NAME = {
    "targets": "theo số chỉ tiêu đạt, vượt",
    "points": "theo thang 100 điểm",
    "qd366": "theo Quy định 366-QĐ/TW (thang 100 điểm và điều kiện của Điều 11)",
}
DECIDED = "Do cấp có thẩm quyền quyết định"


def points_text(points) -> str:
    """Points as a reader checks them against a threshold: never rounded up past it (89,99, not 90)."""
    shown = math.floor((float(points) + EPSILON) * 100) / 100
    return f"{labels.number(shown)} điểm"


def count_share(count: int, total: int) -> str:
    """"1/5 (20%)": a count of targets and its share."""
    return f"{count}/{total} ({labels.share(count / total)})" if total else f"{count}/{total}"


def threshold(points: float) -> str:
    """A point threshold: "90"."""
    return labels.number(points)


def computed_reason(u: dict, rules: RatingRules) -> str:
    """The computed rating and the condition that decided it, with its figures; "" where there is none."""
    words = basis_text(u, rules)
    return f"{words} → {labels.RATING[u['rating_computed']]}" if words else ""


def basis_text(u: dict, rules: RatingRules) -> str:
    """The figures and the condition that decided the computed rating, without the rating (a table shows it beside)."""
    basis, rating = u.get("rating_basis"), u.get("rating_computed")
    if labels.missing(basis) or labels.missing(rating):
        return ""
    return basis_words(u, basis, rating, rules)


def basis_words(u: dict, basis: str, rating: str, rules: RatingRules) -> str:
    """The figures and the deciding condition, before the arrow."""
    n, met, exceeded, late = (int(u[k]) for k in ("targets", "targets_met", "targets_exceeded", "targets_late"))
    missed = n - met
    exceeded_need, late_most = labels.share(rules.exceeded_share), labels.share(rules.late_share)
    points = "" if rules.method == "targets" else points_text(u["points"]) + ", "
    if basis == "quota":
        allowed = int(u["quota_allowed"]) if not labels.missing(u["quota_allowed"]) else 0
        return (f"{points}đủ điều kiện xuất sắc, nhưng nhóm chỉ được {allowed} đơn vị xuất sắc (tối đa "
                f"{labels.share(rules.quota)} số đơn vị xuất sắc, tốt của nhóm, xếp theo điểm)")
    if basis == "exceeded":
        return f"{met}/{n} chỉ tiêu đạt, {count_share(exceeded, n)} vượt (từ {exceeded_need})"
    if basis in ("all-met", "exceeded-short"):
        on_time = " đúng hạn" if rules.method == "qd366" else ""
        few = f"chỉ {count_share(exceeded, n)} vượt" if exceeded else "không chỉ tiêu nào vượt"
        return f"{points}{met}/{n} chỉ tiêu đạt{on_time}, nhưng {few} (xuất sắc cần từ {exceeded_need})"
    if basis in ("weight-met", "weight-short"):
        weight = labels.share(u["weight_met"] / u["weight_total"]) if u["weight_total"] else "0%"
        need = labels.share(rules.met_weight_share)
        return (f"{met}/{n} chỉ tiêu đạt, {missed} chưa đạt; chỉ tiêu đạt chiếm {weight} trọng số "
                + (f"(từ {need})" if basis == "weight-met" else f"(cần từ {need})"))
    if basis == "late":
        return f"{points}{met}/{n} chỉ tiêu đạt, nhưng {count_share(late, n)} hoàn thành chậm so với hạn (không quá {late_most})"
    if basis == "late-over":
        return f"{points}{met}/{n} chỉ tiêu đạt, nhưng {count_share(late, n)} hoàn thành chậm so với hạn (quá {late_most})"
    if basis == "not-met":
        return f"{points}nhưng {missed} chỉ tiêu chưa đạt"
    return band_words(u, rating, rules, missed, exceeded, late, n)


def band_words(u: dict, rating: str, rules: RatingRules, missed: int, exceeded: int, late: int, n: int) -> str:
    """`points` basis: the points' band decided (under qd366 with the conditions of that level, which held)."""
    p = float(u["points"])
    cut = {"xuat-sac": rules.points_xuat_sac, "tot": rules.points_tot, "hoan-thanh": rules.points_hoan_thanh}
    text = points_text(p) + (f" (từ {threshold(cut[rating])})" if rating in cut
                             else f" (dưới {threshold(rules.points_hoan_thanh)})")
    if rules.method != "qd366":
        return text
    if rating == "xuat-sac":
        return (f"{text}, {n - missed}/{n} chỉ tiêu đạt đúng hạn, {count_share(exceeded, n)} vượt "
                f"(từ {labels.share(rules.exceeded_share)})")
    if rating == "tot":
        return f"{text}, {n - missed}/{n} chỉ tiêu đạt đúng hạn"
    if rating == "hoan-thanh":
        return f"{text}, {n - missed}/{n} chỉ tiêu đạt, {count_share(late, n)} hoàn thành chậm"
    return text + (f", {missed} chỉ tiêu chưa đạt" if missed else "")


def decided_reason(u: dict, rules: RatingRules) -> str:
    """A decided rating: what was decided, why, and what the figures gave."""
    why = u.get("reason") or "không ghi"
    computed = computed_reason(u, rules)
    return (f"{DECIDED}: {labels.RATING[u['rating']]}. Lý do: {why}."
            + (f" Theo kết quả tính: {computed}." if computed else ""))


def reason(u: dict, rules: RatingRules) -> str:
    """Why the rating shown is what it is: the decided one's reason, or the computed one's."""
    if labels.missing(u.get("rating")):
        return ""
    return decided_reason(u, rules) if u.get("decided") else computed_reason(u, rules)


# The rule each basis turns on, for "same score, different rating: what separated them".
def separating_rule(basis: str, rules: RatingRules) -> str | None:
    """The rule that a unit's basis turns on, in words; None where the points alone decided."""
    return {
        "exceeded": f"số chỉ tiêu vượt (xuất sắc cần từ {labels.share(rules.exceeded_share)} số chỉ tiêu)",
        "all-met": f"số chỉ tiêu vượt (xuất sắc cần từ {labels.share(rules.exceeded_share)} số chỉ tiêu)",
        "exceeded-short": f"số chỉ tiêu vượt (xuất sắc cần từ {labels.share(rules.exceeded_share)} số chỉ tiêu)",
        "weight-met": f"tỷ lệ trọng số chỉ tiêu đạt (hoàn thành cần từ {labels.share(rules.met_weight_share)})",
        "weight-short": f"tỷ lệ trọng số chỉ tiêu đạt (hoàn thành cần từ {labels.share(rules.met_weight_share)})",
        "late": f"chỉ tiêu, nhiệm vụ hoàn thành chậm so với hạn (hoàn thành: không quá {labels.share(rules.late_share)})",
        "late-over": f"chỉ tiêu, nhiệm vụ hoàn thành chậm so với hạn (hoàn thành: không quá {labels.share(rules.late_share)})",
        "not-met": "mọi chỉ tiêu phải đạt",
        "quota": f"tỷ lệ tối đa đơn vị xuất sắc trong nhóm ({labels.share(rules.quota or 0)})",
    }.get(basis)


def tie_rules(units: list[dict], rules: RatingRules) -> list[str]:
    """The rules that separated units of equal score rated differently (decided ratings included), in order."""
    found = []
    for u in units:
        rule = DECIDED.lower() if u.get("decided") else separating_rule(u.get("rating_basis"), rules)
        if rule and rule not in found:
            found.append(rule)
    return found


def leader_condition(u: dict, rules: RatingRules) -> dict | None:
    """qd366: whether the unit meets what Điều 11 asks of it for its leader's "xuất sắc", with its figures."""
    if rules.method != "qd366" or labels.missing(u.get("leader_condition")):
        return None
    n, met, exceeded = int(u["targets"]), int(u["targets_met"]), int(u["targets_exceeded"])
    need = labels.share(rules.exceeded_share)
    return {
        "meets": bool(u["leader_condition"]),
        "completed": met == n, "completed_text": f"hoàn thành {count_share(met, n)} chỉ tiêu, nhiệm vụ",
        "exceeded": exceeded >= rules.exceeded_share * n - EPSILON,
        "exceeded_text": f"{count_share(exceeded, n)} vượt mức, cần từ {need}",
        "rule": (f"Điều 11 Quy định 366-QĐ/TW: người đứng đầu chỉ được xếp loại Hoàn thành xuất sắc nhiệm vụ khi "
                 f"đơn vị do mình lãnh đạo hoàn thành 100% chỉ tiêu, nhiệm vụ, trong đó ít nhất {need} vượt mức."),
    }
