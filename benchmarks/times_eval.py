"""Time-expression tagging and normalization scored against TimeML corpora.

    python -m benchmarks.times_eval [--corpus tbaq|meantime] [--model blank|bundled|PATH]
                                    [--tense auto|words|parse] [--compare-dateparser]
                                    [--limit N] [--repeat R] [--errors N [--context]]
                                    [--error-table] [--keep-copies]

Scores follow TempEval-3 Task A (UzZaman et al., 2013): a system timex matches a
gold one when their spans overlap (relaxed) or are identical (strict), one to one,
in document order; **value F1** is the F1 of relaxed matches whose value is exactly
the gold value (= relaxed F1 x value accuracy); type accuracy is over relaxed
matches.  The document creation time (``functionInDocument="CREATION_TIME"``) is the
anchor and is not scored.

Corpora are read in place from ``$DATA_DIR`` (default ``../shared/data``):
``tempeval3/TBAQ-cleaned`` (TimeBank + AQUAINT: research only, never copied) and
``meantime`` (Wikinews, CC BY 4.0; its text is rebuilt from tokens joined by spaces,
and only its first six sentences, the part its annotators covered, are scored).

Speeds are CPU time (``time.process_time``), best of ``--repeat`` runs, since the
machines are shared.  Without ``--model`` storyline reads tense from the words (the
text-only path, as for the ``blank`` pipeline); with one, it parses with that spaCy
pipeline first (the parse is then inside the timing).
``--error-table`` groups the wrong values on matched spans by the shape of the gold
value and by the storyline rule (pattern kind) that produced the system value, and
splits each group three ways: **INC**, the gold gives the same expression (weekday,
month names and digits masked) the system's form elsewhere in the corpus, so the
annotation itself is inconsistent; **FORM**, the system's form is never the gold's for
that expression, a rule to fix; **DIR**, same form, other value (direction, anchor).
``--compare-dateparser`` runs ``dateparser.search.search_dates`` on the same texts
with ``RELATIVE_BASE`` set to the creation time and ``PREFER_DATES_FROM`` "past"
(news reports the past), and scores it generously: its datetime counts as the
right value when, written at the gold value's granularity (year, month, ISO week,
day, minute), it equals the gold value.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import os
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from storyline.extract.times import time_expressions, times
from storyline.extract.timex_tense import TENSE_SOURCES, TenseSource
from storyline.records import ArticleContext

ROOT = Path(__file__).resolve().parents[1]
#: print the text around each error (``--context``); for the terminal only
CONTEXT = False


@dataclass
class GoldDoc:
    name: str
    text: str
    dct: dt.date
    timexes: list[tuple[int, int, str, str]]  # start, end, type, value
    #: spans of the creation time where it is written in the text: not scored
    ignore: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Score:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0
    errors: list[str] = field(default_factory=list)

    @staticmethod
    def _f1(hits: int, system: int, gold: int) -> tuple[float, float, float]:
        p = hits / system if system else 0.0
        r = hits / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def lines(self, name: str, types: bool = True) -> list[str]:
        sp, sr, sf = self._f1(self.strict, self.system, self.gold)
        rp, rr, rf = self._f1(self.relaxed, self.system, self.gold)
        vp, vr, vf = self._f1(self.value, self.system, self.gold)
        out = [
            f"{name}: gold {self.gold}, system {self.system}",
            f"  strict  span P {sp:.3f} R {sr:.3f} F1 {sf:.3f}",
            f"  relaxed span P {rp:.3f} R {rr:.3f} F1 {rf:.3f}",
            f"  value   F1 {vf:.3f} (P {vp:.3f} R {vr:.3f}; "
            f"value accuracy {self.value / self.relaxed if self.relaxed else 0:.3f})",
        ]
        if types:
            out.append(f"  type accuracy {self.type / self.relaxed if self.relaxed else 0:.3f}")
        return out

    @property
    def value_f1(self) -> float:
        return self._f1(self.value, self.system, self.gold)[2]


# -- corpora -----------------------------------------------------------------------------

_TAG = re.compile(r"<(/?)(\w+)([^>]*?)(/?)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def read_tml(path: Path) -> GoldDoc | None:
    raw = path.read_text(encoding="utf-8")
    dct_match = re.search(
        r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*value="(\d{4}-\d\d-\d\d)', raw
    ) or re.search(r'<TIMEX3[^>]*value="(\d{4}-\d\d-\d\d)[^>]*functionInDocument="CREATION_TIME"',
                   raw)
    body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
    if dct_match is None or body is None:
        return None
    content = body.group(1)
    parts: list[str] = []
    length = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    timexes: list[tuple[int, int, str, str]] = []
    pos = 0
    for tag in _TAG.finditer(content):
        chunk = html.unescape(content[pos : tag.start()])
        parts.append(chunk)
        length += len(chunk)
        pos = tag.end()
        closing, name, attrs = tag.group(1), tag.group(2), tag.group(3)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = (length, dict(_ATTR.findall(attrs)))
        elif open_timex is not None:
            start, attr = open_timex
            if attr.get("functionInDocument") != "CREATION_TIME":
                timexes.append((start, length, attr.get("type", ""), attr.get("value", "")))
            open_timex = None
    parts.append(html.unescape(content[pos:]))
    return GoldDoc(path.name, "".join(parts), dt.date.fromisoformat(dct_match.group(1)), timexes)


def read_meantime(path: Path) -> GoldDoc | None:
    """A MEANTIME document, cut to the sentences its annotators covered (the first six)."""
    root = ET.parse(path).getroot()
    tokens: dict[str, tuple[int, int]] = {}
    pieces: list[str] = []
    length, sentence = 0, None
    sentence_of = {t.get("t_id"): int(t.get("sentence") or 0) for t in root.iter("token")}
    covered = max(
        (sentence_of.get(a.get("t_id"), 0) for a in root.iter("token_anchor")), default=0
    )
    for tok in root.iter("token"):
        if int(tok.get("sentence") or 0) > covered:
            break
        word = tok.text or ""
        if sentence is not None and tok.get("sentence") != sentence:
            pieces.append("\n")
            length += 1
        elif pieces:
            pieces.append(" ")
            length += 1
        sentence = tok.get("sentence")
        tokens[tok.get("t_id", "")] = (length, length + len(word))
        pieces.append(word)
        length += len(word)
    dct: dt.date | None = None
    timexes: list[tuple[int, int, str, str]] = []
    ignore: list[tuple[int, int]] = []
    for timex in root.iter("TIMEX3"):
        value = timex.get("value", "")
        ids = [a.get("t_id", "") for a in timex.iter("token_anchor")]
        spans = [tokens[i] for i in ids if i in tokens]
        if timex.get("functionInDocument") == "CREATION_TIME":
            dct = dt.date.fromisoformat(value[:10])
            if spans:
                ignore.append((min(s for s, _ in spans), max(e for _, e in spans)))
            continue
        if spans:
            timexes.append((min(s for s, _ in spans), max(e for _, e in spans),
                            timex.get("type", ""), value))
    if dct is None:
        return None
    timexes.sort()
    return GoldDoc(path.stem, "".join(pieces), dct, timexes, ignore)


def load_corpus(name: str, data_dir: Path, *, keep_copies: bool = False) -> list[GoldDoc] | None:
    if name == "tbaq":
        folder = data_dir / "tempeval3" / "TBAQ-cleaned"
        files, reader = sorted(folder.glob("*/*.tml")), read_tml
    else:
        folder = data_dir / "meantime" / "intra-doc_annotation"
        files, reader = sorted(folder.glob("*/*.xml")), read_meantime
    if not files:
        return None
    if not keep_copies:
        # TBAQ-cleaned ships its pipeline test (testpipeline/) as a copy of a TimeBank file:
        # score each document once
        unique: dict[str, Path] = {}
        for f in files:
            unique.setdefault(f.name, f)
        files = sorted(unique.values())
    return [doc for f in files if (doc := reader(f)) is not None]


# -- scoring -----------------------------------------------------------------------------

Prediction = tuple[int, int, str, str | None]  # start, end, type, value
ValueCheck = Callable[[str | None, str], bool]


def _exact(predicted: str | None, gold: str) -> bool:
    return predicted == gold


def kept(doc: GoldDoc, predicted: list[Prediction]) -> list[Prediction]:
    """The predictions outside the document's ignored regions."""
    return [p for p in predicted if not any(p[0] < e and s < p[1] for s, e in doc.ignore)]


def matched(doc: GoldDoc, predicted: list[Prediction]) -> list[int | None]:
    """Per gold TIMEX3 in order: the first prediction not matched yet that overlaps it."""
    used: set[int] = set()
    found: list[int | None] = []
    for gs, ge, _, _ in doc.timexes:
        hit = next((k for k, (ps, pe, _, _) in enumerate(predicted)
                    if k not in used and ps < ge and gs < pe), None)
        if hit is not None:
            used.add(hit)
        found.append(hit)
    return found


def score(doc: GoldDoc, predicted: list[Prediction], total: Score,
          same_value: ValueCheck = _exact) -> None:
    predicted = kept(doc, predicted)
    total.gold += len(doc.timexes)
    total.system += len(predicted)
    hits = matched(doc, predicted)
    used = {k for k in hits if k is not None}
    for (gs, ge, gtype, gvalue), k in zip(doc.timexes, hits, strict=True):
        if k is None:
            total.errors.append(f"{doc.name} MISSED {doc.text[gs:ge]!r} {gtype} {gvalue}")
            continue
        ps, pe, ptype, pvalue = predicted[k]
        total.relaxed += 1
        total.strict += (ps, pe) == (gs, ge)
        total.type += ptype == gtype
        if same_value(pvalue, gvalue):
            total.value += 1
        else:
            total.errors.append(
                f"{doc.name} dct={doc.dct} {doc.text[gs:ge]!r}: gold {gtype} {gvalue}, "
                f"got {doc.text[ps:pe]!r} {ptype} {pvalue}"
                + (f"  | {' '.join(doc.text[max(0, gs - 90):ge + 60].split())}"
                   if CONTEXT else "")
            )
    for k, (ps, pe, ptype, pvalue) in enumerate(predicted):
        if k not in used:
            total.errors.append(f"{doc.name} SPURIOUS {doc.text[ps:pe]!r} {ptype} {pvalue}")


def storyline_predict(
    docs: Iterable[GoldDoc], model: str | None, tense: TenseSource = "auto"
) -> list[list[Prediction]]:
    if model is None:
        return [
            [(t.start, t.end, t.type, t.value) for t in time_expressions(d.text, anchor=d.dct)]
            for d in docs
        ]
    from storyline.nlp import load_pipeline

    nlp = load_pipeline(model)
    out = []
    for doc, gold in nlp.pipe(((d.text, d) for d in docs), as_tuples=True):
        ctx = ArticleContext(gold.name, gold.dct.isoformat())
        out.append([(t.start, t.end, t.type, t.value) for t in times(doc, ctx, tense=tense)])
    return out


# -- error table (--error-table) -------------------------------------------------------

_SHAPES: tuple[tuple[str, str], ...] = (
    ("date", r"\d{4}-\d\d-\d\d"), ("time", r"\d{4}-\d\d-\d\dT.+"),
    ("week", r"\d{4}-W\d\d(-WE)?"), ("month", r"\d{4}-\d\d"), ("year", r"\d{4}"),
    ("quarter", r"\d{4}-[QH]\d"), ("season", r"\d{4}-(SP|SU|FA|WI)"),
    ("decade/century", r"\d{2,3}"),
)
_MASKS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(mon|tues|wednes|thurs|fri|satur|sun)day\b"), "WD"),
    (re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"), "MON"),
    (re.compile(r"\d"), "#"),
    (re.compile(r"^(the|a|an) "), ""),
)


def value_shape(value: str | None, typ: str) -> str:
    """The kind of a TIMEX3 value: date, week, month, ..., DURATION, SET, PAST_REF."""
    value = value or ""
    if typ == "SET":
        return "SET"
    if value.endswith("_REF") or value.startswith("P"):
        return value if value.endswith("_REF") else "DURATION"
    for name, pattern in _SHAPES:
        if re.fullmatch(pattern, value):
            return name
    return "underspecified" if "X" in value else "other"


def _masked(text: str) -> str:
    key = " ".join(text.lower().split())
    for pattern, mask in _MASKS:
        key = pattern.sub(mask, key)
    return key


def _rule_kinds(doc: GoldDoc) -> dict[tuple[int, int], str]:
    """Which pattern kind tagged each span (the tagger's internals: a benchmark aid)."""
    from storyline.extract.times import _resolve
    from storyline.extract.timex_tense import lexical_tense_of, text_sentences

    found = _resolve(doc.text, doc.dct, lexical_tense_of(doc.text, text_sentences(doc.text)))
    return {(t.start, t.end): t.kind for t in found}


def error_table(docs: list[GoldDoc], predictions: list[list[Prediction]]) -> list[str]:
    """Wrong values on matched spans, grouped by gold shape and by rule, INC/FORM/DIR."""
    forms: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    for doc in docs:
        for gs, ge, gtype, gvalue in doc.timexes:
            forms[_masked(doc.text[gs:ge])][(gtype, value_shape(gvalue, gtype))] += 1
    rows: list[tuple[str, str, str]] = []
    for doc, predicted in zip(docs, predictions, strict=True):
        kinds = _rule_kinds(doc)
        predicted = kept(doc, predicted)
        for (gs, ge, gtype, gvalue), k in zip(doc.timexes, matched(doc, predicted), strict=True):
            if k is None or predicted[k][3] == gvalue:
                continue
            ps, pe, ptype, pvalue = predicted[k]
            ours, gold = (ptype, value_shape(pvalue, ptype)), (gtype, value_shape(gvalue, gtype))
            seen = forms[_masked(doc.text[gs:ge])] + forms[_masked(doc.text[ps:pe])]
            cls = "DIR" if ours == gold else "INC" if seen[ours] else "FORM"
            rows.append((gold[1], kinds.get((ps, pe), "?"), cls))
    out = [f"value errors on matched spans: {len(rows)} (INC: the gold gives this expression "
           "the system's form elsewhere; FORM: never; DIR: same form, other value)"]
    for title, index in (("gold value shape", 0), ("rule", 1)):
        table: dict[str, Counter[str]] = defaultdict(Counter)
        for row in rows:
            table[row[index]][row[2]] += 1
        out.append(f"  by {title}:{'':<{22 - len(title)}}total   INC  FORM   DIR")
        ordered = sorted(table.items(), key=lambda kv: -sum(kv[1].values()))
        for name, counts in [*ordered, ("all", Counter(row[2] for row in rows))]:
            out.append(f"    {name:<28}{sum(counts.values()):5d} {counts['INC']:5d} "
                       f"{counts['FORM']:5d} {counts['DIR']:5d}")
    return out


def _at_granularity(moment: dt.datetime, gold: str) -> str:
    if re.fullmatch(r"\d{4}", gold):
        return f"{moment.year:04d}"
    if re.fullmatch(r"\d{4}-\d\d", gold):
        return moment.strftime("%Y-%m")
    if re.fullmatch(r"\d{4}-W\d\d", gold):
        year, week, _ = moment.isocalendar()
        return f"{year}-W{week:02d}"
    if re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d", gold):
        return moment.strftime("%Y-%m-%dT%H:%M")
    return moment.date().isoformat()


def dateparser_predict(docs: Iterable[GoldDoc]) -> list[list[Prediction]]:
    from dateparser.search import search_dates

    out: list[list[Prediction]] = []
    for doc in docs:
        base = dt.datetime.combine(doc.dct, dt.time(12, 0))
        found = search_dates(
            doc.text, languages=["en"],
            settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"},
        ) or []
        preds: list[Prediction] = []
        cursor = 0
        for substring, moment in found:
            at = doc.text.find(substring, cursor)
            if at < 0:
                at = doc.text.find(substring)
            if at < 0:
                continue
            cursor = at + len(substring)
            preds.append((at, at + len(substring), "DATE", moment.isoformat()))
        out.append(preds)
    return out


def _dateparser_value(predicted: str | None, gold: str) -> bool:
    if predicted is None:
        return False
    return _at_granularity(dt.datetime.fromisoformat(predicted), gold) == gold


def _timed(run: Callable[[], list[list[Prediction]]], repeat: int) -> tuple[
    list[list[Prediction]], float
]:
    """The predictions and the least CPU time of ``repeat`` runs: the machines are shared,
    so process time (not wall time) and the best run are what compare fairly."""
    best, result = float("inf"), []
    for _ in range(max(1, repeat)):
        started = time.process_time()
        result = run()
        best = min(best, time.process_time() - started)
    return result, best


def _words(docs: Iterable[GoldDoc]) -> int:
    return sum(len(d.text.split()) for d in docs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", choices=["tbaq", "meantime"], default="tbaq")
    parser.add_argument("--model", default=None,
                        help="spaCy pipeline to parse with (default: text-only tense cues)")
    parser.add_argument("--tense", choices=TENSE_SOURCES, default="auto",
                        help="with --model: read tense from the words, the parse, or both")
    parser.add_argument("--compare-dateparser", action="store_true")
    parser.add_argument("--limit", type=int, default=None,
                        help="score only the first N documents")
    parser.add_argument("--errors", type=int, default=0, help="print N value/span errors")
    parser.add_argument("--context", action="store_true", help="show text around errors")
    parser.add_argument("--error-table", action="store_true",
                        help="group wrong values by gold shape and rule (INC/FORM/DIR)")
    parser.add_argument("--keep-copies", action="store_true",
                        help="score a document found twice (TBAQ's testpipeline/) twice, as "
                             "this benchmark did before")
    parser.add_argument("--repeat", type=int, default=3,
                        help="time each system this many times and keep the fastest")
    args = parser.parse_args(argv)
    global CONTEXT
    CONTEXT = args.context
    data_dir = Path(os.environ.get("DATA_DIR", ROOT.parent / "shared" / "data"))
    docs = load_corpus(args.corpus, data_dir, keep_copies=args.keep_copies)
    if not docs:
        print(f"skipped: no {args.corpus} corpus under {data_dir} (set DATA_DIR)")
        return 0
    docs = docs[: args.limit] if args.limit else docs
    words = _words(docs)
    print(f"{args.corpus}: {len(docs)} documents, {words:,} words, "
          f"{sum(len(d.timexes) for d in docs)} gold TIMEX3 (creation times excluded)")

    predictions, ours_s = _timed(lambda: storyline_predict(docs, args.model, args.tense),
                                 args.repeat)
    ours = Score()
    for doc, pred in zip(docs, predictions, strict=True):
        score(doc, pred, ours)
    label = "storyline (" + (
        "text-only tense" if args.model is None else f"model {args.model}, tense {args.tense}"
    ) + ")"
    print("\n".join(ours.lines(label)))
    print(f"  speed {words / ours_s:,.0f} words/s ({len(docs) / ours_s:,.1f} docs/s, CPU time,"
          f" best of {args.repeat}{', parse included' if args.model else ''})")
    for line in ours.errors[: args.errors]:
        print("   ", line)
    if args.error_table:
        print("\n".join(error_table(docs, predictions)))

    if args.compare_dateparser:
        try:
            import dateparser  # noqa: F401
        except ImportError:
            print("dateparser comparison skipped: dateparser is not installed")
            return 0
        dp_predictions, dp_s = _timed(lambda: dateparser_predict(docs), args.repeat)
        theirs = Score()
        for doc, pred in zip(docs, dp_predictions, strict=True):
            score(doc, pred, theirs, _dateparser_value)
        print("\n".join(theirs.lines("dateparser.search.search_dates", types=False)))
        print(f"  speed {words / dp_s:,.0f} words/s ({len(docs) / dp_s:,.2f} docs/s, CPU time,"
              f" best of {args.repeat})")
        print(f"storyline is {dp_s / ours_s:,.1f}x faster; value F1 "
              f"{ours.value_f1:.3f} vs {theirs.value_f1:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
