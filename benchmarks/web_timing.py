"""How fast the web app serves a big story: 500 articles in one story.

    python -m benchmarks.web_timing [--db PATH] [--articles 500] [--model bundled|blank]
                                    [--repeat 7] [--profile]

The database (built once, then reused from ``--db``, default
``$TMPDIR/storyline-web-<model>-<articles>.db``) holds the two seed articles and the
VOA stories of ``$DATA_DIR/voa`` (default ``../shared/data``; without it, the seeds
and the Wikinews samples) repeated with variation until there are ``--articles``:
copy ``k > 0`` of a base text keeps half of its paragraphs (rotated by ``k``) and
takes the other half from a second base; every article gets one paragraph of a
third base and a dated "update N" line, so few are near-duplicates; copies have
their two- and three-digit numbers raised by ``k`` (so figure series move); dates
are spread over 2023-10-07..2024-12-31 and outlets come from a fixed list.  Every
article is then put into one story with :meth:`Store.assign_stories`, so the story
page has to show all of them.

Ingest keeps each story's built view in the store (``storyline.stories.views``);
this benchmark puts all articles into one story after ingest, then keeps that
story's view the same way, and prints how long that took.  The URLs are requested
in order through FastAPI's TestClient, each once and then ``--repeat`` times, in
one fresh app: the first request reads the kept view (``--on-demand``: a copy of
the database without kept views, so the first request builds the view, as after
``ingest --no-views``); later requests find it in the app's cache.  Printed: the first request, the
median of the repeats, and the response size.  ``--profile`` prints where
``build_story`` spends its time (cProfile).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import json
import os
import pstats
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from storyline.config import load_settings
from storyline.nlp import load_pipeline
from storyline.process import Ingester
from storyline.records import RawArticle
from storyline.store import Store
from storyline.stories.views import refresh_views

ROOT = Path(__file__).resolve().parents[1]
STORY = "story-web-benchmark"
OUTLETS = ("Reuters", "AFP", "Axios", "Report", "VOA", "Associated Press", "BBC")
START, DAYS = dt.date(2023, 10, 7), 451
TODAY = dt.date(2026, 11, 23)  # fixed, so runs are comparable
_NUMBER = re.compile(r"(?<![\d,.])(\d{2,3})(?![\d,.])")


def base_texts() -> tuple[list[tuple[str, str]], str]:
    """(title, text) of the seeds plus VOA stories (or the Wikinews samples)."""
    seeds = [("", p.read_text(encoding="utf-8"))
             for p in sorted((ROOT / "samples" / "seeds").glob("*.txt"))]
    data = Path(os.environ.get("DATA_DIR", ROOT.parent / "shared" / "data"))
    voa = data / "voa" / "voa_stories.jsonl"
    path, corpus = (voa, "seeds + VOA") if voa.is_file() else \
        (ROOT / "samples" / "wikinews.jsonl", "seeds + Wikinews samples")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    return seeds + [(r.get("title") or "", r["text"]) for r in rows], corpus


def varied(bases: list[tuple[str, str]], count: int) -> list[RawArticle]:
    """``count`` articles varied from ``bases`` (see the module docstring)."""
    out = []
    for i in range(count):
        title, text = bases[i % len(bases)]
        copy = i // len(bases)
        own = _paragraphs(text)
        shift = copy % len(own)
        own = own[shift:] + own[:shift]
        other = _paragraphs(bases[(i * 7 + copy * 11 + 3) % len(bases)][1])
        third = _paragraphs(bases[(i * 13 + copy * 5 + 1) % len(bases)][1])
        if copy:  # half of this base, half of another, a paragraph of a third
            own = own[: max(1, len(own) // 2)] + other[len(other) // 2:]
        day = START + dt.timedelta(days=(i * DAYS) // count)
        paragraphs = [*own, third[copy % len(third)],
                      f"This is update {i + 1} of the report, filed on {day:%B %d, %Y}."]
        body = "\n\n".join(paragraphs)
        if copy:
            body = _NUMBER.sub(lambda m, k=copy: str(int(m.group(1)) + k), body)
        out.append(RawArticle(body, f"bench:{i}", "text",
                              title=f"{title} ({copy})" if title and copy else title or None,
                              published=day.isoformat(), outlet=OUTLETS[i % len(OUTLETS)]))
    return out


def _paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n") if p.strip()] or [text]


def build_db(path: Path, count: int, model: str) -> str:
    bases, corpus = base_texts()
    raws = varied(bases, count)
    settings = load_settings().replace(model=model)
    started = time.perf_counter()
    with Store(path) as store:
        Ingester(store, load_pipeline(model), settings).run(raws, today=TODAY)
        store.assign_stories([(a.id, STORY) for a in store.articles()])
        refresh_views(store)
        stored = store.count_articles()
    print(f"built {path}: {stored} articles from {corpus}, model {model}, "
          f"in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return corpus


def time_urls(db: Path, urls: list[str], repeat: int) -> list[tuple[str, float, float, int]]:
    """(url, first request, median of the next ``repeat``, bytes) in one fresh app."""
    from fastapi.testclient import TestClient

    from storyline.web import create_app

    rows = []
    with TestClient(create_app(db)) as client:
        for url in urls:
            start = time.perf_counter()
            response = client.get(url)
            first = time.perf_counter() - start
            assert response.status_code == 200, (url, response.status_code)
            warm = []
            for _ in range(repeat):
                start = time.perf_counter()
                response = client.get(url)
                warm.append(time.perf_counter() - start)
                assert response.status_code == 200, (url, response.status_code)
            rows.append((url, first, statistics.median(warm), len(response.content)))
    return rows


def profile_build(db: Path) -> None:
    from storyline.stories.build import build_story

    with Store(db) as store:
        profiler = cProfile.Profile()
        profiler.enable()
        build_story(store, STORY)
        profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--model", default="bundled")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--build-only", action="store_true")
    parser.add_argument("--on-demand", action="store_true",
                        help="time pages on a copy without kept views (as after --no-views)")
    args = parser.parse_args(argv)
    db = args.db or Path(tempfile.gettempdir()) / \
        f"storyline-web-{args.model}-{args.articles}.db"
    corpus = "existing database"
    if not db.is_file():
        corpus = build_db(db, args.articles, args.model)
    if args.build_only:
        return
    with Store(db) as store:
        started = time.perf_counter()
        if refresh_views(store):  # a database built before views were kept
            print(f"kept the story views in {time.perf_counter() - started:.1f} s")
    mode = "kept views"
    if args.on_demand:
        copy = Path(tempfile.mkdtemp()) / db.name
        shutil.copy(db, copy)
        with Store(copy) as store:
            store.drop_story_views(store.story_ids())
        db, mode = copy, "views built on demand"
    with Store(db) as store:
        ids = store.story_article_ids(STORY)
        first = ids[0]
        sizes = {f: sum(1 for _ in store.records(f)) for f in
                 ("times", "quotes", "figures", "events", "local_entities")}
    print(f"db {db} ({corpus}; model {args.model}; {mode}): story {STORY} of {len(ids)} "
          "articles; "
          + ", ".join(f"{n} {f}" for f, n in sizes.items()))
    urls = [f"/story/{STORY}", f"/story/{STORY}?timeline=10", f"/api/stories/{STORY}",
            f"/api/stories/{STORY}/timeline", f"/article/{first}", "/", "/search?q=hostages",
            f"/story/{STORY}/events.csv"]
    print(f"{'url':<48}{'first s':>9}{'median s':>10}{'bytes':>12}   (median of {args.repeat})")
    for url, first, median, size in time_urls(db, urls, args.repeat):
        print(f"{url:<48}{first:>9.3f}{median:>10.4f}{size:>12,}")
    if args.profile:
        profile_build(db)


if __name__ == "__main__":
    main()
