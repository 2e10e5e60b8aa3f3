"""URLs, feeds and pages end to end against a local server on 127.0.0.1: `mildip ingest
URL`, `mildip watch`, fetch records kept with the documents, versions of changed pages,
and sources files (the shipped one included)."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from typer.testing import CliRunner

from conftest import ARTICLE_TEXT
from mildip._exceptions import SourcesFileError
from mildip.cli import app
from mildip.ingest.fetch import Fetcher
from mildip.ingest.sources import Source, parse_sources, shipped_sources
from mildip.ingest.web import document_from_fetch
from mildip.pipeline import poll_sources
from mildip.store import open_store
from mildip.store.feeds import get_state
from mildip.store.fetches import get_fetch

OTHER_TEXT = (
    "On 9 March 3019, Arnor and Gondor held their first security dialogue in four years "
    "in Annuminas. Both sides agreed to meet again."
)


@pytest.fixture
def cli(tmp_path, fetch_settings):
    db = fetch_settings.db_url
    runner = CliRunner()
    env = {
        "MILDIP_FETCH_HOST_DELAY_SECONDS": "0",
        "MILDIP_FETCH_READ_TIMEOUT": "2",
        "MILDIP_FETCH_BACKOFF_SECONDS": "0.01",
    }

    def run(*args: str):
        return runner.invoke(app, ["--db", db, *args], env=env)

    run.db = db
    return run


def _rss(site, items):
    entries = "".join(
        f"<item><title>{title}</title><link>{link}</link>"
        + (f"<pubDate>{date}</pubDate>" if date else "")
        + "</item>"
        for title, link, date in items
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>MND news</title>{entries}</channel></rss>'


def _atom(items):
    entries = "".join(
        f'<entry><title>{title}</title><link href="{link}"/><id>{link}</id>'
        f"<updated>{date}</updated></entry>"
        for title, link, date in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>DoD releases</title><id>urn:x</id><updated>2022-08-05T00:00:00Z</updated>{entries}</feed>"
    )


# --- mildip ingest URL ----------------------------------------------------------------------


def test_sources_ingest_url_of_a_loopback_name_is_refused_without_allow_private(
    cli, web_site, article_html, monkeypatch
):
    monkeypatch.setattr(
        "mildip.ingest.addresses.resolve_host",
        lambda host, port: ["127.0.0.1"] if host == "news.ministry.test" else [],
    )
    web_site.route("/readout.html", article_html())
    url = web_site.url("/readout.html", host="news.ministry.test")
    refused = cli("ingest", "--no-progress", url)
    assert refused.exit_code == 1
    assert f"{url}: news.ministry.test resolves to 127.0.0.1, a loopback address" in refused.stderr
    assert web_site.requests == []
    allowed = cli("ingest", "--no-progress", "--allow-private", url)
    assert allowed.exit_code == 0, allowed.output
    assert "1 document(s) added" in allowed.stdout


def test_sources_ingest_page_and_pdf_with_their_fetch_records(
    cli, web_site, article_html, text_pdf, fetch_settings
):
    web_site.route("/readout.html", article_html())
    web_site.route("/statement.pdf", text_pdf([OTHER_TEXT]), content_type="application/pdf")
    page, pdf = web_site.url("/readout.html"), web_site.url("/statement.pdf")
    result = cli("ingest", "--no-progress", "--allow-private", page, pdf)
    assert result.exit_code == 0, result.output
    assert "2 document(s) added" in result.stdout
    with open_store(cli.db) as store:
        docs = {d.url: d for d in store.documents()}
        assert set(docs) == {page, pdf}
        assert (
            docs[pdf].media_type == "application/pdf"
            and docs[page].published.isoformat() == "2022-08-05"
        )
        record = get_fetch(store, docs[page].doc_id)
        assert (record.url, record.final_url, record.status) == (page, page, 200)
        assert record.header("content-type").startswith("text/html") and record.retrieved_at
        assert docs[page].meta["fetch"]["sha256"] == record.sha256
        # read again from the stored bytes alone: the same document, no network needed
        again = document_from_fetch(record, fetch_settings)
        assert again.text == docs[page].text and again.published == docs[page].published
    shown = cli("documents", "show", page, "--format", "json")
    data = json.loads(shown.stdout)
    assert data["fetch"]["final_url"] == page and data["fetch"]["status"] == 200
    assert data["fetch"]["sha256"] == record.sha256


def test_sources_changed_page_is_a_new_version_and_old_events_leave(cli, web_site, article_html):
    web_site.route("/readout.html", article_html())
    url = web_site.url("/readout.html")
    assert cli("ingest", "--no-progress", "--allow-private", url).exit_code == 0
    before = json.loads(cli("events", "--format", "json").stdout)
    assert before, "the page's single obvious event is found"
    web_site.route("/readout.html", article_html(OTHER_TEXT, date="3019-03-10"))
    result = cli("ingest", "--no-progress", "--allow-private", url)
    assert result.exit_code == 0 and "1 new version(s)" in result.stdout
    after = json.loads(cli("events", "--format", "json").stdout)
    old_ids = {e["event_id"] for e in before}
    assert old_ids.isdisjoint(e["event_id"] for e in after)
    with open_store(cli.db) as store:
        (current,) = store.documents()
        assert current.doc_id.endswith("@2")
        old = current.doc_id.removesuffix("@2")
        assert {m.event_id for m in store.mentions([old])} == old_ids  # kept in the history
        assert get_fetch(store, old) is not None and get_fetch(store, current.doc_id) is not None


# --- mildip watch ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_sources_second_watch_once_adds_nothing(cli, web_site, article_html, kind):
    web_site.route("/one.html", article_html())
    web_site.route("/two.html", article_html(OTHER_TEXT, date="3019-03-10"))
    items = [
        (
            "One",
            web_site.url("/one.html"),
            "Fri, 05 Aug 2022 10:00:00 GMT" if kind == "rss" else "2022-08-05T10:00:00Z",
        ),
        ("Two", "/two.html", None if kind == "rss" else "3019-03-10T00:00:00Z"),
    ]
    body = _rss(web_site, items) if kind == "rss" else _atom(items)
    ctype = "application/rss+xml" if kind == "rss" else "application/atom+xml"
    web_site.route("/feed", body, content_type=ctype, etag='"feed-1"')
    feed = web_site.url("/feed")
    first = cli("watch", "--once", "--allow-private", feed)
    assert first.exit_code == 0, first.output
    assert "2 document(s) added" in first.stdout and "new items (2 new)" in first.stderr
    second = cli("watch", "--once", "--allow-private", feed)
    assert second.exit_code == 0
    assert "0 document(s) added, 0 unchanged" in second.stdout and "not modified" in second.stderr
    assert web_site.hits("/one.html") == web_site.hits("/two.html") == 1
    assert web_site.requests[-1][1].get("If-None-Match") == '"feed-1"'
    web_site.route("/feed", body, content_type=ctype)  # no ETag now: the feed comes back whole
    third = cli("watch", "--once", "--allow-private", feed)
    assert "no new items" in third.stderr and web_site.hits("/one.html") == 1
    with open_store(cli.db) as store:
        assert store.count_documents() == 2
        docs = {d.url: d for d in store.documents()}
    source = docs[web_site.url("/one.html")].meta["source"]
    assert source == {"feed": feed, "kind": "feed item", "label": feed}


def test_sources_feed_items_with_the_same_text_are_one_document(cli, web_site, article_html):
    web_site.route("/a.html", article_html())
    web_site.route("/mirror/a.html", article_html())
    items = [("A", "/a.html", None), ("A again", "/mirror/a.html", None)]
    web_site.route("/feed", _rss(web_site, items), content_type="application/rss+xml")
    result = cli("watch", "--once", "--allow-private", web_site.url("/feed"))
    assert result.exit_code == 0, result.output
    assert "1 document(s) added" in result.stdout and "1 duplicate(s)" in result.stdout
    again = cli("watch", "--once", "--allow-private", web_site.url("/feed"))
    assert "no new items" in again.stderr and web_site.hits("/mirror/a.html") == 1


def test_sources_feed_dates_pages_without_a_date(cli, web_site, article_html):
    web_site.route("/undated.html", article_html(date=None))
    items = [("U", "/undated.html", "Tue, 09 Aug 2022 08:00:00 GMT")]
    web_site.route("/feed", _rss(web_site, items), content_type="application/rss+xml")
    assert cli("watch", "--once", "--allow-private", web_site.url("/feed")).exit_code == 0
    with open_store(cli.db) as store:
        (doc,) = store.documents()
    assert doc.published.isoformat() == "2022-08-09" and doc.meta["published_from"] == "metadata"


def test_sources_failing_feed_backs_off_and_failed_items_come_back(
    web_site, article_html, fetch_settings
):
    web_site.route("/feed", status=500, body=b"oops")
    src = Source(url=web_site.url("/feed"), label="MND")
    every = timedelta(hours=1)
    with (
        open_store(fetch_settings.db_url) as store,
        Fetcher(fetch_settings, allow_private=True, sleep=lambda s: None) as fetcher,
    ):
        first = poll_sources([src], store, fetch_settings, every=every, fetcher=fetcher)
        assert first.polls[0].status == "failed" and "HTTP 500" in first.polls[0].detail
        assert first.ingest.failed == [(src.url, first.polls[0].detail)]
        state = get_state(store, src.url)
        assert state.failures == 1
        assert state.next_poll_at - datetime.now(UTC) > timedelta(minutes=110)  # 2 x every
        skipped = poll_sources(
            [src], store, fetch_settings, every=every, fetcher=fetcher, force=False
        )
        assert skipped.polls[0].status == "skipped"
        items = [("A", "/a.html", None)]
        web_site.route(
            "/feed", _rss(web_site, items), content_type="application/rss+xml", etag='"2"'
        )
        web_site.route("/a.html", status=404, body=b"")
        second = poll_sources([src], store, fetch_settings, every=every, fetcher=fetcher)
        assert second.ingest.failed and get_state(store, src.url).etag is None
        web_site.route("/a.html", article_html())
        third = poll_sources([src], store, fetch_settings, every=every, fetcher=fetcher)
        assert third.polls[0].status == "new items" and len(third.ingest.added) == 1
        assert get_state(store, src.url).etag == '"2"' and get_state(store, src.url).failures == 0


def test_sources_index_page_and_watched_page(cli, web_site, article_html, tmp_path):
    web_site.route("/news/1001.html", article_html())
    web_site.route(
        "/news/index.html",
        '<html><body><a href="/news/1001.html">Talks</a><a href="/about.html">About</a>'
        '<a href="http://elsewhere.test/news/9999.html">Away</a></body></html>',
    )
    web_site.route("/statement.html", article_html(OTHER_TEXT, date="3019-03-10"))
    sources = tmp_path / "sources.toml"
    sources.write_text(
        "[[source]]\n"
        f'label = "MND news"\nside = "CHN"\nkind = "index"\nurl = "{web_site.url("/news/index.html")}"\n'
        'links = "/news/\\\\d+\\\\.html$"\n'
        "[[source]]\n"
        f'label = "Standing statement"\nside = "USA"\nkind = "page"\nurl = "{web_site.url("/statement.html")}"\n',
        "utf-8",
    )
    first = cli("watch", "--once", "--allow-private", str(sources))
    assert first.exit_code == 0, first.output
    assert "2 document(s) added" in first.stdout and web_site.hits("/about.html") == 0
    web_site.route("/statement.html", article_html(ARTICLE_TEXT.replace("5 August", "6 August")))
    second = cli("watch", "--once", "--allow-private", str(sources))
    assert "0 document(s) added, 1 new version(s)" in second.stdout
    with open_store(cli.db) as store:
        sides = {d.meta["source"]["label"]: d.meta["source"]["side"] for d in store.documents()}
    assert sides == {"MND news": "CHN", "Standing statement": "USA"}


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("sometimes", "is not a duration"),
        ("10s", "too often"),
    ],
)
def test_sources_watch_every_is_checked(cli, value, message):
    result = cli("watch", "--once", "--every", value, "http://127.0.0.1:9/feed")
    shown = " ".join(re.sub(r"[│╭╮╰╯─]", " ", result.stderr).split())
    assert result.exit_code == 2 and message in shown


# --- sources files --------------------------------------------------------------------------


def test_sources_shipped_file_names_the_seed_ministries_and_commands():
    sources = shipped_sources()
    sides = {s.side for s in sources}
    assert {"CHN", "USA", "AUS", "JPN"} <= sides
    hosts = " ".join(s.url for s in sources)
    for host in ("mod.gov.cn", "chinamil.com.cn", "defense.gov", "pacom.mil", "defence.gov.au"):
        assert host in hosts
    assert all(s.label and not s.verified for s in sources)  # none was fetched when written


def test_sources_shipped_sides_are_known_parties():
    from mildip.resources import load_tsv

    codes = {r["code"] for r in load_tsv("countries.tsv")} | {
        r["party"] for r in load_tsv("organisations.tsv") if r["party"]
    }
    assert {s.side for s in shipped_sources()} <= codes


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "no [[source]] tables"),
        ("[[source]]\nurl = 'ftp://x.org/feed'\n", "'url' must be an http or https URL"),
        ("[[source]]\nurl = 'https://x.org/f'\nkind = 'podcast'\n", "'kind' must be one of"),
        ("[[source]]\nurl = 'https://x.org/f'\nside = 'china'\n", "'side' must be a party code"),
        ("[[source]]\nurl = 'https://x.org/f'\ncolour = 'red'\n", "unknown key(s) ['colour']"),
        ("[[source]]\nurl = 'https://x.org/f'\nkind = 'index'\n", "an index needs 'links'"),
        ("[[source]]\nurl = 'https://x.org/f'\nlinks = 'x'\n", "'links' is only for kind"),
        (
            "[[source]]\nurl = 'https://x.org/f'\n[[source]]\nurl = 'HTTPS://X.org/f'\n",
            "repeats the URL",
        ),
        ("[[source]\n", "not valid TOML"),
    ],
)
def test_sources_file_errors_name_the_entry(text, message):
    with pytest.raises(SourcesFileError, match=re.escape(message)):
        parse_sources(text, "mine.toml")
