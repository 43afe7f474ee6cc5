"""The ``storyline`` command line: a thin view over ingest, the store and exports.

User mistakes and bad data end in one clean line, never a traceback.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TextIO

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from storyline import __version__
from storyline.commands import times_command
from storyline.commands.params import iso_date, open_existing, print_json
from storyline.commands.serve import serve_command
from storyline.commands.stories import stories_command, story_command, timeline_command
from storyline.config import Settings, load_settings
from storyline.errors import StorylineError
from storyline.export import build_contract
from storyline.export.tables import CSV_TABLES, jsonl_rows, write_csv
from storyline.ingest.readers import read_inputs
from storyline.nlp import load_pipeline, model_meta, model_path
from storyline.process import Ingester, IngestSummary
from storyline.records import RawArticle, ReadFailure
from storyline.store import Store

ARTICLE_FORMATS = ("table", "json", "jsonl", "csv")
CSV_COLUMNS = (
    "id", "title", "outlet", "via", "dateline", "published", "published_source",
    "duplicate_of", "url", "source",
)


class _Context:
    def __init__(self, config: str | None) -> None:
        self.config = config
        self._settings: Settings | None = None

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = load_settings(self.config)
        return self._settings


@contextmanager
def _clean_errors() -> Iterator[None]:
    try:
        yield
    except StorylineError as exc:
        raise click.ClickException(str(exc)) from None
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(0)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="storyline")
@click.option("--config", type=click.Path(dir_okay=False), default=None,
              help="Settings file (TOML); default $STORYLINE_CONFIG or ./storyline.toml.")
@click.pass_context
def main(ctx: click.Context, config: str | None) -> None:
    """Follow developing news stories: ingest articles, analyse them, export the results."""
    ctx.obj = _Context(config)


def _db_option(func: Any) -> Any:
    return click.option("--db", envvar="STORYLINE_DB", default=None, show_envvar=True,
                        help="Database file (default: the `db` setting, ./storyline.db).")(func)


def _settings(ctx: click.Context, **overrides: Any) -> Settings:
    obj: _Context = ctx.obj
    with _clean_errors():
        return obj.settings.replace(**overrides)


def _run_ingest(
    paths: Sequence[str], store: Store, settings: Settings, *,
    date: str | None, outlet: str | None, quiet: bool, views: bool = True,
) -> IngestSummary:
    nlp = load_pipeline(settings.model)
    items = read_inputs(paths, max_bytes=settings.max_file_bytes, stdin=sys.stdin.buffer)
    console = Console(stderr=True)
    with Progress(
        SpinnerColumn(), TextColumn("[progress.description]{task.description}"), BarColumn(),
        TextColumn("{task.completed} records"), TimeElapsedColumn(),
        console=console, transient=True, disable=quiet or not console.is_terminal,
    ) as progress:
        task = progress.add_task("reading", total=None)

        def tick(item: RawArticle | ReadFailure) -> None:
            progress.update(task, advance=1, description=item.source[-40:])

        return Ingester(store, nlp, settings).run(
            items, date=date, outlet=outlet, today=dt.date.today(), on_item=tick, views=views
        )


def _report_failures(summary: IngestSummary) -> None:
    for failure in summary.failures:
        click.echo(f"failed: {failure}", err=True)
    for warning in summary.warnings:
        click.echo(f"warning: {warning}", err=True)


def _report_copies(summary: IngestSummary) -> None:
    for source, article_id in summary.copies:
        click.echo(f"duplicate: {source} repeats stored article {article_id}", err=True)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@_db_option
@click.option("--date", callback=iso_date, help="Publication date for every input (YYYY-MM-DD).")
@click.option("--outlet", help="Outlet for every input (overrides what the text says).")
@click.option("--model", help="spaCy pipeline: bundled, blank, a package name or a path.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary line.")
@click.option("--no-views", is_flag=True,
              help="Do not build the changed stories' views now (a later ingest will).")
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[str, ...], db: str | None, date: str | None,
           outlet: str | None, model: str | None, quiet: bool, no_views: bool) -> None:
    """Read articles from files, directories or `-` (stdin) into the database.

    Formats: plain text, HTML, RSS/Atom, WARC(.gz), JSON Lines. Exits with
    status 1 when any input or record failed; the good ones are stored anyway.
    Afterwards every story whose articles changed gets its view rebuilt and
    kept, so its page opens at once; with --no-views that waits for the next
    ingest, and readers build views they need on the fly meanwhile.
    """
    settings = _settings(ctx, db=db, model=model)
    with _clean_errors(), Store(settings.db) as store:
        summary = _run_ingest(paths, store, settings, date=date, outlet=outlet, quiet=quiet,
                              views=not no_views)
        _report_failures(summary)
        if not quiet:
            _report_copies(summary)
            click.echo(
                f"stored {summary.stored} "
                f"(near-duplicates linked: {summary.near_duplicates}), "
                f"exact duplicates skipped {summary.duplicates}, failed {len(summary.failures)}"
                f" — {store.count_articles()} articles in {settings.db}"
            )
    if not summary.ok:
        ctx.exit(1)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--date", callback=iso_date, help="Publication date for every input (YYYY-MM-DD).")
@click.option("--outlet", help="Outlet for every input.")
@click.option("--model", help="spaCy pipeline: bundled, blank, a package name or a path.")
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json", show_default=True,
              help="Output format: the analysis contract.")
@click.option("--quiet", "-q", is_flag=True, help="Do not list failed inputs on stderr.")
@click.pass_context
def analyze(ctx: click.Context, paths: tuple[str, ...], date: str | None, outlet: str | None,
            model: str | None, fmt: str, quiet: bool) -> None:
    """Analyse articles in memory and print the analysis contract (no database)."""
    settings = _settings(ctx, model=model)
    with _clean_errors(), Store(":memory:") as store:
        summary = _run_ingest(paths, store, settings, date=date, outlet=outlet, quiet=True,
                              views=False)
        if not quiet:
            _report_failures(summary)
        contract = build_contract(store)
        print_json(contract)
    if not summary.ok:
        ctx.exit(1)


def _article_row(article: dict[str, Any]) -> dict[str, str]:
    published = article["published"]
    return {
        "id": article["id"], "title": article["title"] or "", "outlet": article["outlet"] or "",
        "via": ";".join(article["via"]), "dateline": article["dateline"] or "",
        "published": published["value"] or _interval(published),
        "published_source": published["source"],
        "duplicate_of": article["duplicate_of"] or "", "url": article["url"] or "",
        "source": article["source"],
    }


def _interval(published: dict[str, Any]) -> str:
    if published["earliest"] or published["latest"]:
        return f"{published['earliest'] or '?'}..{published['latest'] or '?'}"
    return ""


def _print_articles(rows: list[dict[str, Any]], fmt: str, out: TextIO) -> None:
    if fmt == "json":
        print_json(rows, out)
    elif fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        writer.writerows(_article_row(r) for r in rows)
    else:
        table = Table("id", "published", "outlet", "dateline", "title / start of text",
                      "duplicate of")
        for row in rows:
            flat = _article_row(row)
            head = row["title"] or " ".join(row["text"].split())[:60]
            table.add_row(flat["id"], flat["published"], flat["outlet"] +
                          (f" via {flat['via']}" if flat["via"] else ""),
                          flat["dateline"], head, flat["duplicate_of"])
        Console(file=out, width=160).print(table)


@main.command()
@_db_option
@click.option("--format", "fmt", type=click.Choice(ARTICLE_FORMATS), default="table",
              show_default=True)
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many.")
@click.pass_context
def articles(ctx: click.Context, db: str | None, fmt: str, limit: int | None) -> None:
    """List stored articles with their metadata (json: the contract's article objects)."""
    settings = _settings(ctx, db=db)
    with _clean_errors(), open_existing(settings) as store:
        rows = [a.as_dict() for a in store.articles(limit=limit)]
        _print_articles(rows, fmt, sys.stdout)


@main.command()
@click.argument("query")
@_db_option
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@click.pass_context
def search(ctx: click.Context, query: str, db: str | None, limit: int) -> None:
    """Full-text search over titles and texts (SQLite FTS5 syntax), with snippets."""
    settings = _settings(ctx, db=db)
    with _clean_errors(), open_existing(settings) as store:
        hits = store.search(query, limit=limit)
        if not hits:
            click.echo(f"no article matches {query!r}")
        for hit in hits:
            click.echo(f"{hit.article_id}  {hit.title or ''}".rstrip())
            click.echo(f"    {' '.join(hit.snippet.split())}")


@main.command()
@_db_option
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "csv"]), default="json",
              show_default=True,
              help="json: the analysis contract; jsonl: one record per line, its family "
                   "under 'record'; csv: one table (--table).")
@click.option("--table", type=click.Choice(sorted(CSV_TABLES)), default="events",
              show_default=True, help="The table --format csv writes.")
@click.pass_context
def export(ctx: click.Context, db: str | None, fmt: str, table: str) -> None:
    """Print everything in the database: articles, entities, events, quotes, figures, stories."""
    settings = _settings(ctx, db=db)
    with _clean_errors(), open_existing(settings) as store:
        contract = build_contract(store)
    if fmt == "json":
        print_json(contract)
    elif fmt == "jsonl":
        for row in jsonl_rows(contract):
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    else:
        write_csv(contract, table, sys.stdout)


main.add_command(times_command)
main.add_command(stories_command)
main.add_command(story_command)
main.add_command(timeline_command)
main.add_command(serve_command)


@main.group()
def model() -> None:
    """The spaCy pipeline in use (the `model` setting)."""


@model.command("path")
@click.option("--model", "name", help="Setting to resolve instead of the configured one.")
@click.pass_context
def model_path_cmd(ctx: click.Context, name: str | None) -> None:
    """Print the directory of the pipeline in use."""
    settings = _settings(ctx, model=name)
    with _clean_errors():
        path = model_path(settings.model)
        if path is None:
            raise StorylineError(f"model {settings.model!r} is built in memory; it has no path")
        if not path.is_dir():
            raise StorylineError(f"model {settings.model!r}: {path} does not exist")
        click.echo(str(path))


@model.command("info")
@click.option("--model", "name", help="Setting to describe instead of the configured one.")
@click.pass_context
def model_info_cmd(ctx: click.Context, name: str | None) -> None:
    """Print the pipeline's name, version, components, labels and scores."""
    settings = _settings(ctx, model=name)
    with _clean_errors():
        meta = model_meta(settings.model)
    click.echo(f"{meta.get('lang', 'en')}_{meta.get('name', '?')} {meta.get('version', '?')}")
    click.echo(f"spaCy: {meta.get('spacy_version', '?')}")
    click.echo(f"components: {', '.join(meta.get('pipeline', []))}")
    for component, labels in sorted((meta.get("labels") or {}).items()):
        if component == "ner" or component.endswith("ruler"):
            click.echo(f"{component} labels: {', '.join(labels)}")
    performance = meta.get("performance") or {}
    for key, value in sorted(performance.items()):
        if key.endswith("_loss"):
            continue  # training losses mean nothing to a user
        if isinstance(value, int | float):
            click.echo(f"{key}: {value:.3f}" if abs(value) < 10 else f"{key}: {value:,.0f}")
        elif key == "ents_per_type" and isinstance(value, dict):
            for label, scores in sorted(value.items()):
                click.echo(
                    f"ents {label}: P {scores.get('p', 0):.3f} R {scores.get('r', 0):.3f} "
                    f"F {scores.get('f', 0):.3f}"
                )
    for source in meta.get("sources") or []:
        name_ = source.get("name") if isinstance(source, dict) else source
        click.echo(f"trained on: {name_}")
