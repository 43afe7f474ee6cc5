"""A story as a Markdown report a person can read, and its timeline in other formats."""

from __future__ import annotations

import json
from collections.abc import Mapping
from html import escape
from typing import Any

from storyline.stories.disagree import country_name

_MAX_QUOTE = 300


def _md(text: object) -> str:
    """Article text is untrusted: keep it from opening Markdown or HTML structure."""
    value = " ".join(str(text or "").split())
    for ch in "\\`*_[]<>#|":
        value = value.replace(ch, "\\" + ch)
    return value


def _clip(text: object, limit: int = _MAX_QUOTE) -> str:
    value = " ".join(str(text or "").split())
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


def _where(record: Mapping[str, Any], article_no: Mapping[str, int]) -> str:
    number = article_no.get(str(record.get("article")), 0)
    return f"[A{number}:{record.get('start')}]"


def story_markdown(story: Mapping[str, Any], articles: Mapping[str, Any]) -> str:
    """The report: summary, timeline, actors, quotes by party, figures, disagreements, sources.

    ``articles`` maps ids to the contract's article objects; references like ``[A2:1234]``
    point at article 2 (listed under Sources) and a character offset in its text.
    """
    numbers = {a: i + 1 for i, a in enumerate(story["articles"])}
    span = " to ".join(d for d in (story.get("first"), story.get("last")) if d) or "undated"
    out = [f"# {_md(story['title'])}", "",
           f"*Story `{story['id']}` · {len(story['articles'])} articles · {span} · "
           f"{story['sources']['independent']} independent sources*", ""]
    if story["summary"]:
        out += ["## Summary", ""]
        out += [f"{_md(s['text'])} {_where(s, numbers)}" for s in story["summary"]]
        out.append("")
    out += ["## Timeline", ""]
    for entry in story["timeline"] or []:
        outlets = ", ".join(entry["outlets"]) or "unknown outlet"
        out.append(f"- **{_md(entry['label'])}** ({entry['type']}, {entry['status']}) — "
                   f"{_md(_clip(entry['text']))} {_where(entry['sentence'], numbers)} "
                   f"*{_md(outlets)}; first reported {entry['first_reported'] or 'undated'}*")
    if not story["timeline"]:
        out.append("No dated events found.")
    out += ["", "## Actors and roles", ""]
    for entity in story["entities"]:
        roles = "; ".join(_role(r) for r in entity.get("roles", []))
        aliases = ", ".join(entity.get("aliases", []))
        line = f"- **{_md(entity['name'])}** ({entity['type']})"
        if roles:
            line += f" — {_md(roles)}"
        if aliases:
            line += f"; also: {_md(aliases)}"
        out.append(line)
    out += ["", "## Quotes by party", ""]
    for group in story["quotes"]:
        out.append(f"### {_md(group['party'])}")
        for q in group["quotes"]:
            speaker = (q.get("speaker") or {}).get("text") or "unnamed"
            mark = "“" + _md(_clip(q["content"])) + "”" if q.get("direct") else _md(_clip(
                q["content"]))
            out.append(f"- {_md(speaker)}: {mark} {_where(q, numbers)}")
        out.append("")
    out += ["## Figures over time", ""]
    for series in story["figure_history"]:
        out.append(f"### {_md(series['key'])}")
        for p in series["points"]:
            claim = f", per {_md(p['claimant'])}" if p.get("claimant") else ""
            clash = " **(conflicts with: " + _md("; ".join(p["conflicts_with"])) + ")**" \
                if p["conflicts_with"] else ""
            what = " ".join(str(w) for w in (p.get("what"), p.get("predicate") and
                                             f"({p['predicate']})") if w)
            out.append(f"- {_md(p['label'])}: {_md(p['text'])} {_md(what)}{claim}{clash} "
                       f"{_where(p, numbers)}")
        out.append("")
    if not story["figure_history"]:
        out += ["No figures reported by more than one article.", ""]
    out += ["## Disagreements", ""]
    for matter in story["disagreements"]:
        out.append(f"### On: {_md(', '.join(matter.get('words') or matter['matter']))}")
        for position in matter["positions"]:
            for q in position["quotes"]:
                out.append(f"- **{_md(position['party'])}** ({_md(q['speaker'])}): "
                           f"{_md(_clip(q['content']))} {_where(q, numbers)}")
        out.append("")
    if not story["disagreements"]:
        out += ["No parties quoted on the same matter.", ""]
    out += ["## What each article added", ""]
    for entry in story["whats_new"]:
        out.append(f"- A{numbers.get(entry['article'], 0)}: {_md(_novelty(entry, numbers))}")
    out += ["", "## Sources", ""]
    for article_id in story["articles"]:
        a = articles.get(article_id, {})
        via = f" via {_md(', '.join(a.get('via') or []))}" if a.get("via") else ""
        date = (a.get("published") or {}).get("value") or "undated"
        title = a.get("title") or a.get("source") or article_id
        out.append(f"{numbers[article_id]}. {_md(a.get('outlet') or 'unknown outlet')}{via}"
                   f", {date}: {_md(title)} (`{article_id}`)")
    for relay in story["sources"]["relays"]:
        out.append(f"- relay: {_md(relay['from'])} → {_md(relay['to'])}")
    return "\n".join(out).rstrip() + "\n"


def _role(role: Mapping[str, Any]) -> str:
    of = country_name(str(role["of"])) if role.get("of") else None
    title = " ".join(str(p) for p in (of, role.get("title")) if p)
    dates = role.get("dates") or []
    return f"{title} ({dates[0]}…{dates[-1]})" if len(dates) > 1 else \
        f"{title} ({dates[0]})" if dates else title


def _novelty(entry: Mapping[str, Any], numbers: Mapping[str, int]) -> str:
    if entry["nothing_new"]:
        other = entry.get("rewrite_of")
        return f"nothing new: a rewrite of A{numbers.get(other, 0)}" if other else "nothing new"
    parts = []
    if entry["events"]:
        parts.append("events: " + "; ".join(
            f"{e['type']} “{e.get('trigger')}” {(e.get('date') or {}).get('value') or ''}".strip()
            for e in entry["events"]))
    if entry["quotes"]:
        parts.append(f"new quotes: {len(entry['quotes'])}")
    if entry.get("speakers"):
        parts.append("new voices: " + ", ".join(str(s) for s in entry["speakers"]))
    if entry["figures"]:
        parts.append("figures: " + "; ".join(f["text"] for f in entry["figures"]))
    if entry["actors"]:
        parts.append("new actors: " + ", ".join(a["name"] for a in entry["actors"]))
    return " · ".join(parts)


def timeline_text(story: Mapping[str, Any]) -> str:
    return "".join(f"{e['label']:<29} {e['type']:<9} {_clip(e['text'], 160)}\n"
                   for e in story["timeline"])


def timelinejs(story: Mapping[str, Any]) -> str:
    """TimelineJS 3 JSON (what newsrooms embed): one slide per timeline entry.

    TimelineJS renders its text fields as HTML, so article text is HTML-escaped here.
    """
    events = []
    for entry in story["timeline"]:
        value = str(entry["date"])
        parts = value.split("-")
        start: dict[str, str] = {"year": parts[0]}
        if len(parts) > 1 and parts[1].isdigit():
            start["month"] = str(int(parts[1]))
        if len(parts) > 2 and parts[2][:2].isdigit():
            start["day"] = str(int(parts[2][:2]))
        events.append({"start_date": start, "display_date": entry["label"],
                       "text": {"headline": escape(str(entry["type"])),
                                "text": escape(str(entry["text"]))},
                       "group": entry["status"], "unique_id": entry["event"]})
    return json.dumps({"title": {"text": {"headline": escape(str(story["title"]))}},
                       "events": events},
                      ensure_ascii=False, indent=2)
