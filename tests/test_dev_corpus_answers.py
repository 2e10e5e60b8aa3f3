"""The issues' acceptance checks, on the dev corpus's GOLD records (not on what the
extractor finds, which is being rewritten), taken through the store and the resolve
stage as the main job takes extracted mentions:

* issue 3: as of 2023-04-14, the seed alone shows the three China-U.S. military channels
  cancelled on 2022-08-05, while rounds with Australia, the EU and France were held;
* issue 4: the seed and the PRC MFA announcement together give each cancelled channel once,
  with evidence from both documents;
* issue 5: China-U.S. restrictive events come in 2022-Q3, and China's cooperative
  engagements with U.S. allies continue after it.

The dev texts live in ``../shared/corpus/dev``; without them these tests skip.
"""

import pytest

from mildip.analysis.board import status_board
from mildip.analysis.trends import compare
from mildip.ingest import load_file
from mildip.pipeline import rebuild_events
from mildip.settings import load_settings
from mildip.store import open_store

SEED = "seed"
MFA = "12-prc-mfa-countermeasures-pelosi-visit"
CHANNELS = {
    "China-U.S. Theater Commanders Talk",
    "China-U.S. Defense Policy Coordination Talks",
    "China-U.S. Military Maritime Consultative Agreement meetings",
}


@pytest.fixture(scope="module")
def gold_stores(tmp_path_factory, dev_corpus, gold_events):
    """Stores holding the gold mentions of the whole dev corpus ("all") and of the seed alone
    ("seed"), resolved by :func:`mildip.pipeline.rebuild_events`."""
    root = tmp_path_factory.mktemp("answers")
    every = sorted(p.name.removesuffix(".gold.jsonl") for p in dev_corpus.glob("*.gold.jsonl"))
    stores = {}
    for name, docs in (("all", every), ("seed", [SEED])):
        settings = load_settings(db_url=f"sqlite:///{root / name}.db", use_parser=True)
        store = open_store(settings.db_url)
        for doc in docs:
            (document,) = load_file(dev_corpus / f"{doc}.txt", settings)
            store.add_document(document)
            store.save_mentions(doc, gold_events(dev_corpus, [doc]), "gold")
        rebuild_events(store, settings)
        stores[name] = (store, settings)
    yield stores
    for store, _ in stores.values():
        store.close()


def test_answers_seed_board_shows_the_three_cancelled_channels(gold_stores):
    store, _ = gold_stores["seed"]
    board = {row.mechanism.name: row for row in status_board(store.events(), "2023-04-14")}
    assert {(n, board[n].state, board[n].since) for n in CHANNELS} == {
        (n, "cancelled", "2022-08-05") for n in CHANNELS
    }
    held = {name: row.last_round for name, row in board.items() if row.state == "held"}
    assert held["China-Australia Defence Coordination Dialogue"] == 8
    assert held["EU-China Consultations on Security and Defence"] == 13
    assert held["China-France Defense Strategy Consultation"] == 16


def test_answers_each_cancellation_once_with_evidence_from_both_documents(gold_stores):
    store, _ = gold_stores["all"]
    cancels = [e for e in store.events(type="CANCEL") if e.mechanism in CHANNELS]
    assert sorted(e.mechanism for e in cancels) == sorted(CHANNELS)
    assert {(e.mechanism, tuple(e.docs), e.date) for e in cancels} == {
        (name, (MFA, SEED), "2022-08-05") for name in CHANNELS
    }


def test_answers_freeze_out_of_the_us_while_allies_engage(gold_stores):
    store, settings = gold_stores["all"]
    result = compare(store.events(), store.documents(), party="CHN", vs=["USA"],
                     vs_groups=["us-allies"], by="quarter", settings=settings)
    series = {s.counterpart: s for s in result.series}
    us, allies = series["USA"], series["us-allies"]
    assert us.at("2022-Q3").restrictive >= 3
    later = [p for p in result.periods if "2022-Q4" <= p <= "2023-Q2"]
    assert later
    assert sum(allies.at(p).cooperative for p in later) >= 3
    assert sum(us.at(p).restrictive for p in later) >= 1
