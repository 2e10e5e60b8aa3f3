"""Layout variants (mildip.ingest.layout) and layout invariance of ingest + extraction.

Unit cases use invented parties (Arnor, Gondor); the invariance test renders the texts
of ``../shared/corpus/dev`` wrapped at 72 columns and as PDFs, and skips when that
corpus is absent. Event tests compare the extractor's output across layouts, never the
events themselves, so they hold whatever the extractor finds.
"""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from mildip import extract_document
from mildip.evaluate import read_jsonl, score, shipped_settings
from mildip.ingest import load_file
from mildip.ingest.header import parse_header
from mildip.ingest.layout import PLACEHOLDER, main, render_pdf, wrap_text, write_variants
from mildip.ingest.pdf import fold_ligatures, join_pages

HEADER = (
    "URL: https://example.org/annals/a-very-long-address-that-takes-up-much-of-the-line-"
    "of-the-page-for-sure\nTITLE: Arnor and Gondor talk again\nPUBLICATION: Westmarch Review\n"
    "DATE: 3019-03\n---\n"
)
BODY = (
    "Arnor and Gondor Talk Again\n\n"
    "Arnor and Gondor held their first security dialogue in four years in Annuminas on "
    "Tuesday. Both sides agreed to deepen exchanges on strategic issues and to meet again "
    "in the spring, the Gondor ministry of defence said in a statement on Friday.\n\n"
    "The two navies will also hold a joint search-and-rescue drill off Dol Amroth, the "
    "first since the war, and exchange observers at their annual fleet reviews, said "
    "Admiral Imrahil, who led the Gondor side at the talks.\n"
)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_layout_wrap_text_keeps_the_header_and_wraps_the_body():
    wrapped = wrap_text(HEADER + BODY, 40)
    header, body = wrapped[: len(HEADER)], wrapped[len(HEADER) :]
    assert header == HEADER
    assert all(len(line) <= 40 for line in body.split("\n"))
    assert body.count("\n\n") == BODY.count("\n\n")
    assert _squash(body) == _squash(BODY)


def test_layout_pdf_is_read_back_with_header_and_paragraphs(tmp_path, ingest_settings):
    path = tmp_path / "annals.pdf"
    path.write_bytes(render_pdf(HEADER + BODY))
    (doc,) = load_file(path, ingest_settings)
    assert doc.media_type == "application/pdf"
    assert (doc.title, doc.publication) == ("Arnor and Gondor talk again", "Westmarch Review")
    assert doc.url.endswith("-of-the-page-for-sure")
    assert (doc.published, doc.published_precision) == (date(3019, 3, 1), "month")
    assert doc.text == BODY.strip()  # lines rejoined, paragraph gaps back as blank lines
    assert doc.meta["lines_joined"] > 0


LONG_BODY = "\n\n".join(
    f"In month {n} of the year 3019 the Arnor and Gondor staffs met at Annuminas to review "
    "the beacon watch, the river patrols, the supply of the northern garrisons and the "
    "exchange of observers at the fleet reviews, and they agreed to meet again soon."
    for n in range(1, 25)
)


def test_layout_pdf_keeps_a_paragraph_that_runs_over_a_page(tmp_path, ingest_settings):
    path = tmp_path / "annals.pdf"
    path.write_bytes(render_pdf(HEADER + LONG_BODY))
    (doc,) = load_file(path, ingest_settings)
    assert doc.meta["pages"] > 1
    assert doc.text == LONG_BODY


@pytest.mark.parametrize(
    ("pages", "joined"),
    [
        # the last line of the first page is full: the paragraph runs on
        (["a line of the page that is long\nanother line of the page that", "goes on here."],
         "a line of the page that is long\nanother line of the page that\ngoes on here."),
        # a short last line ends its paragraph
        (["a line of the page that is long\nthe end.", "A new paragraph."],
         "a line of the page that is long\nthe end.\n\nA new paragraph."),
        # a page of one line (a heading) is its own paragraph; empty pages are skipped
        (["Heading", "", "Text of the next page."], "Heading\n\nText of the next page."),
    ],
)
def test_layout_pdf_pages_join_inside_a_paragraph_only(pages, joined):
    assert join_pages(pages) == joined


def test_layout_pdf_unencodable_characters_do_not_become_question_marks(tmp_path, ingest_settings):
    path = tmp_path / "annals.pdf"
    path.write_bytes(render_pdf(HEADER + "Gondor issued eight “countermeasures” (反制措施) against Mordor.\n"))
    (doc,) = load_file(path, ingest_settings)
    assert doc.text == f"Gondor issued eight “countermeasures” ({PLACEHOLDER * 4}) against Mordor."


def test_layout_pdf_bytes_are_reproducible():
    assert render_pdf(HEADER + BODY) == render_pdf(HEADER + BODY)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("ﬁrst ofﬁcial", "first official"),
        ("ﬂeet", "fleet"),
        ("ﬀ ﬃ ﬄ ﬅ ﬆ", "ff ffi ffl st st"),
        ("café – “talks”", "café – “talks”"),
    ],
)
def test_layout_pdf_ligatures_are_folded(text, folded):
    assert fold_ligatures(text) == folded


def test_layout_command_writes_variants_and_gold(tmp_path, capsys):
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    (src / "annals.txt").write_text(HEADER + BODY, "utf-8")
    (src / "annals.gold.jsonl").write_text(json.dumps({"doc": "annals"}) + "\n", "utf-8")
    (src / "notes.txt").write_text(BODY, "utf-8")  # no gold: written, no gold copied
    assert main([str(src), str(out), "--wrap", "50", "--pdf"]) == 0
    names = {p.relative_to(out).as_posix() for p in out.rglob("*")}
    assert names == {
        "wrap50",
        "wrap50/annals.txt",
        "wrap50/annals.gold.jsonl",
        "wrap50/notes.txt",
        "pdf",
        "pdf/annals.pdf",
        "pdf/annals.gold.jsonl",
        "pdf/notes.pdf",
    }
    assert (out / "wrap50" / "annals.txt").read_text("utf-8") == wrap_text(HEADER + BODY, 50)
    assert "wrap50:" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "message"),
    [([], "give --wrap N, --pdf or both"), (["--wrap", "5"], "too narrow")],
)
def test_layout_command_usage_errors_exit_2(tmp_path, capsys, argv, message):
    with pytest.raises(SystemExit) as caught:
        main([str(tmp_path), str(tmp_path / "out"), *argv])
    assert caught.value.code == 2
    assert message in capsys.readouterr().err


def test_layout_write_variants_of_a_folder_without_texts_is_an_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="holds no NAME.txt"):
        write_variants(tmp_path, tmp_path / "out")


# --- layout invariance on the dev corpus ------------------------------------------------


def _extracted(folder, settings):
    """``{doc_id: (documents, sorted (type, actors, date) of the events)}`` and records."""
    out, records = {}, []
    for path in sorted(p for p in folder.iterdir() if p.suffix in {".txt", ".pdf"}):
        (doc,) = load_file(path, settings)
        events = extract_document(doc, settings)
        records += [e.to_record(doc.doc_id) for e in events]
        out[doc.doc_id] = (doc, sorted((e.type, e.actors, e.date or "") for e in events))
    return out, records


@pytest.fixture(scope="module")
def layout_variants(shared_corpus, tmp_path_factory):
    src = shared_corpus("dev")
    variants = write_variants(src, tmp_path_factory.mktemp("layout"), wrap=72, pdf=True)
    settings = shipped_settings()
    gold = [r for p in sorted(src.glob("*.gold.jsonl")) for r in read_jsonl(p)]
    runs = {
        name: _extracted(folder, settings) for name, folder in {"original": src, **variants}.items()
    }
    return runs, gold


@pytest.mark.slow
@pytest.mark.parametrize("variant", ["wrap72", "pdf"])
def test_layout_does_not_change_the_events_of_the_dev_corpus(layout_variants, variant):
    runs, gold = layout_variants
    original, original_records = runs["original"]
    found, records = runs[variant]
    assert original_records, "the dev corpus gave no event: nothing is compared"
    assert {d: events for d, (_doc, events) in found.items()} == {
        d: events for d, (_doc, events) in original.items()
    }
    base_f1 = score(original_records, gold).overall.f1
    assert score(records, gold).overall.f1 >= base_f1 - 0.03


@pytest.mark.slow
def test_layout_wrapped_dev_corpus_is_stored_as_the_original_body(layout_variants, shared_corpus):
    runs, _gold = layout_variants
    for doc_id, (doc, _events) in runs["wrap72"][0].items():
        body = parse_header((shared_corpus("dev") / f"{doc_id}.txt").read_text("utf-8"))[1]
        assert _squash(doc.text) == _squash(body), doc_id
        assert doc.meta["lines_joined"] > 0, doc_id
