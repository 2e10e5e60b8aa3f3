"""Coreference rules (mildip.resolve.coref) on invented parties: GDR Gondor, RHN Rohan,
ARN Arnor, MOR Mordor; plus the dev corpus' gold events as a real-text check."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from mildip.kb.publishers import find_publisher
from mildip.model import Event, Evidence, Participant
from mildip.resolve.coref import content_words, merge_events, same_event, similarity

CALL_GDR = "King Elessar of Gondor held a phone call with King Eomer of Rohan on 9 March."
CALL_RHN = "Rohan's Eomer spoke by telephone with Gondor's sovereign about the eastern marches."


def test_coref_merges_same_call_from_two_documents_with_different_titles(mention, coref_settings):
    # a Gondor readout and a Rohan report published days later, same day, same official
    # under two titles; the wording shares little, the participant links them
    gondor = mention(
        CALL_GDR,
        doc="gondor-herald",
        side="GDR",
        participants=[Participant("Aragorn", "King of Gondor", "GDR")],
    )
    rohan = mention(
        CALL_RHN,
        doc="rohan-chronicle",
        start=40,
        side="RHN",
        participants=[Participant("Aragorn", "Captain of the Dunedain", "GDR")],
    )
    assert similarity(CALL_GDR, CALL_RHN) < coref_settings.coref_min_similarity_coarse
    [event] = merge_events([gondor, rohan], coref_settings)
    assert [e.doc_id for e in event.evidence] == ["gondor-herald", "rohan-chronicle"]
    assert event.n_sources == 2 and event.sides == ("GDR", "RHN")
    assert len(event.participants) == 1


def test_coref_merges_real_official_written_two_ways(mention, coref_settings):
    # "CQ Brown, Jr." and "Gen. Charles Q. Brown Jr." are one person in officials.tsv
    a = mention(
        "Brown held talks with his counterpart.",
        doc="dod",
        actors=("CHN", "USA"),
        date="2023-12-21",
        participants=[Participant("CQ Brown, Jr.", "Chairman", "USA")],
    )
    b = mention(
        "The chiefs spoke by video link.",
        doc="mnd",
        actors=("CHN", "USA"),
        date="2023-12-21",
        participants=[Participant("Gen. Charles Q. Brown Jr.", None, "USA")],
    )
    assert len(merge_events([a, b], coref_settings)) == 1


@pytest.mark.parametrize(
    "first, second, why",
    [
        ({"actors": ("GDR", "RHN")}, {"actors": ("ARN", "GDR")}, "different pairs, same day"),
        ({"type": "CALL"}, {"type": "MEET"}, "different types"),
        ({"modality": "asserted"}, {"modality": "future"}, "asserted vs scheduled"),
        ({"date": "3019-03-09"}, {"date": "3019-04-09"}, "dates disagree"),
        (
            {"type": "DIALOGUE", "mechanism": "Beacon Talks", "round": 3, "date": "3019-02"},
            {"type": "DIALOGUE", "mechanism": "Beacon Talks", "round": 4, "date": "3019-11"},
            "two rounds of one mechanism in one year",
        ),
        (
            {"type": "DIALOGUE", "mechanism": "Beacon Talks", "date": "3019-03-09"},
            {"type": "DIALOGUE", "mechanism": "Riddermark Consultations", "date": "3019-03-09"},
            "two mechanisms on one day",
        ),
    ],
)
def test_coref_keeps_apart(mention, coref_settings, first, second, why):
    # same document, same wording: only the field under test differs
    a = mention("Gondor and Rohan held talks.", **first)
    b = mention("Gondor and Rohan held talks.", start=100, **second)
    assert len(merge_events([a, b], coref_settings)) == 2, why


def test_coref_within_one_document_merges_despite_low_similarity(mention, coref_settings):
    # one text rarely reports two distinct same-type events between one pair in a month
    a = mention(CALL_GDR, date="3019-03")
    b = mention("During the conversation the two kings agreed on beacons.", start=200)
    [event] = merge_events([a, b], coref_settings)
    assert event.date == "3019-03-09"
    assert [e.start for e in event.evidence] == [0, 200]


def test_coref_within_one_document_meeting_without_mechanism_merges(mention, coref_settings):
    a = mention("Gondor and Rohan held the Beacon Talks.", type="DIALOGUE", mechanism="Beacon Talks")
    b = mention("The two kings also spoke of grain.", start=80, type="DIALOGUE")
    assert len(merge_events([a, b], coref_settings)) == 1


def test_coref_state_changes_of_one_mechanism_merge_across_documents(mention, coref_settings):
    a = mention("Gondor cancelled the Beacon Talks.", type="CANCEL", mechanism="Beacon Talks", date="3019-03")
    b = mention("Canceling the Gondor-Rohan Beacon Talk.", doc="other", type="CANCEL",
                mechanism="Beacon Talks", date="3019-03-05")
    [event] = merge_events([a, b], coref_settings)
    assert event.date == "3019-03-05" and event.docs == sorted({a.docs[0], "other"})


def test_coref_within_one_document_needs_the_same_mechanism(mention, coref_settings):
    a = mention("Gondor suspended the Beacon Talks.", type="SUSPEND", mechanism="Beacon Talks")
    b = mention("Gondor also suspended grain cooperation.", start=50, type="SUSPEND")
    assert len(merge_events([a, b], coref_settings)) == 2


@pytest.mark.parametrize(
    "second_quote, expected",
    [
        ("Sources in Edoras said King Eomer spoke with the King of Gondor.", 2),
        ("King Elessar of Gondor held a phone call with King Eomer of Rohan in March.", 1),
    ],
)
def test_coref_across_documents_coarse_dates_need_similar_evidence(
    mention, coref_settings, second_quote, expected
):
    a = mention(CALL_GDR, doc="gondor-herald", date="3019-03")
    b = mention(second_quote, doc="rohan-chronicle", date="3019-03")
    assert len(merge_events([a, b], coref_settings)) == expected


def test_coref_threshold_comes_from_settings(mention, coref_settings):
    a = mention(CALL_GDR, doc="gondor-herald", date="3019-03")
    b = mention(
        "King Elessar of Gondor held talks with Rohan.", doc="rohan-chronicle", date="3019-03"
    )
    value = similarity(a.evidence[0].quote, b.evidence[0].quote)
    assert len(merge_events([a, b], coref_settings.with_(coref_min_similarity_coarse=value))) == 1
    assert (
        len(merge_events([a, b], coref_settings.with_(coref_min_similarity_coarse=value + 0.01)))
        == 2
    )


@pytest.mark.parametrize(
    "link, expected",
    [
        ({}, 2),
        ({"location": "GDR"}, 1),
        ({"participants": [Participant("Faramir", "Steward", "GDR")]}, 1),
        ({"mechanism": "Beacon Talks"}, 1),
    ],
)
def test_coref_day_precision_links(mention, coref_settings, link, expected):
    # different documents, dissimilar wording: only the linking field can join them
    a = mention(
        "The Steward received the Rohirrim envoy.", doc="gondor-herald", type="MEET", **link
    )
    b = mention(
        "Edoras reports a visit to the White City.", doc="rohan-chronicle", type="MEET", **link
    )
    assert len(merge_events([a, b], coref_settings)) == expected


def test_coref_missing_date_needs_strong_agreement(mention, coref_settings):
    dated = mention(
        "The 17th Beacon Talks were held in Edoras.",
        type="DIALOGUE",
        mechanism="Beacon Talks",
        round=17,
        date="3019-01",
    )
    undated_same_round = mention(
        "the 17th round of the Beacon Talks",
        doc="rohan-chronicle",
        type="DIALOGUE",
        mechanism="Beacon Talks",
        round=17,
        date=None,
    )
    undated_no_round = mention(
        "the Beacon Talks", doc="arnor-annals", type="DIALOGUE", mechanism="Beacon Talks", date=None
    )
    events = merge_events([dated, undated_same_round, undated_no_round], coref_settings)
    assert sorted(len(e.evidence) for e in events) == [1, 2]
    assert next(e for e in events if len(e.evidence) == 2).date == "3019-01"


def test_coref_same_round_conflicting_dates_kept_apart_and_flagged(mention, coref_settings):
    a = mention(
        "the 17th Beacon Talks in January",
        type="DIALOGUE",
        mechanism="Beacon Talks",
        round=17,
        date="3019-01",
    )
    b = mention(
        "the 17th Beacon Talks in March",
        doc="rohan-chronicle",
        type="DIALOGUE",
        mechanism="Beacon Talks",
        round=17,
        date="3019-03",
    )
    events = merge_events([a, b], coref_settings)
    assert len(events) == 2
    for e in events:
        assert "conflicting_date: round 17 reported as 3019-01 and 3019-03" in e.flags


def test_coref_does_not_chain_through_a_coarse_date(mention, coref_settings):
    # 3019-03 agrees with both days, but the two days do not agree with each other
    early = mention("Gondor and Rohan held talks early in the month.", date="3019-03-02")
    month = mention("Gondor and Rohan held talks in March.", start=100, date="3019-03")
    late = mention("Gondor and Rohan held talks late in the month.", start=200, date="3019-03-20")
    events = merge_events([late, month, early], coref_settings)
    assert sorted(len(e.evidence) for e in events) == [1, 2]
    assert {e.date for e in events} == {"3019-03-02", "3019-03-20"}


def test_coref_merged_fields_and_conflict_flags(mention, coref_settings):
    a = mention(
        CALL_GDR, type="MEET", initiator="GDR", participants=[Participant("Aragorn", None, "GDR")]
    )
    b = mention(
        CALL_GDR,
        doc="rohan-chronicle",
        type="MEET",
        initiator="RHN",
        resumed=True,
        location="RHN",
        participants=[Participant("aragorn", "King", "GDR", person_id=None)],
    )
    [event] = merge_events([a, b], coref_settings)
    assert event.initiator == "GDR" and event.location == "RHN" and event.resumed
    assert "conflicting_initiator: GDR vs RHN" in event.flags
    assert event.participants == [Participant("Aragorn", "King", "GDR")]


def test_coref_event_id_is_that_of_the_earliest_passage(mention, coref_settings):
    later = mention(CALL_GDR, doc="rohan-chronicle", date="3019-03")
    earlier = mention(CALL_GDR, doc="gondor-herald", start=5)
    [event] = merge_events([later, earlier], coref_settings)
    assert event.event_id == earlier.compute_id()
    assert event.date == "3019-03-09"


@pytest.mark.parametrize(
    "citing, publishers, expected",
    [
        ((("Minas Tirith Gazette",), ("Minas Tirith Gazette",)), None, 1),
        (((), ()), None, 2),
        (((), ()), {"gondor-herald": "Xinhua", "rohan-chronicle": "Xinhua News Agency"}, 1),
        (((), ()), {"gondor-herald": "Xinhua", "rohan-chronicle": "Reuters"}, 2),
    ],
)
def test_coref_counts_independent_sources(mention, coref_settings, citing, publishers, expected):
    # two documents relaying one cited report, or two articles of one outlet, are one source
    a = mention(CALL_GDR, doc="gondor-herald", cited=citing[0])
    b = mention(CALL_GDR, doc="rohan-chronicle", cited=citing[1])
    outlets = {doc: find_publisher(name) for doc, name in (publishers or {}).items()}
    [event] = merge_events([a, b], coref_settings, publishers=outlets)
    assert event.n_sources == expected


def test_coref_sides_fall_back_to_the_document_outlet(mention, coref_settings):
    a = mention(CALL_GDR, doc="gondor-herald")
    b = mention(CALL_GDR, doc="rohan-chronicle", side="RHN")
    outlets = {"gondor-herald": find_publisher("Xinhua News Agency", None)}
    [event] = merge_events([a, b], coref_settings, publishers=outlets)
    assert event.sides == ("CHN", "RHN")


def test_coref_output_ids_are_unique(mention, coref_settings):
    # the same passage extracted twice with different modalities gives two events
    a = mention(CALL_GDR)
    b = mention(CALL_GDR, modality="future")
    events = merge_events([a, b], coref_settings)
    assert len({e.event_id for e in events}) == 2


@pytest.mark.parametrize(
    "text, words",
    [
        ("The U.S. and China held the 8th talks on Monday.", {"china", "held", "8th", "talks"}),
        ("Défense: Sébastien met Wei", {"defense", "sebastien", "met", "wei"}),
    ],
)
def test_coref_content_words(text, words):
    assert content_words(text) == frozenset(words)


def test_coref_same_event_is_symmetric(mention, coref_settings):
    a = mention(CALL_GDR, date="3019-03")
    b = mention(CALL_RHN, doc="rohan-chronicle")
    assert same_event(a, b, coref_settings) == same_event(b, a, coref_settings)


# --- order independence -------------------------------------------------------------------

_QUOTES = (
    CALL_GDR,
    CALL_RHN,
    "Gondor and Rohan held the 3rd Beacon Talks.",
    "The Beacon Talks resumed after four years.",
    "King Elessar of Gondor held a phone call with King Eomer of Rohan in March.",
)


@st.composite
def _mentions(draw):
    n = draw(st.integers(min_value=1, max_value=8))
    out = []
    for i in range(n):
        quote = draw(st.sampled_from(_QUOTES))
        out.append(
            Event(
                type=draw(st.sampled_from(["CALL", "DIALOGUE"])),
                actors=draw(st.sampled_from([("GDR", "RHN"), ("ARN", "GDR")])),
                date=draw(st.sampled_from([None, "3019", "3020", "3019-03", "3019-04", "3019-03-09", "3019-03-20"])),
                mechanism=draw(st.sampled_from([None, "Beacon Talks"])),
                round=draw(st.sampled_from([None, 3, 4])),
                initiator=draw(st.sampled_from([None, "GDR", "RHN"])),
                participants=draw(st.sampled_from([[], [Participant("Aragorn", None, "GDR")]])),
                evidence=[
                    Evidence(
                        draw(st.sampled_from(["gondor-herald", "rohan-chronicle"])),
                        i * 100,
                        i * 100 + len(quote),
                        quote,
                        "test",
                    )
                ],
            )
        )
    return out


@hsettings(max_examples=150, deadline=None)
@given(_mentions(), st.randoms(use_true_random=False))
def test_coref_result_does_not_depend_on_input_order(events, rnd):
    from mildip.settings import Settings

    shuffled = list(events)
    rnd.shuffle(shuffled)
    first = [e.to_dict() for e in merge_events(events, Settings())]
    second = [e.to_dict() for e in merge_events(shuffled, Settings())]
    assert first == second


@hsettings(max_examples=100, deadline=None)
@given(_mentions())
def test_coref_keeps_every_passage_exactly_once(events):
    from mildip.settings import Settings

    merged = merge_events(events, Settings())
    passages = sorted((ev.doc_id, ev.start) for e in merged for ev in e.evidence)
    assert passages == sorted((ev.doc_id, ev.start) for e in events for ev in e.evidence)


# --- dev corpus ---------------------------------------------------------------------------


def _gold_docs(corpus: Path) -> list[str]:
    return sorted(p.name[: -len(".gold.jsonl")] for p in corpus.glob("*.gold.jsonl"))


def test_coref_dev_gold_events_stay_distinct_within_each_document(dev_corpus, gold_events, coref_settings):
    docs = _gold_docs(dev_corpus)
    assert len(docs) == 7
    for doc in docs:
        gold = gold_events(dev_corpus, [doc])
        assert len(merge_events(gold, coref_settings)) == len(gold), doc


def test_coref_dev_august_2022_countermeasures_merge_across_documents(dev_corpus, gold_events, coref_settings):
    # the seed analysis and the PRC MFA announcement report the same cancellations
    mentions = gold_events(dev_corpus)
    random.Random(7).shuffle(mentions)
    merged = merge_events(mentions, coref_settings)
    both = {(e.type, e.mechanism) for e in merged if len(e.docs) == 2}
    assert {
        ("CANCEL", "China-U.S. Theater Commanders Talk"),
        ("CANCEL", "China-U.S. Defense Policy Coordination Talks"),
        ("CANCEL", "China-U.S. Military Maritime Consultative Agreement meetings"),
        ("SUSPEND", "China-U.S. counter-narcotics cooperation"),
        ("SUSPEND", "China-U.S. climate change talks"),
    } <= both
    assert all(
        e.docs == ["12-prc-mfa-countermeasures-pelosi-visit", "seed"]
        for e in merged
        if len(e.docs) > 1
    )


@hsettings(max_examples=150, deadline=None)
@given(_mentions())
def test_coref_blocking_never_hides_a_matching_pair(events):
    from mildip.resolve.coref import _candidate_pairs
    from mildip.settings import Settings

    candidates = set(_candidate_pairs(events))
    for i in range(len(events)):
        for j in range(i + 1, len(events)):
            if same_event(events[i], events[j], Settings()):
                assert (i, j) in candidates


def test_coref_unnamed_list_item_stays_apart_from_a_named_cancellation(coref_settings):
    """ "canceling phone calls between military commanders as well as the MMCA meetings"
    in one text and "Beijing canceled the MMCA meetings" in another: the unnamed item (the
    phone calls) is another channel; the named item merges with the other text."""
    flag = "list_item: one of several channels acted on in one sentence"
    seed = "canceling phone calls between military commanders as well as the MMCA meetings"
    phone = Event(
        type="CANCEL", actors=("CHN", "USA"), date="2022-08-05", initiator="CHN",
        evidence=[Evidence("seed", 0, 50, seed[:50], "test", 0, len(seed))], flags=[flag],
    )
    listed = Event(
        type="CANCEL", actors=("CHN", "USA"), date="2022-08-05", initiator="CHN",
        mechanism="China-U.S. Military Maritime Consultative Agreement meetings",
        evidence=[Evidence("seed", 62, len(seed), seed[62:], "test", 0, len(seed))], flags=[flag],
    )
    later = Event(
        type="CANCEL", actors=("CHN", "USA"), date="2022-08", initiator="CHN",
        mechanism="China-U.S. Military Maritime Consultative Agreement meetings",
        evidence=[Evidence(
            "csis", 0, 80,
            "Beijing canceled phone calls between military commanders and the MMCA meetings", "test",
        )],
    )
    merged = merge_events([phone, listed, later], coref_settings)
    by_mechanism = {e.mechanism: {ev.doc_id for ev in e.evidence} for e in merged}
    assert by_mechanism == {
        None: {"seed"},
        "China-U.S. Military Maritime Consultative Agreement meetings": {"seed", "csis"},
    }
