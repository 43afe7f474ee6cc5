"""Quality gate: value F1 of the time tagger on the committed gold set.

``tests/gold/times.jsonl`` holds the two seeds (by path) and hand-annotated
Wikinews sentences (CC BY 2.5, via GUM), each with its anchor date (the article's
dateline) and TIMEX3 spans with values.  A record without an anchor is the
undated first seed: its anchor is the publication date inferred from its text,
which the record also pins.  Scoring is TempEval-3's: a system expression
matches a gold one when the spans overlap; value F1 counts matches with the exact
value.  The floor lives in ``tests/gold/baseline.json`` (``times_value_f1``) and is
only ever lowered on purpose.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from storyline.extract import infer_publication, times
from storyline.records import ArticleContext

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "gold" / "times.jsonl"
BASELINE = ROOT / "tests" / "gold" / "baseline.json"
TODAY = dt.date(2026, 11, 23)


def _records() -> list[dict[str, Any]]:
    lines = GOLD.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _text(record: dict[str, Any]) -> str:
    if "path" in record:
        return (ROOT / record["path"]).read_text(encoding="utf-8")
    text: str = record["text"]
    return text


def value_f1(nlp) -> tuple[float, list[str]]:  # type: ignore[no-untyped-def]
    gold_n = system_n = correct = 0
    misses: list[str] = []
    for record in _records():
        if record["times"] is None:
            continue
        text = _text(record)
        anchor = record["anchor"] or infer_publication(text, today=TODAY).value
        found = list(times(nlp(text), ArticleContext(record["id"], anchor)))
        gold_n += len(record["times"])
        system_n += len(found)
        used: set[int] = set()
        for gold in record["times"]:
            match = next((k for k, t in enumerate(found) if k not in used
                          and t.start < gold["end"] and gold["start"] < t.end), None)
            if match is not None:
                used.add(match)
                if found[match].value == gold["value"]:
                    correct += 1
                    continue
            got = found[match].value if match is not None else "nothing"
            misses.append(f"{record['id']}: {gold['text']!r} {gold['value']} got {got}")
        misses.extend(f"{record['id']}: spurious {t.text!r} {t.value}"
                      for k, t in enumerate(found) if k not in used)
    precision = correct / system_n if system_n else 0.0
    recall = correct / gold_n if gold_n else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f1, misses


def test_value_f1_meets_the_floor(blank_nlp) -> None:  # type: ignore[no-untyped-def]
    f1, misses = value_f1(blank_nlp)
    floor = json.loads(BASELINE.read_text(encoding="utf-8"))["times_value_f1"]
    assert f1 >= floor, f"value F1 {f1:.3f} < floor {floor}:\n" + "\n".join(misses)


@pytest.mark.parametrize(
    "record", [r for r in _records() if "published" in r], ids=lambda r: r["id"]
)
def test_publication_dates_of_the_gold_set(record: dict[str, Any]) -> None:
    found = infer_publication(_text(record), today=TODAY)
    assert (found.value, found.earliest, found.latest) == (
        record["published"]["value"], record["published"]["earliest"],
        record["published"]["latest"],
    )


def test_gold_spans_match_their_text() -> None:
    for record in _records():
        text = _text(record)
        for gold in record["times"] or []:
            assert text[gold["start"] : gold["end"]] == gold["text"], record["id"]
