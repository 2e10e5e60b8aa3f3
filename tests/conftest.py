"""Shared pytest fixtures (each area appends its own below; keep them small)."""

from __future__ import annotations

from pathlib import Path

import pytest

# --- shared data and evaluation (tests/test_evaluate*.py, tests/test_quality_gate.py) ----
#
# Texts written by others stay in the shared data folder, outside the repository: the
# sibling ``shared`` of the repository root, or $MILDIP_SHARED. Tests that need them skip,
# naming the path they expected, where it is absent.

REPOSITORY = Path(__file__).resolve().parent.parent


def shared_path(*parts: str) -> Path:
    """``shared/<parts>``, or skip the test naming the expected path when it is absent."""
    from mildip.evaluate import shared_dir

    path = shared_dir(REPOSITORY.parent / "shared").joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs the shared data at {path} (the sibling `shared` of the repository, "
                    "or set MILDIP_SHARED)")
    return path


@pytest.fixture(scope="session")
def dev_corpus() -> Path:
    """The shared dev corpus (``../shared/corpus/dev``): the seed and six official texts,
    NAME.txt files with NAME.gold.jsonl beside them."""
    return shared_path("corpus", "dev")


@pytest.fixture(scope="session")
def gold_events():
    """Factory of Events made from a corpus's gold records (not from the extractor):
    ``gold_events(corpus, docs=None)`` gives one event per gold record of each document
    (all by default), its evidence span located in the text body (as ingest stores it),
    for analysis tests that must not depend on what the extractor finds."""
    import json

    from mildip.ingest.header import parse_header
    from mildip.model import Event, Evidence, Participant

    def make(corpus: Path, docs=None) -> list:
        names = docs or sorted(p.name[: -len(".gold.jsonl")] for p in corpus.glob("*.gold.jsonl"))
        out = []
        for doc in names:
            _meta, text, _offset = parse_header((corpus / f"{doc}.txt").read_text("utf-8"))
            for line in filter(str.strip, (corpus / f"{doc}.gold.jsonl").read_text("utf-8").splitlines()):
                r = json.loads(line)
                start = text.index(r["evidence"])
                out.append(
                    Event(
                        type=r["type"],
                        actors=tuple(r["actors"]),
                        date=r["date"],
                        modality=r["modality"],
                        initiator=r["initiator"],
                        mechanism=r["mechanism"],
                        round=r["round"],
                        resumed=r["resumed"],
                        location=r["location"],
                        participants=[Participant(p["name"], p["title"], p["party"]) for p in r["participants"]],
                        evidence=[Evidence(doc, start, start + len(r["evidence"]), r["evidence"], "gold")],
                    )
                )
        return out

    return make


@pytest.fixture
def event_record():
    """Factory of spec records about invented parties (ARN = Arnor, GDR = Gondor, ...).

    ``event_record(**changes)`` returns a full record; pass only what a test exercises.
    """

    def make(**changes):
        record = {
            "doc": "annals",
            "type": "DIALOGUE",
            "actors": ["ARN", "GDR"],
            "initiator": None,
            "date": "3019-03",
            "modality": "asserted",
            "mechanism": "Arnor-Gondor Strategic Dialogue",
            "round": None,
            "resumed": False,
            "participants": [],
            "location": None,
            "evidence": "Arnor and Gondor held their strategic dialogue in March.",
            "optional": False,
        }
        record.update(changes)
        return record

    return make


# --- mechanisms, lifecycle, board, threads (tests/test_mechanisms*.py, test_lifecycle*.py,
# test_board*.py, test_threads*.py) ---------------------------------------------------------

MIDDLE_EARTH_REGISTRY = Path(__file__).parent / "data" / "mechanisms" / "middle-earth.toml"


@pytest.fixture
def middle_earth_registry():
    """A mechanism registry about invented parties: GDR Gondor, RHN Rohan, ARN Arnor, WHC White Council."""
    from mildip.kb.mechanisms import Registry

    return Registry.from_toml(MIDDLE_EARTH_REGISTRY.read_text("utf-8"), MIDDLE_EARTH_REGISTRY.name)


@pytest.fixture
def mechanism_event():
    """Factory of hand-built Events about invented parties (default: a Beacon Talks round).

    ``mechanism_event(quote="...", doc="annals", start=0, **fields)``; the evidence quote
    defaults to a sentence naming the type and date so ids differ between events.
    """
    from mildip.model import Event, Evidence

    def make(quote: str | None = None, doc: str = "annals", start: int = 0, **fields):
        fields.setdefault("type", "DIALOGUE")
        fields.setdefault("actors", ("GDR", "RHN"))
        fields.setdefault("date", "3019-03")
        fields.setdefault("mechanism", "Gondor-Rohan Beacon Talks")
        quote = (
            quote
            or f"{fields['type']} {fields.get('mechanism')} {fields['date']} {fields.get('round')}"
        )
        evidence = [Evidence(doc, start, start + len(quote), quote, "test")]
        return Event(evidence=evidence, **fields)

    return make


# --- ingest and citations (tests/test_ingest*.py, tests/test_citations.py) ----------------


@pytest.fixture
def ingest_settings():
    """The shipped default settings (max_input_mb = 40), without reading any user file."""
    from mildip.settings import Settings

    return Settings()


def _pdf_string(value: str) -> str:
    return "(" + value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


@pytest.fixture
def text_pdf():
    """Factory of a small real PDF with text: ``text_pdf(lines, title=None, author=None)``.

    pypdf cannot typeset text, so the PDF is written by hand: one page, Helvetica, one
    line of the content stream per item of ``lines``; ``lines=[]`` gives a page
    with no text (like a scan).
    """

    def make(lines: list[str], title: str | None = None, author: str | None = None) -> bytes:
        ops = " ".join(f"{_pdf_string(line)} Tj T*" for line in lines)
        content = f"BT /F1 12 Tf 14 TL 72 720 Td {ops} ET"
        objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            "/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        ]
        info = ""
        if title or author:
            fields = (f"/Title {_pdf_string(title)} " if title else "") + (
                f"/Author {_pdf_string(author)}" if author else ""
            )
            objects.append(f"<< {fields} >>")
            info = f" /Info {len(objects)} 0 R"
        out = bytearray(b"%PDF-1.4\n")
        offsets = []
        for number, body in enumerate(objects, start=1):
            offsets.append(len(out))
            out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
        xref = len(out)
        out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
        out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
        out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R{info} >>\n".encode()
        out += f"startxref\n{xref}\n%%EOF\n".encode()
        return bytes(out)

    return make


# --- store (tests/test_store*.py, tests/test_export*.py, tests/test_cli_events.py) ----------
#
# ``store_url`` runs a test once per backend: a SQLite file always, PostgreSQL when
# $MILDIP_TEST_PG_URL names a server or when initdb/pg_ctl are installed (then a
# throwaway server is started for the session; as root it runs as the ``postgres``
# user). Each PostgreSQL test gets a fresh database, dropped afterwards.


def _postgres_binary(name: str) -> str | None:
    import glob
    import shutil

    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _process_alive(pid: int) -> bool:
    import os

    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _stop_postgres(prefix: list[str], pg_ctl: str, base: str) -> None:
    import os
    import shutil
    import subprocess

    subprocess.run(
        [*prefix, pg_ctl, "-D", os.path.join(base, "data"), "-m", "immediate", "stop"],
        capture_output=True,
    )
    shutil.rmtree(base, ignore_errors=True)


def _reap_orphaned_postgres(prefix: list[str], pg_ctl: str) -> None:
    """Stop throwaway servers of earlier test sessions that were killed before teardown."""
    import glob
    import os
    import tempfile

    for owner_file in glob.glob(os.path.join(tempfile.gettempdir(), "mildip-pg-*", "owner.pid")):
        try:
            owner = int(open(owner_file, encoding="ascii").read().strip())
        except (OSError, ValueError):
            continue
        if not _process_alive(owner):
            _stop_postgres(prefix, pg_ctl, os.path.dirname(owner_file))


@pytest.fixture(scope="session")
def postgres_server_url():
    """URL of a PostgreSQL server for the session, or skip saying why there is none.

    A server this fixture starts records the test process in ``owner.pid``; SIGTERM
    becomes KeyboardInterrupt while it runs so teardown still stops it, and a later
    session stops servers whose owner died anyway (e.g. after SIGKILL).
    """
    import os
    import shutil
    import signal
    import subprocess
    import tempfile

    pytest.importorskip("psycopg", reason="no psycopg (pip install 'mildip[postgres]')")
    given = os.environ.get("MILDIP_TEST_PG_URL")
    if given:
        yield given
        return
    initdb, pg_ctl = _postgres_binary("initdb"), _postgres_binary("pg_ctl")
    if not (initdb and pg_ctl):
        pytest.skip("no PostgreSQL: set MILDIP_TEST_PG_URL or install postgresql (initdb, pg_ctl)")
    prefix: list[str] = []
    account = None
    if os.geteuid() == 0:
        import pwd

        try:
            account = pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root and there is no 'postgres' user to run initdb")
        prefix = ["runuser", "-u", "postgres", "--"]
    _reap_orphaned_postgres(prefix, pg_ctl)
    base = tempfile.mkdtemp(prefix="mildip-pg-")
    with open(os.path.join(base, "owner.pid"), "w", encoding="ascii") as fp:
        fp.write(str(os.getpid()))
    if account is not None:
        os.chown(base, account.pw_uid, account.pw_gid)
    data, port = os.path.join(base, "data"), _free_port()
    options = f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off"
    try:
        subprocess.run(
            [*prefix, initdb, "-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8"]
            + ["--no-sync"],
            check=True,
            capture_output=True,
        )
        subprocess.run(
            [*prefix, pg_ctl, "-D", data, "-o", options, "-l", os.path.join(base, "log")]
            + ["-w", "start"],
            check=True,
            capture_output=True,
        )
    except (OSError, subprocess.CalledProcessError) as exc:
        shutil.rmtree(base, ignore_errors=True)
        detail = getattr(exc, "stderr", b"") or b""
        reason = f"{exc} {detail.decode(errors='replace')}"
        pytest.skip(f"could not start a throwaway PostgreSQL: {reason}")

    def _interrupt(signum, frame):
        raise KeyboardInterrupt(f"signal {signum}")

    try:
        previous = signal.signal(signal.SIGTERM, _interrupt)
    except ValueError:
        previous = None
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        _stop_postgres(prefix, pg_ctl, base)
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


@pytest.fixture
def fresh_postgres_url(postgres_server_url):
    """A new, empty database on the session's PostgreSQL server; dropped after the test."""
    import uuid

    import psycopg
    from sqlalchemy.engine import make_url

    server = make_url(postgres_server_url)
    admin = server.set(drivername="postgresql").render_as_string(hide_password=False)
    name = f"mildip_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield server.set(database=name).render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request, tmp_path):
    """A URL of an empty database, once per backend (SQLite file; PostgreSQL when available)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'mildip.db'}"
    return request.getfixturevalue("fresh_postgres_url")


@pytest.fixture
def store(store_url):
    """An open, migrated, empty :class:`mildip.store.Store` on each backend."""
    from mildip.store import open_store

    with open_store(store_url) as opened:
        yield opened


@pytest.fixture
def store_event():
    """Factory of Events about invented parties (ARN Arnor, GDR Gondor, RHN Rohan).

    ``store_event(doc="annals", start=0, quote=None, **fields)``: one evidence span in
    ``doc``; defaults give an asserted GDR-RHN DIALOGUE in 3019-03.
    """
    from mildip.model import Event, Evidence

    def make(doc: str = "annals", start: int = 0, quote: str | None = None, **fields):
        fields.setdefault("type", "DIALOGUE")
        fields.setdefault("actors", ("GDR", "RHN"))
        fields.setdefault("date", "3019-03")
        quote = quote or f"{fields['type']} of {'-'.join(fields['actors'])} in {fields['date']}"
        return Event(evidence=[Evidence(doc, start, start + len(quote), quote, "test")], **fields)

    return make


# --- officials, coreference, overrides (tests/test_officials*.py, test_coref*.py,
# test_overrides*.py) -------------------------------------------------------------------


@pytest.fixture
def coref_settings():
    """Shipped defaults (coref_min_similarity_coarse = 0.35), no user file read."""
    from mildip.settings import Settings

    return Settings()


@pytest.fixture
def mention():
    """Factory of one-passage event mentions about invented parties (GDR Gondor, RHN Rohan,
    ARN Arnor, MOR Mordor).

    ``mention(quote, doc="gondor-herald", start=0, side=None, cited=(), **fields)``;
    defaults: an asserted GDR-RHN CALL on 3019-03-09. ``cited`` names sources the
    passage cites, e.g. ``("Minas Tirith Gazette",)``.
    """
    from mildip.model import Citation, Event, Evidence

    def make(quote, doc="gondor-herald", start=0, side=None, cited=(), **fields):
        fields.setdefault("type", "CALL")
        fields.setdefault("actors", ("GDR", "RHN"))
        fields.setdefault("date", "3019-03-09")
        citations = tuple(Citation(src, None, start, start + 1, f"({src})") for src in cited)
        evidence = Evidence(
            doc, start, start + len(quote), quote, "test", sources_cited=citations, side=side
        )
        return Event(evidence=[evidence], **fields)

    return make


# --- answers: groups, trends, network, report (tests/test_groups*.py, test_trends*.py,
# test_network*.py, test_report*.py) ----------------------------------------------------------


@pytest.fixture
def engagement():
    """Factory of hand-built Events about invented parties (GDR Gondor, RHN Rohan, ARN Arnor,
    MOR Mordor, DAL Dale, LOR Lorien).

    ``engagement(type, actors, date, quote=None, doc="red-book", modality="asserted", **fields)``;
    the evidence quote defaults to a sentence naming type, actors and date (so ids differ).
    """
    from mildip.model import Event, Evidence

    def make(type_, actors, date, quote=None, doc="red-book", **fields):
        quote = quote or f"{type_} between {' and '.join(actors)} on {date}."
        evidence = [Evidence(doc, 0, len(quote), quote, "test")]
        return Event(type=type_, actors=tuple(actors), date=date, evidence=evidence, **fields)

    return make


@pytest.fixture
def chronicle():
    """Factory of Documents: ``chronicle(doc_id, published="3019-03-01", parties=("GDR", "RHN"), **fields)``.

    ``parties`` go to ``meta["parties"]``, which coverage counts use instead of the gazetteer;
    ``parties=None`` leaves the meta empty (then the real gazetteer reads ``text``).
    """
    from datetime import date

    from mildip.model import Document

    def make(doc_id, published="3019-03-01", parties=("GDR", "RHN"), text="A chronicle.", **fields):
        meta = {"parties": list(parties)} if parties is not None else {}
        day = date.fromisoformat(published) if published else None
        return Document(doc_id=doc_id, text=text, published=day, meta=meta, **fields)

    return make


@pytest.fixture
def middle_earth_settings():
    """Settings with invented groups: ``gondor-allies`` (allies of GDR; RHN from 3000, ARN from
    3019-03-25, DAL always), ``free-peoples`` (includes gondor-allies, adds GDR, excludes DAL)."""
    from mildip.settings import Settings

    return Settings(
        groups={
            "gondor-allies": {
                "title": "Gondor's allies",
                "allies_of": "GDR",
                "members": [
                    {"party": "RHN", "since": "3000"},
                    {"party": "ARN", "since": "3019-03-25"},
                    "DAL",
                ],
            },
            "free-peoples": {
                "include": ["gondor-allies"],
                "members": ["GDR", "LOR"],
                "exclude": ["DAL"],
            },
        }
    )


@pytest.fixture(scope="session")
def mordor_story():
    """``(events, documents, settings)`` of a freeze-out story about invented parties.

    Mordor (MOR, the focus) calls Gondor (GDR, the reference) on 3019-01-10, then cancels two
    Gondor-Mordor talks and suspends a cooperation on 3019-03-05, while holding the fifth
    Mordor-Rohan Strategic Dialogue (3019-04) and meeting Arnor (3019-05-02, an ally of
    Gondor since 3019-03-25); a future meeting with Gondor is announced for 3019-09.
    ``gondor-allies`` is a settings group with ``allies_of = "GDR"``. One quote carries
    markup and a pipe; one document has a ``javascript:`` URL that must never become a link.
    """
    from datetime import date

    from mildip.model import Document, Event, Evidence
    from mildip.settings import Settings

    def event(type_, actors, day, quote=None, doc="red-book", **fields):
        quote = quote or f"{type_} between {' and '.join(actors)} on {day}."
        return Event(
            type_, actors, day, evidence=[Evidence(doc, 0, len(quote), quote, "test")], **fields
        )

    events = [
        event("CALL", ("GDR", "MOR"), "3019-01-10"),
        event(
            "CANCEL",
            ("GDR", "MOR"),
            "3019-03-05",
            "Cancelling the Gondor-Mordor Border Talks.",
            mechanism="Gondor-Mordor Border Talks",
            initiator="MOR",
        ),
        event(
            "CANCEL",
            ("GDR", "MOR"),
            "3019-03-05",
            "Cancelling the Osgiliath talks.",
            mechanism="Gondor-Mordor Osgiliath Talks",
            initiator="MOR",
        ),
        event(
            "SUSPEND",
            ("GDR", "MOR"),
            "3019-03-05",
            "Suspending <b>beacon</b> | ferry cooperation.",
            initiator="MOR",
        ),
        event(
            "DIALOGUE",
            ("MOR", "RHN"),
            "3019-04",
            "the fifth Mordor-Rohan strategic dialogue",
            doc="herald",
            mechanism="Mordor-Rohan Strategic Dialogue",
            round=5,
        ),
        event("MEET", ("ARN", "MOR"), "3019-05-02", doc="herald"),
        event("MEET", ("GDR", "MOR"), "3019-09", doc="herald", modality="future"),
    ]
    documents = [
        Document(
            "red-book",
            "The Red Book.",
            url="https://example.org/red-book",
            title="The Red Book",
            published=date(3019, 3, 6),
            meta={"parties": ["GDR", "MOR"]},
        ),
        Document(
            "herald",
            "The Herald.",
            url="javascript:alert(1)",
            title="The Herald",
            published=date(3019, 5, 3),
            meta={"parties": ["ARN", "MOR", "RHN"]},
        ),
    ]
    settings = Settings(
        groups={
            "gondor-allies": {
                "title": "Gondor's allies",
                "allies_of": "GDR",
                "members": [
                    {"party": "RHN", "since": "3000"},
                    {"party": "ARN", "since": "3019-03-25"},
                    "DAL",
                ],
            }
        }
    )
    return events, documents, settings


@pytest.fixture(scope="session")
def mordor_report(mordor_story):
    """The :class:`~mildip.report.Report` of :func:`mordor_story` for every event of MOR
    (``--party MOR``): the reference is then MOR's most frequent partner, GDR."""
    from mildip.analysis.filters import EventFilter
    from mildip.report import build_report

    events, documents, settings = mordor_story
    return build_report(events, documents, settings, EventFilter(parties=("MOR",)))


@pytest.fixture(scope="session")
def mordor_html(mordor_report):
    """:func:`mordor_report` rendered to HTML (rendered once: vl-convert takes a second or two)."""
    from mildip.report import render_html

    return render_html(mordor_report)


@pytest.fixture
def mordor_cli(tmp_path, mordor_story):
    """``(db_url, settings_file)`` for CLI tests: a SQLite store holding :func:`mordor_story`
    and a TOML settings file defining its ``gondor-allies`` group."""
    from mildip.store import open_store

    events, documents, _ = mordor_story
    url = f"sqlite:///{tmp_path / 'mordor.db'}"
    with open_store(url) as store:
        for doc in documents:
            store.add_document(doc)
        store.save_events(events)
    settings_file = tmp_path / "mildip.toml"
    settings_file.write_text(
        "[groups.gondor-allies]\n"
        'title = "Gondor\'s allies"\n'
        'allies_of = "GDR"\n'
        'members = [{party = "RHN", since = "3000"}, {party = "ARN", since = "3019-03-25"}, "DAL"]\n',
        encoding="utf-8",
    )
    return url, settings_file


# --- gold corpora checks (tests/test_check_gold.py) --------------------------------------

HELDOUT_CORPUS = Path(__file__).parent / "data" / "heldout"


@pytest.fixture(scope="session")
def heldout_corpus() -> Path:
    """The held-out corpus: reconstructed NAME.txt files with NAME.gold.jsonl beside them."""
    return HELDOUT_CORPUS


@pytest.fixture(scope="session")
def check_gold():
    """``tools/check_gold.py`` loaded as a module (tools/ is not a package)."""
    import importlib.util

    path = Path(__file__).parent.parent / "tools" / "check_gold.py"
    spec = importlib.util.spec_from_file_location("check_gold", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- the workbench (tests/test_web_*.py) -------------------------------------------------
#
# Invented parties again: GDR Gondor, RHN Rohan, MOR Mordor, ARN Arnor. The Gondor
# herald's text holds markup and attribute-injection text, as an untrusted document may.

WEB_HERALD = (
    "The Gondor Herald. On 9 March 3019 Gondor and Rohan held the fifth Beacon Talks in "
    "Edoras. <script>alert('herald')</script> The envoy said \"><img src=x onerror=alert(1)> "
    "was a joke. On 12 March 3019 Gondor cancelled the Osgiliath Talks with Mordor. "
    "King Elessar of Gondor met King Eomer of Rohan in Minas Tirith on 15 March 3019. "
    "Arnor and Gondor held a joint exercise on the Brandywine in March 3019."
)
WEB_CHRONICLE = (
    "The Rohan Chronicle. Edoras reports that the kings of Rohan and Gondor spoke at the "
    "beacon talks on 9 March 3019. A Rohan rider met Gondor's steward on 15 March 3019."
)


def web_mention(doc: str, text: str, quote: str, **fields):
    """A one-passage mention of ``quote`` in ``text`` (offsets found), defaults a GDR-RHN MEET."""
    from mildip.model import Event, Evidence

    start = text.index(quote)
    fields.setdefault("type", "MEET")
    fields.setdefault("actors", ("GDR", "RHN"))
    fields.setdefault("date", "3019-03-15")
    return Event(evidence=[Evidence(doc, start, start + len(quote), quote, "test")], **fields)


def web_mentions():
    """``{doc_id: [mentions]}`` of the two texts: what an extractor might have found."""
    herald = [
        web_mention(
            "gondor-herald", WEB_HERALD, "Gondor and Rohan held the fifth Beacon Talks in Edoras",
            type="DIALOGUE", date="3019-03-09", mechanism="Gondor-Rohan Beacon Talks", round=5,
        ),
        web_mention(
            "gondor-herald", WEB_HERALD, "Gondor cancelled the Osgiliath Talks with Mordor",
            type="CANCEL", actors=("GDR", "MOR"), date="3019-03-12", initiator="GDR",
            mechanism="Gondor-Mordor Osgiliath Talks",
        ),
        web_mention(
            "gondor-herald", WEB_HERALD, "King Elessar of Gondor met King Eomer of Rohan in Minas Tirith",
        ),
    ]
    chronicle = [
        web_mention(
            "rohan-chronicle", WEB_CHRONICLE, "A Rohan rider met Gondor's steward on 15 March 3019",
        ),
    ]
    return {"gondor-herald": herald, "rohan-chronicle": chronicle}


def fill_web_store(store, settings):
    """Store the two documents and their mentions, and build the resolved layer."""
    from datetime import date

    from mildip.model import Document
    from mildip.pipeline import rebuild_events

    store.add_document(
        Document(
            "gondor-herald",
            WEB_HERALD,
            title='Herald <b>"bold"</b> \' onmouseover=\'alert(2)',
            url="javascript:alert(3)",
            publication="The Gondor Herald",
            published=date(3019, 3, 20),
        )
    )
    store.add_document(
        Document(
            "rohan-chronicle",
            WEB_CHRONICLE,
            title="Rohan Chronicle",
            url="https://example.org/chronicle",
            published=date(3019, 3, 21),
        )
    )
    for doc_id, mentions in web_mentions().items():
        store.save_mentions(doc_id, mentions, "test")
    return rebuild_events(store, settings)


WEB_USERS = (("vera", "viewer"), ("ana", "analyst"), ("adam", "admin"))


@pytest.fixture(scope="session")
def web_template_db(tmp_path_factory):
    """A SQLite file holding the two texts resolved and the users of :func:`web_app`,
    built once per session (migrating and hashing passwords take a second)."""
    from mildip.review.accounts import add_user
    from mildip.settings import Settings
    from mildip.store import open_store

    path = tmp_path_factory.mktemp("workbench") / "template.db"
    settings = Settings(db_url=f"sqlite:///{path}", use_parser=False)
    with open_store(settings.db_url) as store:
        fill_web_store(store, settings)
        for name, role in WEB_USERS:
            add_user(store, name, role, f"password-{name}")
    return path


@pytest.fixture
def web_settings(tmp_path):
    """Settings of an empty SQLite store in ``tmp_path``, the parser off (ingest tests stay fast)."""
    from mildip.settings import Settings

    return Settings(db_url=f"sqlite:///{tmp_path / 'workbench.db'}", use_parser=False)


@pytest.fixture
def review_store(store, coref_settings):
    """The two texts stored and resolved, on each backend: ``(store, settings)``."""
    fill_web_store(store, coref_settings)
    return store, coref_settings


@pytest.fixture
def web_app(web_settings, web_template_db):
    """``(app, store)``: the workbench on a SQLite store holding the two texts, with users
    ``vera`` (viewer), ``ana`` (analyst) and ``adam`` (admin), password ``password-<name>``."""
    import shutil

    from mildip.store import open_store
    from mildip.web.app import create_app

    shutil.copyfile(web_template_db, web_settings.db_url.removeprefix("sqlite:///"))
    with open_store(web_settings.db_url) as opened:
        yield create_app(web_settings, opened), opened


def csrf_of(html: str) -> str:
    """The CSRF token a rendered page carries."""
    import re

    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "the page has no CSRF field"
    return found.group(1)


@pytest.fixture
def web_client(web_app):
    """Factory: ``web_client(name=None)`` → a TestClient, logged in as ``name`` when given."""
    from fastapi.testclient import TestClient

    app, _ = web_app
    clients = []

    def make(name: str | None = None):
        client = TestClient(app, follow_redirects=False)
        clients.append(client)
        if name:
            token = csrf_of(client.get("/login").text)
            answer = client.post(
                "/login",
                data={"name": name, "password": f"password-{name}", "csrf_token": token},
            )
            assert answer.status_code == 303, answer.text
        return client

    yield make
    for client in clients:
        client.close()


# --- shared corpora (tests/test_ingest_unwrap.py, tests/test_ingest_layout.py) ----------

SHARED_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def shared_corpus():
    """``shared_corpus("dev")``: a folder of ``../shared/corpus``; skips the test when absent."""

    def get(name: str) -> Path:
        folder = SHARED_CORPUS / name
        if not folder.is_dir():
            pytest.skip(f"{folder} is absent (the shared corpora sit in ../shared beside the repository)")
        return folder

    return get


# --- sources: a local web site (tests/test_ingest_fetch*.py, test_feeds*.py, test_sources*.py) --
#
# ``web_site`` is an HTTP/1.1 server on 127.0.0.1 (a free port), one per test, stopped at
# teardown and in any case after five minutes. Tests give it routes:
# ``site.route("/page.html", body=b"...", content_type="text/html")``; a route may list
# several answers (``answers=[{"status": 429, ...}, {...}]``, the last one repeats), wait
# before answering (``delay``), drip its body (``drip`` seconds per chunk), omit its
# Content-Length (``length=False``: the body ends when the connection closes), declare
# a false one (``length=123``), and answer a matching If-None-Match with 304 (``etag``).
# ``site.requests`` lists ``(path, headers)`` of every request received.


class _Site:
    def __init__(self):
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        site = self
        self.routes: dict[str, list[dict]] = {}
        self.requests: list[tuple[str, dict]] = []
        self._served: dict[str, int] = {}
        self._lock = threading.Lock()

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # keep pytest's output clean
                pass

            def do_GET(self):
                site._answer(self)

        class Server(ThreadingHTTPServer):
            def handle_error(self, request, client_address):  # a client hanging up is fine
                pass

        self.server = Server(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self._thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        self._guard = threading.Timer(300, self.server.shutdown)
        self._guard.daemon = True
        self._guard.start()

    def url(self, path: str = "/", host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def route(self, path: str, body: bytes | str = b"", answers: list[dict] | None = None, **answer):
        answer.setdefault("body", body)
        self.routes[path] = [dict(a) for a in answers] if answers else [answer]
        self._served[path] = 0

    def hits(self, path: str) -> int:
        return sum(1 for p, _ in self.requests if p == path)

    def _answer(self, handler) -> None:
        import time

        path = handler.path
        with self._lock:
            self.requests.append((path, dict(handler.headers)))
            key = path if path in self.routes else path.split("?")[0]
            answers = self.routes.get(key)
            n = self._served.get(key, 0)
            self._served[key] = n + 1
        if not answers:
            answers = [{"status": 404, "body": b"not here", "content_type": "text/plain"}]
        a = answers[min(n, len(answers) - 1)]
        body = a.get("body", b"")
        body = body.encode("utf-8") if isinstance(body, str) else body
        time.sleep(a.get("delay", 0))
        etag = a.get("etag")
        if etag and handler.headers.get("If-None-Match") == etag:
            handler.send_response(304)
            handler.send_header("ETag", etag)
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return
        handler.send_response(a.get("status", 200))
        if a.get("content_type", "text/html; charset=utf-8"):
            handler.send_header("Content-Type", a.get("content_type", "text/html; charset=utf-8"))
        for key, value in a.get("headers", {}).items():
            handler.send_header(key, value)
        if etag:
            handler.send_header("ETag", etag)
        length = a.get("length", True)
        if length is True:
            handler.send_header("Content-Length", str(len(body)))
        elif length is False:
            handler.send_header("Connection", "close")
            handler.close_connection = True
        else:
            handler.send_header("Content-Length", str(length))
        handler.end_headers()
        try:
            drip = a.get("drip")
            if drip:
                step = max(1, len(body) // 20)
                for i in range(0, len(body), step):
                    handler.wfile.write(body[i : i + step])
                    handler.wfile.flush()
                    time.sleep(drip)
            else:
                handler.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            handler.close_connection = True

    def close(self) -> None:
        self._guard.cancel()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def web_site():
    """A local HTTP server on 127.0.0.1 with no routes yet (see the comment above)."""
    site = _Site()
    try:
        yield site
    finally:
        site.close()


@pytest.fixture
def fetch_settings(tmp_path):
    """Settings for fetch tests: short time limits, no politeness delay, and a
    SQLite database in ``tmp_path``."""
    from mildip.settings import Settings

    return Settings(
        db_url=f"sqlite:///{tmp_path / 'fetch.db'}",
        fetch_connect_timeout=2.0,
        fetch_read_timeout=0.5,
        fetch_total_timeout=1.5,
        fetch_retries=2,
        fetch_backoff_seconds=0.01,
        fetch_max_wait_seconds=2.0,
        fetch_host_delay_seconds=0.0,
    )


ARTICLE_TEXT = (
    "On 5 August 2022, China cancelled the China-U.S. Defense Policy Coordination Talks. "
    "The Ministry of National Defense announced the decision in Beijing."
)


@pytest.fixture
def article_html():
    """``article_html(text=ARTICLE_TEXT, title="Talks cancelled", date="2022-08-05")``: a small
    news page whose single obvious event any extractor finds."""

    def make(text: str = ARTICLE_TEXT, title: str = "Talks cancelled", date: str | None = "2022-08-05"):
        meta = f'<meta property="article:published_time" content="{date}">' if date else ""
        paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
        return (
            f"<!doctype html><html lang=\"en\"><head><title>{title}</title>{meta}</head>"
            f"<body><nav>Home | News</nav><article><h1>{title}</h1>{paragraphs}</article>"
            "<footer>Contact us</footer></body></html>"
        )

    return make


STAND_IN_PUBLIC = "1.2.3.4"
"""A public address that names resolve to in tests; ``loopback_transport`` sends its
traffic to the local server instead, so nothing ever leaves the machine."""


def _loopback_transport(port: int, **options):
    """An httpx transport that sends STAND_IN_PUBLIC (and 127.0.0.1) to 127.0.0.1:``port`` and
    refuses every other destination."""
    import httpx

    class LoopbackTransport(httpx.HTTPTransport):
        def handle_request(self, request):
            if request.url.host not in (STAND_IN_PUBLIC, "127.0.0.1"):
                raise httpx.ConnectError(f"test transport: no connection to {request.url.host}")
            request.url = request.url.copy_with(host="127.0.0.1", port=port)
            return super().handle_request(request)

    return LoopbackTransport(**options)


PUBLIC_NAMES = {
    "news.ministry.test": [STAND_IN_PUBLIC],
    "other.ministry.test": [STAND_IN_PUBLIC],
    "intranet.ministry.test": ["10.20.30.40"],
    "sneaky.ministry.test": ["127.0.0.1"],
}


def _test_resolver(host, port):
    if host in PUBLIC_NAMES:
        return PUBLIC_NAMES[host]
    if host == "127.0.0.1":
        return ["127.0.0.1"]
    raise OSError(f"test resolver: unknown host {host}")


@pytest.fixture
def public_names(web_site):
    """``(resolver, transport)`` making ``news.ministry.test`` (and ``other.ministry.test``) a
    public-looking site served by ``web_site`` (it resolves to STAND_IN_PUBLIC; the transport
    connects to 127.0.0.1 instead), ``intranet.ministry.test`` a name of a private address
    (10.20.30.40), and ``sneaky.ministry.test`` a public-looking name that resolves to
    loopback. The transport refuses every other destination, so a test can never reach a
    real address."""
    return _test_resolver, _loopback_transport(web_site.port)


@pytest.fixture
def tls_site(tmp_path):
    """``(site, ssl_context)``: a ``web_site`` speaking HTTPS with a self-signed certificate for
    ``news.ministry.test``, and a client context that trusts it; skips without openssl."""
    import shutil
    import ssl
    import subprocess

    if not shutil.which("openssl"):
        pytest.skip("no openssl command to make a test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-keyout", str(key), "-out", str(cert), "-subj", "/CN=news.ministry.test",
         "-addext", "subjectAltName=DNS:news.ministry.test"],
        check=True, capture_output=True,
    )
    site = _Site()
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(cert, key)
    site.server.socket = server_context.wrap_socket(site.server.socket, server_side=True)
    client_context = ssl.create_default_context(cafile=str(cert))
    try:
        yield site, client_context
    finally:
        site.close()


# --- training the scorer (tests/test_train.py) ---------------------------------------------
#
# An invented gold corpus in the format of ../shared/spec/events.md: short texts written for
# these tests (real party names, so the gazetteer knows them; no published text). The gold
# leaves out what the spec does not count (trade talks, a football agreement, a navy chief's
# visit that is not a port call), so the extractor's candidates come out both right and wrong.
# Which documents are sealed follows the fixed rule of mildip.evaluate.split (by name).

TRAINING_TEXTS: dict[str, tuple[str, str, list[tuple[str, tuple[str, ...], str, str]]]] = {
    # name: (publication date, text, gold as (type, actors, date, evidence))
    "aus-jpn-call": (  # tuning; a CALL, and an AGREE the annotator left out
        "2021-03-04",
        "Japan's Defense Minister held a video call with his Australian counterpart on 3 March "
        "2021. The two ministers agreed to expand joint training.",
        [("CALL", ("AUS", "JPN"), "2021-03-03", "held a video call")],
    ),
    "bra-arg-football": (  # tuning; not military diplomacy: no gold at all
        "2019-05-03",
        "The foreign ministers of Brazil and Argentina met in Brasilia on 2 May 2019 to sign a "
        "football agreement.",
        [],
    ),
    "chn-lka-port-visit": (  # tuning
        "2020-02-15",
        "Two Chinese navy frigates arrived in Colombo, Sri Lanka, on 14 February 2020 for a "
        "four-day port call.",
        [("PORT_CALL", ("CHN", "LKA"), "2020-02-14", "frigates arrived in Colombo")],
    ),
    "deu-jpn-agreement": (  # tuning
        "2024-01-18",
        "Germany and Japan signed an agreement on defence cooperation in Tokyo on 17 January 2024.",
        [("AGREE", ("DEU", "JPN"), "2024-01-17", "signed an agreement on defence cooperation")],
    ),
    "ind-vnm-visit": (  # tuning; a MEET (a navy chief's visit is no port call)
        "2019-06-12",
        "The Chief of the Indian Navy visited Vietnam on 10 June 2019 and met the Vietnamese "
        "Defence Minister in Hanoi.",
        [("MEET", ("IND", "VNM"), "2019-06-10", "met the Vietnamese Defence Minister in Hanoi")],
    ),
    "phl-usa-phone-call": (  # tuning
        "2017-08-02",
        "The U.S. Secretary of Defense spoke by phone with the Philippine Defense Secretary on "
        "1 August 2017.",
        [("CALL", ("PHL", "USA"), "2017-08-01", "spoke by phone")],
    ),
    "tha-usa-suspend": (  # tuning
        "2015-10-20",
        "Thailand suspended its military exchanges with the United States in October 2015.",
        [("SUSPEND", ("THA", "USA"), "2015-10", "Thailand suspended its military exchanges")],
    ),
    "tha-usa-tariff-talks": (  # tuning; trade, not defence: no gold
        "2015-10-10",
        "Trade ministers of Thailand and the United States met in Bangkok on 9 October 2015 to "
        "discuss tariffs.",
        [],
    ),
    "idn-sgp-naval-drill": (  # sealed
        "2022-09-20",
        "Singapore and Indonesia held a joint naval exercise in the Java Sea in September 2022.",
        [("EXERCISE", ("IDN", "SGP"), "2022-09", "held a joint naval exercise in the Java Sea")],
    ),
    "kor-jpn-dialogue-cancelled": (  # sealed
        "2018-05-30",
        "South Korea cancelled a planned defence dialogue with Japan on 29 May 2018.",
        [("CANCEL", ("JPN", "KOR"), "2018-05-29", "cancelled a planned defence dialogue")],
    ),
    "tha-usa-trade-meeting": (  # sealed; trade: no gold
        "2016-03-02",
        "Commerce officials of Thailand and the United States met in Washington on 1 March 2016.",
        [],
    ),
}


def _spec_record(doc: str, type_: str, actors: tuple[str, ...], day: str, evidence: str) -> dict:
    return {
        "doc": doc,
        "type": type_,
        "actors": list(actors),
        "initiator": None,
        "date": day,
        "modality": "asserted",
        "mechanism": None,
        "round": None,
        "resumed": False,
        "participants": [],
        "location": None,
        "evidence": evidence,
        "optional": False,
    }


def write_training_corpus(folder: Path, docs=None) -> Path:
    """Write the invented gold corpus (all of :data:`TRAINING_TEXTS`, or the names in
    ``docs``) as NAME.txt + NAME.gold.jsonl into the new folder ``folder``; returns it."""
    import json

    folder.mkdir()
    for doc in docs or TRAINING_TEXTS:
        day, text, gold = TRAINING_TEXTS[doc]
        header = f"TITLE: {doc}\nPUBLICATION: invented for mildip's tests\nDATE: {day}\n---\n"
        (folder / f"{doc}.txt").write_text(header + text + "\n", "utf-8")
        lines = [json.dumps(_spec_record(doc, *g)) + "\n" for g in gold]
        (folder / f"{doc}.gold.jsonl").write_text("".join(lines), "utf-8")
    return folder


@pytest.fixture
def training_corpus(tmp_path):
    """Factory: ``training_corpus(name="invented", docs=None)`` writes the invented gold
    corpus into ``tmp_path/name`` (:func:`write_training_corpus`) and returns that folder."""
    return lambda name="invented", docs=None: write_training_corpus(tmp_path / name, docs)
# --- the extractor on invented sentences (tests/test_extract_*.py, tests/test_people.py) -


@pytest.fixture(scope="session")
def shipped_settings():
    """The shipped settings alone (``settings.toml``), read from no user file or
    environment variable, so extractor tests run the same everywhere."""
    from mildip.settings import Settings, default_values

    return Settings(**default_values())


@pytest.fixture(scope="session")
def extract_text(shipped_settings):
    """``extract_text(text, published="2024-06-20", **setting_changes)``: the events
    the extractor finds in a bare text with the shipped settings (or changed ones)."""
    import mildip

    def run(text: str, published: str = "2024-06-20", **changes):
        return mildip.extract(text, published=published, settings=shipped_settings.with_(**changes))

    return run
