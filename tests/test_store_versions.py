"""Document identity and versions on every backend: supersede, history, retire, restore,
duplicates, and analysts' overrides carried over to a new version. Texts are about
invented parties (Arnor, Gondor, Rohan)."""

from __future__ import annotations

import pytest

from mildip._exceptions import DocumentNotFoundError, StoreError
from mildip.model import REVIEW_STATES, Document, Override
from mildip.resolve.overrides import evidence_anchor
from mildip.store.overrides import add_override, list_overrides
from mildip.store.versions import (
    add_version,
    file_identity,
    history,
    list_versions,
    restore,
    retire,
    save_version_mentions,
    version_info,
)

URL = "https://gondor.example/news/talks"


def _doc(text: str, doc_id: str = "talks") -> Document:
    return Document(doc_id=doc_id, text=text)


def test_versions_new_text_supersedes_the_old_version(store, store_event):
    first = add_version(store, _doc("Gondor and Rohan held talks."), URL)
    store.save_mentions(first.doc_id, [store_event(first.doc_id)], "v1")
    second = add_version(store, _doc("Gondor and Rohan held long talks."), URL)
    assert (first.outcome, first.doc_id, first.version) == ("added", "talks", 1)
    assert (second.outcome, second.doc_id, second.version, second.supersedes) == (
        "new_version",
        "talks@2",
        2,
        "talks",
    )
    assert [d.doc_id for d in store.documents()] == ["talks@2"]
    assert store.mentions() == []  # the old version's mentions left the answers ...
    assert len(store.mentions(["talks"])) == 1  # ... and stay in the history
    assert [(v.doc_id, v.status, v.superseded_by) for v in history(store, URL)] == [
        ("talks", "superseded", "talks@2"),
        ("talks@2", "current", None),
    ]


@pytest.mark.parametrize(
    ("second_identity", "second_text", "outcome", "doc_id"),
    [
        (URL, "Gondor and Rohan held talks.", "unchanged", "talks"),
        ("https://rohan.example/copy", "Gondor and Rohan held talks.", "duplicate", "talks"),
    ],
)
def test_versions_same_text_is_unchanged_or_a_duplicate(
    store, second_identity, second_text, outcome, doc_id
):
    add_version(store, _doc("Gondor and Rohan held talks."), URL)
    again = add_version(store, _doc(second_text, "copy"), second_identity)
    assert (again.outcome, again.doc_id) == (outcome, doc_id)
    assert store.count_documents() == 1


def test_versions_text_of_a_superseded_version_is_no_duplicate(store):
    add_version(store, _doc("First account."), URL)
    add_version(store, _doc("Second account."), URL)
    other = add_version(store, _doc("First account.", "mirror"), "https://mirror.example/a")
    assert (other.outcome, other.doc_id) == ("added", "mirror")


def test_versions_coming_back_to_an_old_text_is_a_new_version(store):
    for text in ("First account.", "Second account.", "First account."):
        stored = add_version(store, _doc(text), URL)
    assert (stored.outcome, stored.doc_id, stored.version) == ("new_version", "talks@3", 3)
    assert [v.status for v in history(store, URL)] == ["superseded", "superseded", "current"]


def test_versions_same_name_other_identity_gets_a_hashed_id(store):
    one = add_version(store, _doc("Gondor's account."), file_identity("/a/report.txt"))
    two = add_version(store, _doc("Rohan's account."), file_identity("/b/report.txt"))
    assert one.doc_id == "talks" and two.doc_id.startswith("talks~")


def test_versions_retire_and_restore(store, store_event):
    stored = add_version(store, _doc("Gondor and Rohan held talks."), URL)
    store.save_mentions(stored.doc_id, [store_event(stored.doc_id)], "v1")
    assert retire(store, ["talks"], "a rumour, not a report") == ["talks"]
    assert retire(store, ["talks"], "again") == []
    assert store.documents() == [] and store.mentions() == []
    info = version_info(store, "talks")
    assert (info.status, info.status_reason, info.n_mentions) == (
        "retired",
        "a rumour, not a report",
        1,
    )
    assert restore(store, ["talks"]) == ["talks"]
    assert [d.doc_id for d in store.documents()] == ["talks"]


def test_versions_retire_refuses_what_it_cannot_retire(store):
    add_version(store, _doc("First account."), URL)
    add_version(store, _doc("Second account."), URL)
    with pytest.raises(StoreError, match="superseded version"):
        retire(store, ["talks"], "old")
    with pytest.raises(DocumentNotFoundError, match="no document 'nowhere'"):
        retire(store, ["nowhere"], "x")
    with pytest.raises(StoreError, match="give a --reason"):
        retire(store, ["talks@2"], " ")


def test_versions_list_filters_by_status(store):
    add_version(store, _doc("First account."), URL)
    add_version(store, _doc("Second account."), URL)
    assert [v.doc_id for v in list_versions(store)] == ["talks@2"]
    assert [v.doc_id for v in list_versions(store, status="superseded")] == ["talks"]
    assert len(list_versions(store, status=None)) == 2
    with pytest.raises(ValueError, match="unknown status"):
        list_versions(store, status="gone")


def test_versions_history_by_doc_id_url_or_path(store, tmp_path):
    path = tmp_path / "note.txt"
    add_version(store, _doc("First account.", "note"), file_identity(path))
    add_version(store, _doc("Second account.", "note"), file_identity(path))
    for key in ("note", "note@2", str(path), path.as_uri()):
        assert [v.version for v in history(store, key)] == [1, 2]
    with pytest.raises(DocumentNotFoundError, match="mildip documents list"):
        history(store, "https://nowhere.example/")


def test_versions_overrides_carried_where_the_passage_remains(store, mention):
    kept = "Gondor called Rohan on 3019-03-09."
    dropped = "Rohan called Gondor back."
    old = add_version(store, _doc(f"{kept} {dropped}"), URL)
    a = mention(kept, doc=old.doc_id, start=0)
    b = mention(dropped, doc=old.doc_id, start=len(kept) + 1)
    store.save_mentions(old.doc_id, [a, b], "v1")
    add_override(
        store,
        Override(
            "merge", (evidence_anchor(a.evidence[0]), evidence_anchor(b.evidence[0])), "one call"
        ),
    )
    new = add_version(store, _doc(f"Update. {kept}"), URL)
    moved = mention(kept, doc=new.doc_id, start=8)
    (carried,) = save_version_mentions(store, new.doc_id, [moved], "v1")
    assert carried.carried == (evidence_anchor(a.evidence[0]),)
    assert carried.lost == (evidence_anchor(b.evidence[0]),)
    (override,) = list_overrides(store)
    assert evidence_anchor(moved.evidence[0]) in override.event_keys
    assert evidence_anchor(a.evidence[0]) not in override.event_keys


def test_versions_fetch_record_is_kept_with_the_version(store):
    from datetime import UTC, datetime

    from mildip.ingest.fetch import FetchRecord
    from mildip.store.fetches import get_fetch

    body = b"<html><body><p>Gondor and Rohan held talks.</p>\x00\xff</body></html>"
    record = FetchRecord(
        url=URL,
        final_url=URL + "/",
        status=200,
        headers=(
            ("Content-Type", "text/html; charset=utf-8"),
            ("Set-Cookie", "a=1"),
            ("Set-Cookie", "b=2"),
        ),
        retrieved_at=datetime(3019, 3, 25, 9, 30, tzinfo=UTC),
        body=body,
        media_type="text/html",
        charset="utf-8",
        kind="html",
        redirects=(URL + "/",),
    )
    stored = add_version(store, _doc("Gondor and Rohan held talks."), URL, record)
    assert get_fetch(store, stored.doc_id) == record
    assert get_fetch(store, "nowhere") is None


def test_versions_decision_made_while_a_document_is_retired_leaves_it_out(
    review_store, monkeypatch
):
    # The workbench computes a decision's layer before writing the decision; when a
    # document leaves the answers in between, the saved layer must be recomputed.
    import mildip.pipeline as pipeline
    from mildip.review.actions import reject

    store, settings = review_store
    target = next(e for e in store.events() if "gondor-herald" in e.docs)
    written = pipeline.add_override

    def add_then_retire(*args, **kwargs):
        entry = written(*args, **kwargs)
        retire(store, ["rohan-chronicle"], "a copy of the herald")
        return entry

    monkeypatch.setattr(pipeline, "add_override", add_then_retire)
    reject(store, settings, target.event_id, version=target.version, author="ana")
    assert {d for e in store.events(review=REVIEW_STATES) for d in e.docs} == {"gondor-herald"}
    rejected = store.events(review="rejected")
    assert [e.event_id for e in rejected] == [target.event_id]
