"""Safety under hostile input: Hypothesis feeds the text header, the decoders, text and
HTML ingest and extraction arbitrary Unicode and control characters; a 1 MB line and
deeply nested HTML are tried too. Nothing may crash: every input becomes a Document or an
IngestError whose reason is one line."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mildip._exceptions import IngestError
from mildip.api import extract_document
from mildip.ingest import parse_header
from mildip.ingest.decoding import decode_declared, decode_text
from mildip.ingest.documents import build_document, read_text
from mildip.ingest.fetch import FetchRecord
from mildip.ingest.html import read_html
from mildip.ingest.web import document_from_fetch
from mildip.model import Document
from mildip.settings import Settings

FAST = Settings()
ANY_TEXT = st.text(alphabet=st.characters(codec=None, exclude_categories=("Cs",)), max_size=1500)
WITH_CONTROLS = st.text(alphabet=st.characters(max_codepoint=0x2FF), max_size=800)
HEADERISH = st.lists(
    st.one_of(
        st.from_regex(r"[A-Za-z]{1,8}: [^\n]{0,40}", fullmatch=True),
        st.just("---"),
        st.just("DATE: soon"),
        st.just("DATE: 2024-02-30"),
        ANY_TEXT.map(lambda t: t.replace("\n", " ")),
    ),
    max_size=8,
).map("\n".join)
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _one_line(exc: IngestError) -> None:
    assert exc.reason and "\n" not in exc.reason and len(exc.reason) < 600


def _ingest_text(text: str) -> Document | None:
    try:
        found = read_text(text, "utf-8", "fuzz.txt", "text/plain")
        return build_document("fuzz", found, "fuzz.txt", None, settings=FAST)
    except IngestError as exc:
        _one_line(exc)
        return None


@FUZZ
@given(st.one_of(HEADERISH, ANY_TEXT, WITH_CONTROLS))
def test_fuzz_parse_header_never_raises_and_keeps_offsets(text):
    meta, body, offset = parse_header(text)
    assert isinstance(meta, dict)
    assert text[offset:] == body or not meta


@FUZZ
@given(st.binary(max_size=2000), st.sampled_from([None, "utf-8", "gbk", "latin-1", "bogus"]))
def test_fuzz_decoders_give_text_or_a_one_line_reason(data, charset):
    for decode in (lambda: decode_text(data, "x"), lambda: decode_declared(data, charset, "x")):
        try:
            text, encoding = decode()
        except IngestError as exc:
            _one_line(exc)
        else:
            assert isinstance(text, str) and "\r" not in text and encoding


@FUZZ
@given(st.one_of(HEADERISH, ANY_TEXT, WITH_CONTROLS))
def test_fuzz_text_ingest_and_extraction_never_crash(text):
    doc = _ingest_text(text)
    if doc is None:
        return
    for event in extract_document(doc, FAST):
        for ev in event.evidence:
            assert doc.text[ev.start : ev.end] == ev.quote


def _html(draw_text: str, tags: list[str]) -> str:
    opened = "".join(f"<{t}>" for t in tags)
    closed = "".join(f"</{t}>" for t in reversed(tags))
    return f"<html><body>{opened}<p>{draw_text}</p>{closed}</body></html>"


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    ANY_TEXT,
    st.lists(
        st.sampled_from(["div", "p", "span", "table", "b", "article", "section", "x-y"]),
        max_size=30,
    ),
)
def test_fuzz_html_ingest_never_crashes(text, tags):
    try:
        found = read_html(_html(text, tags), "fuzz.html")
    except IngestError as exc:
        _one_line(exc)
        return
    build_document("fuzz", found, None, None, settings=FAST)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000), st.sampled_from(["html", "text", "pdf"]))
def test_fuzz_fetched_bytes_become_a_document_or_a_reason(body, kind):
    from datetime import UTC, datetime

    record = FetchRecord(
        url="https://x.test/a",
        final_url="https://x.test/a",
        status=200,
        headers=(),
        retrieved_at=datetime(2026, 1, 1, tzinfo=UTC),
        body=body,
        media_type=None,
        charset=None,
        kind=kind,
    )
    try:
        document_from_fetch(record, FAST)
    except IngestError as exc:
        _one_line(exc)


@pytest.mark.parametrize("depth", [300, 20_000])
def test_fuzz_deeply_nested_html_is_a_document_or_a_reason(depth):
    html = _html(
        "Arnor and Gondor held their first security dialogue in four years.", ["div"] * depth
    )
    try:
        found = read_html(html, "deep.html")
    except IngestError as exc:
        _one_line(exc)
    else:
        assert "security dialogue" in found.text


def test_fuzz_a_one_megabyte_line_is_ingested_and_extracted(tmp_path):
    import random

    from mildip.ingest import load_file

    # filler without event words: the extractor's in-document merging is quadratic in the
    # number of candidate events, which is the extractor's business, not this test's
    rng = random.Random(7)
    words = "the of and ministry weather markets week officials said statement".split()
    filler = " ".join(
        rng.choice(words) + ("." if rng.random() < 0.05 else "") for _ in range(200_000)
    )
    sentence = (
        "On 5 August 2022, China cancelled the China-U.S. Defense Policy Coordination Talks. "
    )
    line = (sentence + filler)[:1_000_000]
    path = tmp_path / "long.txt"
    path.write_text(line, "utf-8")
    (doc,) = load_file(path, FAST)
    assert len(doc.text) == 1_000_000 and "\n" not in doc.text
    for event in extract_document(doc, FAST):
        assert all(doc.text[e.start : e.end] == e.quote for e in event.evidence)
