"""The ingest stage: formats, bad inputs, batches, publication-date precedence, determinism.

Texts are about invented parties (Arnor, Gondor) so that no gazetteer edit can break them.
"""

from __future__ import annotations

import io
import json
import random
import re
from datetime import date
from pathlib import Path

import pypdf
import pytest

from mildip._exceptions import (
    DecodeError,
    EmptyInputError,
    InputTooLargeError,
    UnreadableInputError,
    UnsupportedInputError,
)
from mildip.ingest import SUPPORTED_SUFFIXES, iter_documents, load_file, read_source
from mildip.model import Document

ARTICLE = (
    "Arnor and Gondor held their first security dialogue in four years in Annuminas. "
    "Both sides agreed to deepen exchanges on strategic issues (Gondor MoD, March 3, 2021).\n"
)
HEADER = (
    "URL: https://example.org/arnor-gondor\n"
    "TITLE: Arnor and Gondor talk again\n"
    "PUBLICATION: The Westmarch Review\n"
    "DATE: 2021-03-05\n"
    "AUTHOR: A. Scribe\n"
    "LANGUAGE: en\n"
    "---\n"
)

HTML_ARTICLE = """<html><head><title>Arnor and Gondor talk again | Westmarch Review</title>
<meta name="author" content="Anna Scribe">
<meta property="og:site_name" content="Westmarch Review">
<meta property="article:published_time" content="2021-03-05">
<link rel="canonical" href="https://example.org/arnor-gondor"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Arnor and Gondor talk again</h1>
<p>Arnor and Gondor held their first security dialogue in four years in Annuminas on Tuesday.</p>
<p>Both sides agreed to deepen exchanges on strategic issues and to meet again next spring.</p>
</article><footer>Copyright Westmarch Review</footer></body></html>"""

HTML_UNDATED = """<html><head><title>Talks</title></head><body><article>
<p>Arnor and Gondor held their first security dialogue in four years in Annuminas (Gondor MoD, March 3, 2021).</p>
</article></body></html>"""

HTML_NO_ARTICLE = """<html><head><title>Portal</title></head><body>
<nav><ul><li><a href="/a">Home</a></li><li><a href="/b">News</a></li><li><a href="/c">About us</a></li></ul></nav>
<form><input name="q"><button>Search</button></form>
<footer>Copyright 2024 Ministry of Arnor. All rights reserved.</footer></body></html>"""


def _write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _encrypted(pdf: bytes, user_password: str) -> bytes:
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _binary_junk() -> bytes:
    rng = random.Random(7)
    return bytes(rng.randrange(256) for _ in range(4096))


# --- formats -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "doc_id"),
    [
        ("seed.txt", "seed"),  # the spec's own example
        ("a.b.md", "a.b"),  # only the last extension goes
        ("REPORT.TXT", "REPORT"),  # extensions in any case
    ],
)
def test_ingest_doc_id_is_file_name_without_extension(tmp_path, ingest_settings, name, doc_id):
    (doc,) = load_file(_write(tmp_path, name, ARTICLE), ingest_settings)
    assert doc.doc_id == doc_id


def test_ingest_text_header_goes_to_fields_and_body_to_text(tmp_path, ingest_settings):
    (doc,) = load_file(_write(tmp_path, "talks.txt", HEADER + ARTICLE), ingest_settings)
    assert doc.text == ARTICLE
    assert (doc.url, doc.title, doc.publication, doc.author, doc.language) == (
        "https://example.org/arnor-gondor",
        "Arnor and Gondor talk again",
        "The Westmarch Review",
        "A. Scribe",
        "en",
    )
    assert doc.published == date(2021, 3, 5) and not doc.published_inferred
    assert doc.meta["encoding"] == "utf-8"
    assert doc.media_type == "text/plain"


def test_ingest_unknown_header_keys_are_kept_in_meta(tmp_path, ingest_settings):
    text = "Title: Talks\nSection: Defence\n---\n" + ARTICLE
    (doc,) = load_file(_write(tmp_path, "talks.md", text), ingest_settings)
    assert doc.meta["header"] == {"section": "Defence"}
    assert doc.title == "Talks" and doc.media_type == "text/markdown"


@pytest.mark.parametrize("value", ["last Tuesday", "2023-13", "April 14", "2023-04-14abc"])
def test_ingest_bad_header_date_is_an_actionable_error(tmp_path, ingest_settings, value):
    path = _write(tmp_path, "talks.txt", f"DATE: {value}\n---\n" + ARTICLE)
    with pytest.raises(UnreadableInputError) as caught:
        load_file(path, ingest_settings)
    reason = caught.value.reason
    assert reason.startswith(f"header DATE {value!r} is not a date; write YYYY, YYYY-MM, YYYY-MM-DD")
    assert "April 2023" in reason and "\n" not in reason


@pytest.mark.parametrize(
    ("value", "published", "precision", "iso"),
    [
        ("2021-03-05", date(2021, 3, 5), "day", "2021-03-05"),
        ("2024-01", date(2024, 1, 1), "month", "2024-01"),
        ("2022", date(2022, 1, 1), "year", "2022"),
        ("March 2021", date(2021, 3, 1), "month", "2021-03"),
        ("5 March 2021", date(2021, 3, 5), "day", "2021-03-05"),
        ("2021-03-05T08:00:00+01:00", date(2021, 3, 5), "day", "2021-03-05"),
    ],
)
def test_ingest_header_date_keeps_its_precision(
    tmp_path, ingest_settings, value, published, precision, iso
):
    (doc,) = load_file(_write(tmp_path, "talks.txt", f"DATE: {value}\n---\n" + ARTICLE),
                       ingest_settings)
    assert (doc.published, doc.published_precision, doc.published_iso) == (
        published, precision, iso
    )
    assert doc.meta["published_from"] == "metadata" and not doc.published_inferred
    assert "warnings" not in doc.meta


def test_ingest_header_date_with_trailing_text_is_kept_with_a_warning(tmp_path, ingest_settings):
    path = _write(tmp_path, "talks.txt", "DATE: 2023-04-14 (updated)\n---\n" + ARTICLE)
    (doc,) = load_file(path, ingest_settings)
    assert (doc.published, doc.published_precision) == (date(2023, 4, 14), "day")
    assert doc.meta["warnings"] == [
        "header DATE '2023-04-14 (updated)' read as 2023-04-14; ignored the text after the date"
    ]


@pytest.mark.parametrize(
    ("argument", "published", "precision"),
    [
        ("2024-01", date(2024, 1, 1), "month"),
        ("2022", date(2022, 1, 1), "year"),
        ("April 2023", date(2023, 4, 1), "month"),
        (date(2022, 6, 7), date(2022, 6, 7), "day"),
    ],
)
def test_ingest_published_argument_takes_a_partial_date(
    tmp_path, ingest_settings, argument, published, precision
):
    path = _write(tmp_path, "talks.txt", HEADER + ARTICLE)
    (doc,) = load_file(path, ingest_settings, published=argument, published_override=True)
    assert (doc.published, doc.published_precision) == (published, precision)
    assert doc.meta["published_from"] == "argument"


@pytest.mark.parametrize("argument", ["soon", "2024-01 (approx.)", "2024-13"])
def test_ingest_published_argument_that_is_no_date_is_refused(
    tmp_path, ingest_settings, argument
):
    path = _write(tmp_path, "talks.txt", ARTICLE)
    with pytest.raises(ValueError, match=re.escape(f"published date {argument!r} is not a date")):
        load_file(path, ingest_settings, published=argument)


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        (
            "Caf\u00e9 talks \u2013 \u201cagreed\u201d".encode("cp1252"),
            "Caf\u00e9 talks \u2013 \u201cagreed\u201d",
            "cp1252",
        ),
        (
            "Ren\u00e9e met Gr\u00fcber in Annuminas.".encode("latin-1"),
            "Ren\u00e9e met Gr\u00fcber in Annuminas.",
            "cp1252",
        ),
        ("\ufeffTalks in Annuminas.".encode("utf-8"), "Talks in Annuminas.", "utf-8-sig"),
        ("Talks in Annuminas.".encode("utf-16"), "Talks in Annuminas.", "utf-16"),
        (b"Line one.\r\nLine two.\rLine three.", "Line one.\nLine two.\nLine three.", "utf-8"),
    ],
    ids=["cp1252", "latin-1", "utf-8-bom", "utf-16-bom", "crlf"],
)
def test_ingest_decodes_and_records_encoding(tmp_path, ingest_settings, data, text, encoding):
    (doc,) = load_file(_write(tmp_path, "talks.txt", data), ingest_settings)
    assert doc.text == text
    assert doc.meta["encoding"] == encoding


def test_ingest_html_metadata(tmp_path, ingest_settings):
    (doc,) = load_file(_write(tmp_path, "talks.html", HTML_ARTICLE), ingest_settings)
    assert "first security dialogue in four years" in doc.text
    assert "Home" not in doc.text
    assert doc.title == "Arnor and Gondor talk again"
    assert doc.author == "Anna Scribe"
    assert doc.url == "https://example.org/arnor-gondor"
    assert doc.publication == "Westmarch Review"
    assert doc.published == date(2021, 3, 5) and not doc.published_inferred
    assert doc.media_type == "text/html"


def test_ingest_html_without_date_metadata_infers_it_from_citations(tmp_path, ingest_settings):
    (doc,) = load_file(_write(tmp_path, "talks.htm", HTML_UNDATED), ingest_settings)
    assert doc.published == date(2021, 3, 3)
    assert doc.published_inferred and doc.meta["published_from"] == "text"


def test_ingest_pdf_text_and_metadata(tmp_path, ingest_settings, text_pdf):
    pdf = text_pdf(
        ["Arnor and Gondor held talks (Gondor MoD, March 3, 2021).", "Both sides agreed."],
        title="Talks",
        author="A. Scribe",
    )
    (doc,) = load_file(_write(tmp_path, "talks.pdf", pdf), ingest_settings)
    # two lines of one paragraph (no wider gap between them): unwrapped into one
    assert (
        doc.text == "Arnor and Gondor held talks (Gondor MoD, March 3, 2021). Both sides agreed."
    )
    assert doc.meta["lines_joined"] == 1
    assert (doc.title, doc.author, doc.media_type) == ("Talks", "A. Scribe", "application/pdf")
    assert doc.published == date(2021, 3, 3) and doc.published_inferred


def test_ingest_pdf_encrypted_with_empty_password_is_read(tmp_path, ingest_settings, text_pdf):
    pdf = _encrypted(text_pdf(["Arnor and Gondor held talks."]), user_password="")
    (doc,) = load_file(_write(tmp_path, "open.pdf", pdf), ingest_settings)
    assert doc.text == "Arnor and Gondor held talks."


# --- publication date precedence -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "argument", "override", "published", "inferred", "origin"),
    [
        (HEADER + ARTICLE, date(2022, 1, 1), True, date(2022, 1, 1), False, "argument"),
        (HEADER + ARTICLE, date(2022, 1, 1), False, date(2021, 3, 5), False, "metadata"),
        (HEADER + ARTICLE, None, False, date(2021, 3, 5), False, "metadata"),
        (ARTICLE, date(2022, 1, 1), False, date(2022, 1, 1), False, "argument"),
        (ARTICLE, None, False, date(2021, 3, 3), True, "text"),  # the latest citation
        ("Arnor and Gondor held talks.", None, False, None, False, None),  # nothing to go on
    ],
    ids=[
        "override-beats-header",
        "header-beats-fallback",
        "header",
        "fallback-beats-inference",
        "inferred",
        "none",
    ],
)
def test_ingest_published_precedence(
    tmp_path, ingest_settings, text, argument, override, published, inferred, origin
):
    path = _write(tmp_path, "talks.txt", text)
    (doc,) = load_file(path, ingest_settings, published=argument, published_override=override)
    assert doc.published == published
    assert doc.published_inferred is inferred
    assert doc.meta.get("published_from") == origin


# --- bad inputs --------------------------------------------------------------------------


BAD_INPUTS = [
    # (file name, content from the text_pdf factory, error class, reason fragment)
    ("empty.txt", lambda pdf: b"", EmptyInputError, "empty file"),
    ("blank.txt", lambda pdf: b" \n\t\n  ", EmptyInputError, "only whitespace"),
    (
        "header-only.txt",
        lambda pdf: b"TITLE: Talks\n---\n\n",
        EmptyInputError,
        "no text after the header",
    ),
    ("junk.txt", lambda pdf: _binary_junk(), UnsupportedInputError, "binary content, not text"),
    (
        "nul.md",
        lambda pdf: b"Talks\x00\x00\x00in Annuminas",
        UnsupportedInputError,
        "binary content, not text",
    ),
    (
        "gbk.txt",
        lambda pdf: "阿尔诺与刚铎举行安全对话，双方同意深化战略交流。".encode("gbk"),
        DecodeError,
        "re-save it as UTF-8",
    ),
    ("portal.html", lambda pdf: HTML_NO_ARTICLE.encode(), EmptyInputError, "no article text found"),
    (
        "broken.pdf",
        lambda pdf: b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog",
        UnreadableInputError,
        "not a readable PDF: ",
    ),
    (
        "locked.pdf",
        lambda pdf: _encrypted(pdf(["Secret talks."]), "secret"),
        UnreadableInputError,
        "encrypted PDF",
    ),
    ("scan.pdf", lambda pdf: pdf([]), EmptyInputError, "no extractable text"),
    (
        "notes.docx",
        lambda pdf: b"PK\x03\x04",
        UnsupportedInputError,
        "supported: .htm, .html, .jsonl, .md, .pdf, .txt",
    ),
]


def test_ingest_bad_inputs_each_give_one_line_reason_while_the_batch_goes_on(
    tmp_path, ingest_settings, text_pdf
):
    for name, content, _cls, _fragment in BAD_INPUTS:
        _write(tmp_path, name, content(text_pdf))
    _write(tmp_path, "zz-good.txt", ARTICLE)
    results = {
        Path(getattr(r, "source", None) or r.source_path).name: r
        for r in iter_documents([tmp_path], ingest_settings)
    }
    assert isinstance(results["zz-good.txt"], Document)
    for name, _content, cls, fragment in BAD_INPUTS:
        error = results[name]
        assert type(error) is cls, (name, error)
        assert fragment in error.reason, (name, error.reason)
        assert "\n" not in str(error)
    assert len(results) == len(BAD_INPUTS) + 1


@pytest.mark.parametrize(
    ("name", "content", "cls", "fragment"), BAD_INPUTS, ids=[c[0] for c in BAD_INPUTS]
)
def test_ingest_load_file_raises_each_bad_input(
    tmp_path, ingest_settings, text_pdf, name, content, cls, fragment
):
    with pytest.raises(cls) as caught:
        load_file(_write(tmp_path, name, content(text_pdf)), ingest_settings)
    assert fragment in caught.value.reason


def test_ingest_refuses_a_50_mb_file_without_reading_it(tmp_path, ingest_settings, monkeypatch):
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)

    def no_reading(self):
        raise AssertionError("the file was read")

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    with pytest.raises(InputTooLargeError) as caught:
        load_file(big, ingest_settings)
    assert caught.value.reason.startswith("file is 50.0 MB, over the 40 MB limit")


@pytest.mark.parametrize(("extra_bytes", "accepted"), [(-10, True), (0, True), (10, False)])
def test_ingest_size_limit_boundary(tmp_path, ingest_settings, extra_bytes, accepted):
    settings = ingest_settings.with_(max_input_mb=1)
    line = b"Arnor and Gondor held talks.\n"
    size = 1024 * 1024 + extra_bytes
    data = (line * (size // len(line) + 1))[:size]
    path = _write(tmp_path, "edge.txt", data)
    results = list(read_source(path, settings))
    assert isinstance(results[0], Document) is accepted
    if not accepted:
        assert isinstance(results[0], InputTooLargeError)
        assert "1 MB limit" in results[0].reason


@pytest.mark.parametrize(
    ("make", "cls", "fragment"),
    [
        (lambda root: root / "missing.txt", UnreadableInputError, "no such file"),
        (lambda root: root / "nowhere", UnreadableInputError, "no such file or folder"),
        (lambda root: root, UnreadableInputError, "is a folder"),
        (
            lambda root: _write(root, "x.gold.jsonl", "{}"),
            UnsupportedInputError,
            "gold-events file",
        ),
        (
            lambda root: _write(root, "README", "Talks."),
            UnsupportedInputError,
            "unsupported extension '(none)'",
        ),
    ],
    ids=["missing", "missing-folder", "folder", "gold", "no-extension"],
)
def test_ingest_load_file_refuses_what_is_not_an_input(
    tmp_path, ingest_settings, make, cls, fragment
):
    with pytest.raises(cls, match=fragment.replace("(", r"\(").replace(")", r"\)")):
        load_file(make(tmp_path), ingest_settings)


def test_ingest_supported_suffixes_are_listed():
    assert SUPPORTED_SUFFIXES == (".htm", ".html", ".jsonl", ".md", ".pdf", ".txt")


# --- folders, batches and determinism -------------------------------------------------


def test_ingest_folder_walk_is_sorted_and_skips_hidden_and_gold(tmp_path, ingest_settings):
    for name in [
        "b.txt",
        "a.txt",
        "sub/c.txt",
        "sub/.d.txt",
        ".hidden/e.txt",
        "a.gold.jsonl",
        "sub/b.GOLD.jsonl",
    ]:
        _write(tmp_path, name, ARTICLE)
    ids = [d.doc_id for d in iter_documents([tmp_path], ingest_settings)]
    assert ids == ["a", "b", "c"]


def test_ingest_iter_documents_accepts_files_and_folders_in_given_order(tmp_path, ingest_settings):
    first = _write(tmp_path, "x/first.txt", ARTICLE)
    _write(tmp_path, "y/second.txt", ARTICLE)
    ids = [d.doc_id for d in iter_documents([str(tmp_path / "y"), first], ingest_settings)]
    assert ids == ["second", "first"]


def test_ingest_is_deterministic(tmp_path, ingest_settings, text_pdf):
    _write(tmp_path, "a.txt", HEADER + ARTICLE)
    _write(tmp_path, "b.html", HTML_ARTICLE)
    _write(tmp_path, "c.pdf", text_pdf(["Arnor and Gondor held talks."]))
    _write(tmp_path, "d.jsonl", json.dumps({"id": "d1", "text": ARTICLE}) + "\n")
    first = list(iter_documents([tmp_path], ingest_settings))
    second = list(iter_documents([tmp_path], ingest_settings))
    assert len(first) == 4 and all(isinstance(d, Document) for d in first)
    assert first == second
    assert [d.content_hash for d in first] == [d.content_hash for d in second]


def test_ingest_dev_corpus_bodies_hold_every_gold_evidence(dev_corpus, ingest_settings):
    docs = {d.doc_id: d for d in iter_documents([dev_corpus], ingest_settings)}
    assert all(isinstance(d, Document) for d in docs.values())
    gold = [
        json.loads(line)
        for path in sorted(dev_corpus.glob("*.gold.jsonl"))
        for line in path.read_text("utf-8").splitlines()
        if line.strip()
    ]
    assert gold
    for record in gold:
        assert record["evidence"] in docs[record["doc"]].text
    assert not docs["seed"].text.startswith("URL:")
    assert docs["seed"].published == date(2023, 4, 14)
