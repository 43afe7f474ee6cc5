"""``storyline times FILE... --date D``: the time expressions of articles, resolved.

One line per expression: offsets, the text (escaped), TIMEX3 type and value, and the
date that governs its sentence's main verb, if any.  No database is involved.
"""

from __future__ import annotations

import datetime as dt
import json
import sys

import click

from storyline.commands.params import iso_date, root_settings
from storyline.errors import StorylineError
from storyline.extract.times import sentence_dates, times
from storyline.ingest.metadata import resolve_published
from storyline.ingest.readers import read_inputs
from storyline.nlp import MAX_ARTICLE_CHARS, load_pipeline
from storyline.records import ArticleContext, Published, ReadFailure


def _describe(published: Published) -> str:
    if published.value:
        span = (f" ({published.earliest}..{published.latest})"
                if published.latest and published.latest != published.value else "")
        return f"published {published.value}{span} [{published.source}]"
    if published.earliest or published.latest:
        return (f"published between {published.earliest or '?'} and "
                f"{published.latest or '?'} [{published.source}]; relative dates unresolved")
    return "publication date unknown; relative dates unresolved"


@click.command("times")
@click.argument("paths", nargs=-1, required=True)
@click.option("--date", callback=iso_date,
              help="Publication date (YYYY-MM-DD) that anchors relative expressions.")
@click.option("--model", help="spaCy pipeline: bundled, blank, a package name or a path.")
@click.pass_context
def times_command(ctx: click.Context, paths: tuple[str, ...], date: str | None,
                  model: str | None) -> None:
    """Print the time expressions of articles with their calendar values.

    Each line: start-end, the text, TIMEX3 type and value (and modifier), then the
    date governing the sentence's main verb.  Without --date, the publication date
    comes from the article's metadata or its text; when neither pins it, relative
    expressions keep underspecified values (XXXX-WXX-5, PAST_REF).
    """
    settings = root_settings(ctx).replace(**({"model": model} if model else {}))
    failed = False
    try:
        nlp = load_pipeline(settings.model)
        today = dt.date.today()
        for item in read_inputs(paths, max_bytes=settings.max_file_bytes, stdin=sys.stdin.buffer):
            if isinstance(item, ReadFailure):
                click.echo(f"failed: {item}", err=True)
                failed = True
                continue
            if len(item.text) > MAX_ARTICLE_CHARS:
                click.echo(f"failed: {item.source}: article longer than "
                           f"{MAX_ARTICLE_CHARS:,} characters", err=True)
                failed = True
                continue
            published = resolve_published(item, date=date, today=today)
            context = ArticleContext(item.source, published.value)
            doc = nlp(item.text)
            tagged = list(times(doc, context))
            governing = {(d.time_start, d.time_end): d
                         for d in sentence_dates(doc, context, tagged=tagged)}
            click.echo(f"{item.source}: {_describe(published)}")
            for timex in tagged:
                line = (f"  {timex.start}-{timex.end}  {json.dumps(timex.text, ensure_ascii=False)}"
                        f"  {timex.type} {timex.value}" + (f" {timex.mod}" if timex.mod else ""))
                sentence = governing.get((timex.start, timex.end))
                if sentence is not None:
                    line += f"  (dates its sentence: {sentence.precision})"
                click.echo(line)
    except StorylineError as exc:
        raise click.ClickException(str(exc)) from None
    if failed:
        ctx.exit(1)
