"""Figure history: one quantity across articles and time, with who claimed it and how hedged.

Figures share a series when their ``key`` names the same counted thing
("hostages|seize", "hostages|remain" are both about hostages); within a series,
points of the same date and predicate with different values from different
claimants are marked as conflicting, side by side, without a verdict.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from storyline.stories.timeline import date_label


def series_name(figure: Mapping[str, Any]) -> str | None:
    """The counted thing a figure belongs to, or None for figures too vague to follow."""
    key = figure.get("key") or ""
    head = str(key).split("|", 1)[0].strip()
    if head:
        return head
    what = str(figure.get("what") or "").strip().casefold()
    return what or None


def _predicate(figure: Mapping[str, Any]) -> str | None:
    key = str(figure.get("key") or "")
    return key.split("|", 1)[1] if "|" in key else None


def _precision(value: str | None) -> str | None:
    if not value:
        return None
    return {4: "year", 7: "month"}.get(len(value), "day")


def figure_history(figures: Sequence[Mapping[str, Any]],
                   published: Mapping[str, str | None]) -> list[dict[str, Any]]:
    """Series of figures (two or more points, or one point with a claimant), longest first.

    ``published`` maps article ids to publication dates: a point's date is the
    figure's own governing date, else the day its article was published.
    """
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for figure in figures:
        name = series_name(figure)
        if name is None or figure.get("value") is None:
            continue
        date = figure.get("date") or published.get(str(figure["article"]))
        groups[name].append({
            "value": figure.get("value"), "low": figure.get("low"), "high": figure.get("high"),
            "qualifier": figure.get("qualifier"), "unit": figure.get("unit"),
            "text": figure.get("text"), "what": figure.get("what"),
            "predicate": _predicate(figure), "claimant": figure.get("claimant"),
            "date": date, "label": date_label(date, _precision(date)),
            "article": figure["article"], "start": figure["start"], "end": figure["end"],
            "reported": published.get(str(figure["article"])),
        })
    history: list[dict[str, Any]] = []
    for name, points in groups.items():
        if len(points) < 2 and not points[0]["claimant"]:
            continue
        points.sort(key=lambda p: (p["date"] or "9999", p["reported"] or ""))
        _mark_conflicts(points)
        history.append({"key": name, "points": points,
                        "conflicts": sum(1 for p in points if p["conflicts_with"])})
    history.sort(key=lambda s: (-len(s["points"]), str(s["key"])))
    return history


def _mark_conflicts(points: list[dict[str, Any]]) -> None:
    """Same date and predicate, different value, different claimant: shown as a conflict."""
    for point in points:
        point["conflicts_with"] = []
    for i, a in enumerate(points):
        for b in points[i + 1:]:
            if b["date"] != a["date"]:
                break
            if (a["predicate"] == b["predicate"] and a["value"] != b["value"]
                    and (a["claimant"] or "").casefold() != (b["claimant"] or "").casefold()):
                a["conflicts_with"].append(b["text"])
                b["conflicts_with"].append(a["text"])
