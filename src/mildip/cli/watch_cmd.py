"""``mildip watch``: poll feeds and pages, ingest what is new, on a schedule or once.

A thin command over :func:`mildip.pipeline.watch`. Each argument is a feed URL or a
sources TOML file (:mod:`mildip.ingest.sources`); ``--shipped`` adds the sources
shipped with mildip. Exit status: 0 when the last round had no failure, 1 when a
feed or an item failed (the rest is stored), 2 for a usage error, 130 when stopped.
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import typer

from mildip.cli._common import published_option, settings_from_context
from mildip.cli.ingest_cmd import INTERRUPTED_EXIT, print_report
from mildip.ingest.sources import Source, load_sources, shipped_sources
from mildip.ingest.urls import is_url
from mildip.pipeline import WatchRound, interrupt_on_sigterm, watch
from mildip.store import open_store

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd])\s*$")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}


def parse_every(value: str) -> timedelta:
    """``"90s"``, ``"30m"``, ``"1h"``, ``"1d"`` → a timedelta (at least a minute)."""
    match = _DURATION.match(value or "")
    if not match:
        raise typer.BadParameter(
            f"{value!r} is not a duration; write e.g. 30m, 1h or 1d", param_hint="--every"
        )
    every = timedelta(**{_UNITS[match.group(2)]: float(match.group(1))})
    if every < timedelta(minutes=1):
        raise typer.BadParameter(
            f"{value!r} is too often; poll at most once a minute", param_hint="--every"
        )
    return every


def _sources(inputs: list[str], shipped: bool) -> list[Source]:
    found: list[Source] = shipped_sources() if shipped else []
    for given in inputs:
        if is_url(given):
            found.append(Source(url=given, kind="feed", label=given))
        elif Path(given).suffix.lower() == ".toml" or Path(given).is_file():
            found.extend(load_sources(given))
        else:
            raise typer.BadParameter(
                f"{given!r} is neither a feed URL nor a sources file (.toml)",
                param_hint="FEED_OR_SOURCES_FILE",
            )
    if not found:
        raise typer.BadParameter("give feed URLs or sources files, or --shipped")
    return found


def _print_round(result: WatchRound) -> None:
    for poll in result.polls:
        detail = f": {poll.detail}" if poll.detail else ""
        items = f" ({poll.items} new)" if poll.items else ""
        unverified = " [unverified source]" if not poll.source.verified else ""
        typer.echo(f"{poll.source.name}: {poll.status}{items}{detail}{unverified}", err=True)
    print_report(result.ingest)


def watch_command(
    ctx: typer.Context,
    feed_or_sources_file: list[str] = typer.Argument(
        None, help="Feed URLs (RSS, Atom) and sources files (.toml)."
    ),
    every: str = typer.Option("1h", "--every", help="Time between polls: 30m, 1h, 1d ..."),
    once: bool = typer.Option(False, "--once", help="Poll every source once now, then stop."),
    shipped: bool = typer.Option(
        False, "--shipped", help="Also watch the sources shipped with mildip (data/sources.toml)."
    ),
    published: str | None = typer.Option(
        None,
        "--published",
        help="Publication date of items that give none: YYYY-MM-DD, YYYY-MM or YYYY.",
        callback=published_option,
    ),
    allow_private: bool = typer.Option(
        False,
        "--allow-private",
        help="Fetch from loopback, private or link-local addresses.",
    ),
    ignore_robots: bool = typer.Option(
        False, "--ignore-robots", help="Fetch what robots.txt disallows."
    ),
) -> None:
    """Poll feeds and pages, and ingest every new item (a changed page: a new version)."""
    period = parse_every(every)
    sources = _sources(feed_or_sources_file or [], shipped)
    settings = settings_from_context(ctx).with_(
        allow_private=True if allow_private else None,
        respect_robots=False if ignore_robots else None,
    )
    rounds: list[WatchRound] = []

    def on_round(result: WatchRound) -> None:
        rounds.append(result)
        _print_round(result)

    with open_store(settings.db_url) as store:
        try:
            with interrupt_on_sigterm():
                watch(
                    sources,
                    store,
                    settings,
                    every=period,
                    once=once,
                    on_round=on_round,
                    published=published,
                )
        except KeyboardInterrupt:
            typer.echo("stopped.", err=True)
            raise typer.Exit(INTERRUPTED_EXIT) from None
    if rounds and not rounds[-1].ingest.ok:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("watch")(watch_command)
