"""The contract flattened: JSON Lines of every record, and CSV tables for spreadsheets."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Mapping
from typing import Any, TextIO

#: contract list -> the record kind written on each JSON Lines row
JSONL_KINDS = (("articles", "article"), ("entities", "entity"), ("events", "event"),
               ("times", "time"), ("quotes", "quote"), ("figures", "figure"),
               ("stories", "story"))

#: CSV table -> its columns (dotted keys reach into nested objects)
CSV_TABLES: dict[str, tuple[str, ...]] = {
    "stories": ("id", "title", "first", "last", "articles", "outlets"),
    "timeline": ("story", "date", "precision", "label", "type", "status", "text", "event",
                 "articles", "outlets", "first_reported", "sentence.article", "sentence.start",
                 "sentence.end"),
    "events": ("id", "type", "mode", "cameo", "trigger", "actors", "targets", "location.text",
               "date.value", "date.precision", "status", "sources", "outlets", "first_reported",
               "mentions"),
    "quotes": ("article", "start", "end", "speaker.text", "speaker.entity", "speaker.affiliation",
               "cue", "direct", "content", "channel", "date"),
    "figures": ("article", "start", "end", "text", "value", "low", "high", "qualifier", "unit",
                "what", "key", "claimant", "date"),
    "entities": ("id", "name", "type", "code", "affiliation", "aliases", "roles", "mentions"),
    "articles": ("id", "title", "outlet", "via", "published.value", "duplicate_of", "url",
                 "source"),
}


def jsonl_rows(contract: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    """Every record of the contract as one object, its family named by ``record``."""
    for key, kind in JSONL_KINDS:
        for record in contract.get(key, []):
            yield {"record": kind, **record}


def _cell(record: Mapping[str, Any], key: str) -> str:
    value: Any = record
    for part in key.split("."):
        value = value.get(part) if isinstance(value, Mapping) else None
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(_flat(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _flat(value: Any) -> str:
    if isinstance(value, Mapping):
        for key in ("name", "text", "title", "article"):
            if value.get(key):
                if key == "article" and "start" in value:
                    return f"{value['article']}:{value['start']}"
                return str(value[key])
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def table_rows(contract: Mapping[str, Any], table: str) -> Iterator[dict[str, Any]]:
    if table == "timeline":
        for story in contract.get("stories", []):
            for entry in story.get("timeline", []):
                yield {"story": story["id"], **entry}
    elif table == "stories":
        for story in contract.get("stories", []):
            yield {**story, "articles": len(story["articles"])}
    else:
        yield from contract.get(table, [])


def write_csv(contract: Mapping[str, Any], table: str, out: TextIO) -> None:
    """One CSV table; cells that hold lists are joined with "; "."""
    columns = CSV_TABLES[table]
    writer = csv.writer(out)
    writer.writerow(columns)
    for record in table_rows(contract, table):
        writer.writerow([_cell(record, c) for c in columns])
