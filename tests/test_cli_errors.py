"""Every command, every option: a bad value gets one line naming the option, exit 2, no traceback.

The command tree is read from the Typer app, so an option added later without a bad value
in BAD_VALUES fails ``test_cli_errors_every_option_has_a_bad_value``. The store holds
invented events (GDR Gondor, MOR Mordor, RHN Rohan) and their documents.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from mildip.cli import app, version_line
from mildip.model import Document, Event, Evidence
from mildip.store import open_store

ROOT = Path(__file__).resolve().parent.parent

BAD_VALUES: dict[str, str] = {
    "--db": "sqlite:///{tmp}/typo.db",
    "--settings": "{tmp}/no-such-settings.toml",
    "--published": "2023-02-30",
    "--scheduler": "threads",
    "--doc": "nosuchdoc",
    "--format": "xml",
    "--party": "chna",
    "--any-party": "chna",
    "--vs": "chna",
    "--type": "PARLEY",
    "--modality": "maybe",
    "--since": "2023-13",
    "--until": "2023-02-30",
    "--as-of": "2023-13",
    "--mechanism": "Zzyzx Talks",
    "--columns": "date,nosuch",
    "--reason": "   ",
    "--out": "{tmp}/missing/dir/x.html",
    "--predictions": "{tmp}/no-such.jsonl",
    "--registry": "{tmp}/no-such.toml",
    "--vs-group": "shire",
    "--by": "week",
    "--smoothing": "0",
    "--coverage": "nowhere",
    "--report": "{tmp}",
    "--review": "done",
    "--part": "middle",
    "--host": "no such host",
    "--port": "70000",
    "--role": "wizard",
    "--label": "line\nbreak",
    "--every": "soon",
    "--status": "done",
    "--outlet": "   ",
    "--language": "english",
    "--limit": "0",
    "--gold": "{tmp}/no-such-corpus",
    "--all-of": "{tmp}/no-such-corpus",
    "--seed": "-1",
}
"""A bad value for each value-taking option, by option name."""

OUT_BY_COMMAND = {"export": "{tmp}/missing/dir/x.csv"}


def _base(path: str, tmp: Path, event_id: str) -> list[str]:
    """A valid invocation of each command (arguments and required options)."""
    text = tmp / "note.txt"
    text.write_text("Gondor and Rohan held talks.", "utf-8")
    corpus = str(ROOT / "tests" / "data" / "probes")
    return {
        "": ["events"],
        "ingest": ["ingest", "--no-progress", str(text)],
        "reextract": ["reextract"],
        "extract": ["extract", str(text)],
        "events": ["events"],
        "events merge": ["events", "merge", event_id, event_id + "x", "--reason", "one"],
        "events split": ["events", "split", event_id, "--reason", "two"],
        "export": ["export"],
        "eval": ["eval", corpus],
        "train": ["train", "--gold", corpus, "--out", str(tmp / "model.json")],
        "mechanisms": ["mechanisms"],
        "trends": ["trends"],
        "report": ["report", "--out", str(tmp / "brief.html")],
        "demo": ["demo", str(tmp)],
        "events history": ["events", "history", event_id],
        "serve": ["serve"],
        "users add": ["users", "add", "ana", "--password-stdin"],
        "users list": ["users", "list"],
        "users update": ["users", "update", "ana", "--role", "viewer"],
        "users passwd": ["users", "passwd", "ana", "--password-stdin"],
        "users token": ["users", "token", "ana"],
        "watch": ["watch", "--once", "http://127.0.0.1:9/feed.xml"],
        "documents list": ["documents", "list"],
        "documents show": ["documents", "show", "red-book"],
        "documents history": ["documents", "history", "red-book"],
        "documents retire": ["documents", "retire", "red-book", "--reason", "a copy"],
        "documents restore": ["documents", "restore", "red-book"],
        "runs": ["runs"],
    }[path]


def _tree():
    root = typer.main.get_command(app)
    out = []

    def walk(path, command, ctx):
        out.append((path, command, ctx))
        if hasattr(command, "list_commands"):
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                walk(f"{path} {name}".strip(), sub, typer.Context(sub, info_name=name, parent=ctx))

    walk("", root, typer.Context(root, info_name="mildip"))
    return out


def _value_options():
    """(command path, option name) of every option that takes a value, in every command."""
    cases = []
    for path, command, _ in _tree():
        for param in command.params:
            if param.param_type_name != "option" or param.hidden or param.is_flag:
                continue
            long = next(o for o in param.opts if o.startswith("--"))
            cases.append((path, long))
    return cases


@pytest.fixture(scope="module")
def cli_store(tmp_path_factory):
    """``(db_url, tmp, event_id)``: a SQLite store with two documents and two events."""
    tmp = tmp_path_factory.mktemp("cli-errors")
    url = f"sqlite:///{tmp / 'store.db'}"
    quote = "Mordor cancelled the Osgiliath Talks."
    events = [
        Event(
            "CANCEL",
            ("GDR", "MOR"),
            "3019-03-05",
            initiator="MOR",
            mechanism="Gondor-Mordor Osgiliath Talks",
            evidence=[Evidence("red-book", 0, len(quote), quote, "test")],
        ),
        Event(
            "CALL",
            ("GDR", "RHN"),
            "3019-03-09",
            evidence=[Evidence("herald", 0, 5, "Calls", "test")],
        ),
    ]
    with open_store(url) as store:
        store.add_document(Document("red-book", quote, published=date(3019, 3, 6)))
        store.add_document(Document("herald", "Calls", published=date(3019, 3, 10)))
        store.save_events(events)
    return url, tmp, events[0].event_id


def test_cli_errors_every_option_has_a_bad_value():
    missing = sorted({option for _, option in _value_options()} - set(BAD_VALUES))
    assert missing == [], f"add a bad value for {missing} to BAD_VALUES"


@pytest.mark.parametrize(("path", "option"), _value_options(), ids=lambda v: v or "mildip")
def test_cli_errors_bad_option_value_is_one_line_and_exit_2(cli_store, path, option):
    url, tmp, event_id = cli_store
    base = _base(path, tmp, event_id)
    value = (
        OUT_BY_COMMAND.get(path, BAD_VALUES[option]) if option == "--out" else BAD_VALUES[option]
    )
    value = value.format(tmp=tmp)
    if path == "":
        args = [option, value, *base] if option == "--db" else ["--db", url, option, value, *base]
    else:
        words = path.split()
        args = ["--db", url, *base]
        if option in args:  # replace a required option's good value (report --out)
            args[args.index(option) + 1] = value
        else:
            args = ["--db", url, *base[: len(words)], option, value, *base[len(words) :]]
    result = CliRunner().invoke(app, args)
    lines = result.stderr.strip().splitlines()
    assert result.exit_code == 2, (args, result.output)
    assert len(lines) == 1, result.stderr
    assert option in lines[0], lines[0]
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)


@pytest.mark.parametrize(
    ("args", "says"),
    [
        # a typo in --db must not create an empty database
        (["events"], "no database file"),
        (["mechanisms"], "no database file"),
        (["report", "--out", "{tmp}/b.html"], "no database file"),
    ],
)
def test_cli_errors_read_commands_refuse_a_missing_database(tmp_path, args, says):
    url = f"sqlite:///{tmp_path / 'typo.db'}"
    result = CliRunner().invoke(app, ["--db", url, *[a.format(tmp=tmp_path) for a in args]])
    assert result.exit_code == 2 and says in result.stderr
    assert not (tmp_path / "typo.db").exists()


def test_cli_errors_party_name_is_read_with_a_note(cli_store):
    url, _, _ = cli_store
    result = CliRunner().invoke(
        app, ["--db", url, "events", "--party", "gondor", "--format", "json"]
    )
    assert result.exit_code == 2  # Gondor is invented: not in the gazetteer, no code GDR typed
    assert "did you mean" in result.stderr or "not a party" in result.stderr
    ok = CliRunner().invoke(app, ["--db", url, "events", "--party", "gdr", "--party", "china"])
    assert ok.exit_code == 0
    assert "note: --party: read 'china' as CHN (China)" in ok.stderr


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["report", "--out", "{tmp}/brief.md", "--format", "html"], "does not match the extension"),
        (["export", "--out", "{tmp}/events.jsonl", "--format", "csv"], "does not match"),
        (["export", "--out", "{tmp}/events.txt"], "cannot tell the format"),
    ],
)
def test_cli_errors_format_and_extension_must_agree(cli_store, args, says):
    url, tmp, _ = cli_store
    result = CliRunner().invoke(app, ["--db", url, *[a.format(tmp=tmp) for a in args]])
    assert result.exit_code == 2 and says in result.stderr


@pytest.mark.parametrize(
    ("name", "marker"), [("brief.md", "# Military"), ("brief.html", "<!DOCTYPE")]
)
def test_cli_errors_report_format_follows_the_extension(cli_store, name, marker):
    url, tmp, _ = cli_store
    result = CliRunner().invoke(app, ["--db", url, "report", "--out", str(tmp / name)])
    assert result.exit_code == 0, result.output
    assert (tmp / name).read_text("utf-8").startswith(marker)


def test_cli_errors_version_prints_package_and_extractor():
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == version_line()
    assert "extractor mildip-rules/" in version_line()


def test_cli_errors_unknown_scheduler_is_refused_before_anything_is_stored(tmp_path):
    from mildip.pipeline import ingest_paths
    from mildip.settings import Settings

    text = tmp_path / "note.txt"
    text.write_text("Gondor and Rohan held talks.", "utf-8")
    with open_store(f"sqlite:///{tmp_path / 'x.db'}") as store:
        with pytest.raises(ValueError, match="use serial or dask"):
            ingest_paths([str(text)], store, Settings(), scheduler="threads")
        assert store.count_documents() == 0


def test_cli_errors_reextract_refuses_an_unknown_document_with_close_ids(cli_store):
    url, _, _ = cli_store
    result = CliRunner().invoke(app, ["--db", url, "reextract", "--doc", "red-bok"])
    assert result.exit_code == 2
    assert "no document 'red-bok'" in result.stderr and "close ids: red-book" in result.stderr
