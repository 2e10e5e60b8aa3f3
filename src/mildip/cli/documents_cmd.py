"""``mildip documents list|show|history|retire|restore``: the stored documents and versions.

Thin commands over :func:`mildip.pipeline.list_documents`,
:mod:`mildip.store.versions`, :func:`mildip.store.fetches.get_fetch` and
:func:`mildip.pipeline.retire_documents` / :func:`~mildip.pipeline.restore_documents`.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import asdict
from enum import Enum
from typing import Annotated

import typer

from mildip.cli._common import partial_date, read_store, settings_from_context

documents_app = typer.Typer(
    name="documents",
    help="List, inspect and retire stored documents and their versions.",
    no_args_is_help=True,
)


class Status(str, Enum):
    current = "current"
    superseded = "superseded"
    retired = "retired"
    all = "all"


class Format(str, Enum):
    table = "table"
    json = "json"


def _since(value: str | None) -> str | None:
    return partial_date(value, "--since")


def _until(value: str | None) -> str | None:
    return partial_date(value, "--until")


def _outlet(value: str | None) -> str | None:
    if value is not None and not value.strip():
        raise typer.BadParameter(
            "give part of a publication, URL host or publisher name", param_hint="--outlet"
        )
    return value


def _language(value: str | None) -> str | None:
    if value is not None and not re.fullmatch(r"[A-Za-z]{2,3}", value.strip()):
        raise typer.BadParameter(
            f"{value!r} is not a language code; give an ISO 639 code such as en or zh",
            param_hint="--language",
        )
    return value.strip().lower() if value is not None else None


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, default=str)


def _table(title: str, columns: list[str], rows: list[list[str]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*row)
    Console(file=sys.stdout).print(table)


def _short(value: str | None, n: int = 60) -> str:
    value = value or ""
    return value if len(value) <= n else value[: n - 1] + "…"


@documents_app.command("list")
def list_command(
    ctx: typer.Context,
    status: Annotated[
        Status,
        typer.Option(
            case_sensitive=False, help="Which versions: current, superseded, retired or all."
        ),
    ] = Status.current,
    outlet: Annotated[
        str | None,
        typer.Option(callback=_outlet, help="Part of the publication, URL host or publisher name."),
    ] = None,
    since: Annotated[
        str | None, typer.Option(callback=_since, help="Published on or after (2023-01).")
    ] = None,
    until: Annotated[
        str | None, typer.Option(callback=_until, help="Published on or before (2023-12).")
    ] = None,
    language: Annotated[
        str | None,
        typer.Option(callback=_language, help="Only documents in this language (zh)."),
    ] = None,
    failed: Annotated[
        bool, typer.Option("--failed", help="List the inputs whose latest ingest failed instead.")
    ] = False,
    format_: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
) -> None:
    """List stored documents (current versions unless --status says otherwise)."""
    from mildip.pipeline import list_documents
    from mildip.store.runs import latest_failures

    with read_store(ctx) as store:
        if failed:
            items = latest_failures(store)
        else:
            found = list_documents(
                store,
                status=None if status is Status.all else status.value,
                outlet=outlet,
                since=since,
                until=until,
                language=language,
            )
    if failed:
        if format_ is Format.json:
            typer.echo(_json([{"source": i.source, "reason": i.reason} for i in items]))
            return
        _table(
            f"{len(items)} failed input(s)",
            ["source", "reason"],
            [[i.source, i.reason or ""] for i in items],
        )
        return
    if format_ is Format.json:
        typer.echo(_json([asdict(d) for d in found]))
        return
    rows = [
        [
            d.doc_id,
            str(d.version),
            d.status,
            d.published_iso or "",
            d.language,
            _short(d.publication, 40),
            _short(d.title, 50),
            str(d.n_mentions),
        ]
        for d in found
    ]
    columns = ["doc_id", "v", "status", "published", "lang", "publication", "title", "mentions"]
    _table(f"{len(found)} document(s)", columns, rows)


@documents_app.command("show")
def show_command(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(help="A doc_id, URL or path (its latest version).")],
    text: Annotated[bool, typer.Option("--text", help="Print the document's text too.")] = False,
    headers: Annotated[
        bool, typer.Option("--headers", help="Print the fetched response headers too.")
    ] = False,
    format_: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
) -> None:
    """One document version: metadata, version, language, fetch record, mentions."""
    from mildip.store.fetches import get_fetch
    from mildip.store.versions import get_document_version, version_info

    with read_store(ctx) as store:
        info = version_info(store, key)
        doc = get_document_version(store, info.doc_id)
        record = get_fetch(store, info.doc_id)
    fetch = None
    if record is not None:
        fetch = {
            "url": record.url,
            "final_url": record.final_url,
            "redirects": list(record.redirects),
            "status": record.status,
            "retrieved_at": record.retrieved_at.isoformat(),
            "sha256": record.sha256,
            "bytes": len(record.body),
            "media_type": record.media_type,
        }
        if headers:
            fetch["headers"] = [list(h) for h in record.headers]
    if format_ is Format.json:
        data = {**asdict(info), "meta": doc.meta, "fetch": fetch}
        if text:
            data["text"] = doc.text
        typer.echo(_json(data))
        return
    lines = [
        ("doc_id", info.doc_id),
        ("identity", info.identity or "(none: stored before versions were kept)"),
        ("version", f"{info.version} ({info.status})"),
        ("supersedes", info.supersedes or ""),
        ("superseded by", info.superseded_by or ""),
        ("status note", info.status_reason or ""),
        ("title", info.title or ""),
        ("url", info.url or ""),
        ("publication", info.publication or ""),
        (
            "published",
            f"{info.published_iso or '?'} (from {doc.meta.get('published_from', 'nowhere')})",
        ),
        ("language", f"{info.language} ({doc.meta.get('language_from', 'unknown')})"),
        ("media type", info.media_type),
        ("ingested", info.ingested_at.isoformat()),
        ("text SHA-256", info.content_hash),
        ("mentions", str(info.n_mentions)),
    ]
    if fetch is not None:
        lines += [
            ("fetched", f"{fetch['url']} → {fetch['final_url']} (HTTP {fetch['status']})"),
            ("retrieved", fetch["retrieved_at"]),
            ("bytes", f"{fetch['bytes']} {fetch['media_type'] or ''}, SHA-256 {fetch['sha256']}"),
        ]
        lines += [("redirect", hop) for hop in fetch["redirects"]]
    lines += [("warning", w) for w in doc.meta.get("warnings", ())]
    width = max(len(k) for k, _ in lines)
    for key_, value in lines:
        if value:
            typer.echo(f"{key_.ljust(width)}  {value}")
    if headers and fetch is not None:
        for name, value in fetch["headers"]:
            typer.echo(f"{'header'.ljust(width)}  {name}: {value}")
    if text:
        typer.echo("")
        typer.echo(doc.text)


@documents_app.command("history")
def history_command(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(help="A doc_id, URL or path.")],
    format_: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
) -> None:
    """Every version of a document, oldest first, with its status and mentions."""
    from mildip.store.versions import history

    with read_store(ctx) as store:
        versions = history(store, key)
    if format_ is Format.json:
        typer.echo(_json([asdict(v) for v in versions]))
        return
    rows = [
        [
            str(v.version),
            v.doc_id,
            v.status,
            v.ingested_at.strftime("%Y-%m-%d %H:%M"),
            v.content_hash[:12],
            str(v.n_mentions),
            v.superseded_by or v.status_reason or "",
        ]
        for v in versions
    ]
    title = versions[0].identity or versions[0].doc_id
    columns = ["v", "doc_id", "status", "ingested (UTC)", "text hash", "mentions", "note"]
    _table(title, columns, rows)


@documents_app.command("retire")
def retire_command(
    ctx: typer.Context,
    doc_ids: Annotated[
        list[str], typer.Argument(help="Current documents to take out of the answers.")
    ],
    reason: Annotated[str, typer.Option("--reason", help="Why (kept with the documents).")],
) -> None:
    """Take documents out of the answers; they and their mentions stay in the history."""
    from mildip.pipeline import retire_documents
    from mildip.store import open_store

    settings = settings_from_context(ctx)
    with open_store(settings.db_url) as store:
        done, events = retire_documents(store, doc_ids, reason, settings)
    typer.echo(
        f"retired {len(done)} document(s){': ' + ', '.join(done) if done else ''}; "
        f"{events} event(s) in the database."
    )


@documents_app.command("restore")
def restore_command(
    ctx: typer.Context,
    doc_ids: Annotated[list[str], typer.Argument(help="Retired documents to put back.")],
) -> None:
    """Put retired documents back into the answers."""
    from mildip.pipeline import restore_documents
    from mildip.store import open_store

    settings = settings_from_context(ctx)
    with open_store(settings.db_url) as store:
        done, events = restore_documents(store, doc_ids, settings)
    typer.echo(
        f"restored {len(done)} document(s){': ' + ', '.join(done) if done else ''}; "
        f"{events} event(s) in the database."
    )


def register(app: typer.Typer) -> None:
    """Add ``mildip documents`` to the main app."""
    app.add_typer(documents_app, name="documents")
