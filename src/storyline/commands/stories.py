"""``storyline stories``, ``story ID`` and ``timeline ID``: views of the stories in a database."""

from __future__ import annotations

import csv
import sys
from typing import Any

import click

from storyline.commands.params import open_existing, print_json, root_settings
from storyline.errors import InputError, StorylineError
from storyline.export.markdown import story_markdown, timeline_text, timelinejs
from storyline.nlp import load_pipeline
from storyline.store import Store
from storyline.stories.semeval import entity_timeline, format_semeval
from storyline.stories.views import story_listing, story_view


def _open(ctx: click.Context, db: str | None) -> Store:
    return open_existing(root_settings(ctx, db=db))


def _story(store: Store, story_id: str) -> dict[str, Any]:
    story = story_view(store, story_id)
    if story is None:
        known = store.story_ids()
        hint = f"; known: {', '.join(known[:5])}{' …' if len(known) > 5 else ''}" if known \
            else "; the database has no stories yet"
        raise InputError(f"{story_id}: no such story{hint}")
    return story


def _fail(exc: StorylineError) -> click.ClickException:
    return click.ClickException(str(exc))


_db = click.option("--db", envvar="STORYLINE_DB", default=None, show_envvar=True,
                   help="Database file (default: the `db` setting, ./storyline.db).")


@click.command("stories")
@_db
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
              show_default=True)
@click.pass_context
def stories_command(ctx: click.Context, db: str | None, fmt: str) -> None:
    """List stories: id, title, date span, number of articles, outlets."""
    try:
        with _open(ctx, db) as store:
            rows = story_listing(store)
    except StorylineError as exc:
        raise _fail(exc) from None
    if fmt == "json":
        print_json(rows)
        return
    if fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(["id", "title", "first", "last", "articles", "outlets"])
        for r in rows:
            writer.writerow([r["id"], r["title"], r["first"] or "", r["last"] or "",
                             r["articles"], ";".join(r["outlets"])])
        return
    if not rows:
        click.echo("no stories; run `storyline ingest` first")
    for r in rows:
        span = " .. ".join(d for d in (r["first"], r["last"]) if d) or "undated"
        click.echo(f"{r['id']}  {span:<24} {r['articles']:>4} articles  "
                   f"{', '.join(r['outlets']) or '-'}")
        click.echo(f"    {r['title']}")


@click.command("story")
@click.argument("story_id")
@_db
@click.option("--format", "fmt", type=click.Choice(["md", "json"]), default="md",
              show_default=True, help="md: a readable report; json: every field.")
@click.pass_context
def story_command(ctx: click.Context, story_id: str, db: str | None, fmt: str) -> None:
    """One story: summary, timeline, actors, quotes by party, figures, disagreements, sources."""
    try:
        with _open(ctx, db) as store:
            story = _story(store, story_id)
            articles = {a: store.article(a) for a in story["articles"]}
    except StorylineError as exc:
        raise _fail(exc) from None
    if fmt == "json":
        print_json(story)
        return
    objects = {k: v.as_dict() for k, v in articles.items() if v is not None}
    sys.stdout.write(story_markdown(story, objects))


@click.command("timeline")
@click.argument("story_id", required=False)
@_db
@click.option("--entity", help="The timeline of one entity (its events in every article, or "
              "in STORY_ID's) instead of a story's.")
@click.option("--format", "fmt",
              type=click.Choice(["text", "json", "timelinejs", "semeval2015"]),
              default=None, help="text (default), json, timelinejs (TimelineJS 3 JSON, what "
              "newsrooms embed), or semeval2015 (with --entity: the SemEval-2015 Task 4 format).")
@click.option("--model", help="spaCy pipeline for --entity (it re-reads the articles).")
@click.pass_context
def timeline_command(ctx: click.Context, story_id: str | None, db: str | None,
                     entity: str | None, fmt: str | None, model: str | None) -> None:
    """A story's timeline, ordered by when things happened; or one entity's (--entity)."""
    try:
        with _open(ctx, db) as store:
            if entity is not None:
                _entity_timeline(ctx, store, story_id, entity, fmt or "semeval2015", model)
                return
            if fmt == "semeval2015":
                raise InputError("--format semeval2015 is an entity timeline: add --entity NAME")
            if story_id is None:
                raise InputError("name a story (see `storyline stories`) or use --entity NAME")
            story = _story(store, story_id)
    except StorylineError as exc:
        raise _fail(exc) from None
    if fmt == "json":
        print_json(story["timeline"])
    elif fmt == "timelinejs":
        sys.stdout.write(timelinejs(story) + "\n")
    else:
        sys.stdout.write(timeline_text(story) or "no dated events\n")


def _entity_timeline(ctx: click.Context, store: Store, story_id: str | None, entity: str,
                     fmt: str, model: str | None) -> None:
    if fmt == "timelinejs":
        raise InputError("--format timelinejs is for a story's timeline; drop --entity")
    if story_id is not None:
        _story(store, story_id)  # a clean error for an unknown id
        ids = store.story_article_ids(story_id)
        chosen = [a for a in (store.article(i) for i in ids) if a is not None]
    else:
        chosen = list(store.articles())
    chosen = [a for a in chosen if a.duplicate_of is None]
    nlp = load_pipeline(root_settings(ctx, model=model).model)
    docs = [(a.id, a.published.value, doc)
            for a, doc in zip(chosen, nlp.pipe(a.text for a in chosen), strict=True)]
    lines = entity_timeline(docs, entity)
    if fmt == "json":
        print_json([line.as_dict() for line in lines])
    elif fmt == "semeval2015":
        sys.stdout.write(format_semeval(lines, entity))
    else:
        for line in lines:
            sys.stdout.write(f"{line.order}\t{line.date}\t{' '.join(line.events)}\n")
