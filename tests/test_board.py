"""The mechanism status board: state as of a date, since when, last round, evidence."""

from __future__ import annotations

import json

import pytest

from mildip.analysis.board import CONFLICTING, status_board
from mildip.model import Event, Evidence

BEACON = "gondor-rohan-beacon-talks"


@pytest.fixture
def beacon_story(mechanism_event):
    """Beacon Talks: round 17 held, suspended, a round promised, then resumed with round 18."""
    return [
        mechanism_event(date="3017-03-10", round=17, quote="The 17th Beacon Talks were held."),
        mechanism_event(
            type="SUSPEND",
            date="3018-05",
            initiator="RHN",
            quote="Rohan suspended the Beacon Talks.",
        ),
        mechanism_event(
            modality="future", date="3019", quote="Beacon Talks will be held next year."
        ),
        mechanism_event(modality="hypothetical", date="3018-09", quote="Talks could resume."),
        mechanism_event(
            date="3019-02", round=18, resumed=True, quote="The first Beacon Talks in a year."
        ),
    ]


@pytest.mark.parametrize(
    ("as_of", "state", "since", "last_round", "last_round_date", "n_scheduled", "n_notes"),
    [
        # only the registry's first round is known: a registry fact, no observed state
        ("3016-12-31", None, None, None, None, 1, 0),
        ("3017-12", "held", "3017-03-10", 17, "3017-03-10", 1, 0),
        ("3018-06-01", "suspended", "3018-05", 17, "3017-03-10", 1, 0),
        ("3018-12-31", "suspended", "3018-05", 17, "3017-03-10", 1, 1),
        ("3019-02-01", "held", "3019-02", 18, "3019-02", 1, 1),
        ("3020-01-01", "held", "3019-02", 18, "3019-02", 0, 1),
    ],
)
def test_board_state_as_of_date(
    middle_earth_registry,
    beacon_story,
    as_of,
    state,
    since,
    last_round,
    last_round_date,
    n_scheduled,
    n_notes,
):
    rows = status_board(beacon_story, as_of, ("GDR", "RHN"), middle_earth_registry)
    (row,) = [r for r in rows if r.mechanism.mechanism_id == BEACON]
    assert (row.state, row.since, row.last_round, row.last_round_date) == (
        state,
        since,
        last_round,
        last_round_date,
    )
    assert (len(row.scheduled), len(row.notes)) == (n_scheduled, n_notes)
    assert all(c.state == state for c in row.evidence)
    assert bool(row.evidence) is (state is not None)
    assert not any(c.is_registry for c in row.evidence)
    # the registry's first round is always shown apart, with its source
    assert [(c.state, c.date, c.round, c.quotes) for c in row.registry] == [
        ("held", "3001", 1, ("Red Book of Westmarch, 3019",))
    ]


def test_board_evidence_is_the_final_run_of_the_state(middle_earth_registry, mechanism_event):
    events = [
        mechanism_event(
            type="CANCEL", date="3018-08-05", quote="Gondor cancels the talks.", doc="gondor-herald"
        ),
        mechanism_event(
            type="CANCEL",
            date="3018-08-06",
            quote="The talks are cancelled, said Rohan.",
            doc="rohan-herald",
        ),
    ]
    (row,) = [
        r
        for r in status_board(events, "3019", registry=middle_earth_registry)
        if r.mechanism.mechanism_id == BEACON
    ]
    assert row.state == "cancelled" and row.since == "3018-08-05"
    assert [c.quotes for c in row.evidence] == [
        ("Gondor cancels the talks.",),
        ("The talks are cancelled, said Rohan.",),
    ]


def test_board_conflicting_accounts_shown_side_by_side(middle_earth_registry, mechanism_event):
    events = [
        mechanism_event(
            type="CANCEL", date="3018-08-05", quote="Gondor says cancelled.", doc="gondor-herald"
        ),
        mechanism_event(
            type="SUSPEND", date="3018-08-05", quote="Rohan says suspended.", doc="rohan-herald"
        ),
    ]
    (row,) = [
        r
        for r in status_board(events, "3019", registry=middle_earth_registry)
        if r.mechanism.mechanism_id == BEACON
    ]
    assert row.state == CONFLICTING
    assert row.accounts == ("cancelled", "suspended")
    assert {q for c in row.evidence for q in c.quotes} == {
        "Gondor says cancelled.",
        "Rohan says suspended.",
    }


@pytest.mark.parametrize(
    ("parties", "include_silent", "expected"),
    [
        (("ARN",), True, ["arnor-gondor-beacon-talks"]),
        (("ARN", "GDR"), True, ["arnor-gondor-beacon-talks"]),
        (("RHN",), False, ["gondor-rohan-beacon-talks", "gondor-rohan-ent-moot"]),
        (("WHC",), True, []),
    ],
)
def test_board_party_filter_and_silent_mechanisms(
    middle_earth_registry, mechanism_event, parties, include_silent, expected
):
    events = [
        mechanism_event(date="3019-01", round=18),
        mechanism_event(mechanism="Ent Moot", date="3019-02"),
    ]
    rows = status_board(
        events, "3019-12-31", parties, middle_earth_registry, include_silent=include_silent
    )
    assert [r.mechanism.mechanism_id for r in rows] == expected


def test_board_discovered_mechanism_has_a_row(middle_earth_registry, mechanism_event):
    events = [
        mechanism_event(mechanism="the 4th annual Ent consultations", date="3019-02", round=4)
    ]
    rows = status_board(events, "3019-12-31", ("GDR",), middle_earth_registry)
    (row,) = [r for r in rows if r.mechanism.discovered]
    assert (row.mechanism.name, row.state, row.last_round) == (
        "Gondor-Rohan Ent consultations",
        "held",
        4,
    )


def test_board_rows_serialise_to_json(middle_earth_registry, beacon_story):
    rows = status_board(beacon_story, "3019-06", ("GDR", "RHN"), middle_earth_registry)
    data = json.loads(json.dumps([r.to_dict() for r in rows]))
    beacon = next(d for d in data if d["mechanism_id"] == BEACON)
    assert beacon["state"] == "held" and beacon["last_round"] == 18
    assert beacon["evidence"][0]["quotes"] == ["The first Beacon Talks in a year."]


def _seed_event(event_type, actors, when, mechanism, quote, **fields):
    start = SEED_QUOTES.index(quote)
    return Event(
        type=event_type,
        actors=actors,
        date=when,
        mechanism=mechanism,
        evidence=[Evidence("seed", start, start + len(quote), quote, "test")],
        **fields,
    )


SEED_QUOTES = (
    "canceling phone calls between military commanders|U.S.-China Defense Policy Coordination Talk|"
    "Military Maritime Consultative Agreement Mechanism meetings|counter-narcotics cooperation|"
    "climate change talks|their 13th annual consultations on security and defense|"
    "the eighth defense coordination dialogue|its 16th iteration in January 2022|"
    "their first security dialogue in four years"
)


@pytest.fixture
def seed_events():
    """What the extractor reads from the seed article (hand-built, as the gold file states it)."""
    us = ("CHN", "USA")
    return [
        _seed_event(
            "CANCEL",
            us,
            "2022-08-05",
            "phone calls between military commanders",
            "canceling phone calls between military commanders",
            initiator="CHN",
        ),
        _seed_event(
            "CANCEL",
            us,
            "2022-08-05",
            "Defense Policy Coordination Talk",
            "U.S.-China Defense Policy Coordination Talk",
            initiator="CHN",
        ),
        _seed_event(
            "CANCEL",
            us,
            "2022-08-05",
            "Military Maritime Consultative Agreement Mechanism meetings",
            "Military Maritime Consultative Agreement Mechanism meetings",
            initiator="CHN",
        ),
        _seed_event(
            "SUSPEND",
            us,
            "2022-08-05",
            "counter-narcotics cooperation",
            "counter-narcotics cooperation",
            initiator="CHN",
        ),
        _seed_event(
            "SUSPEND",
            us,
            "2022-08-05",
            "climate change talks",
            "climate change talks",
            initiator="CHN",
        ),
        _seed_event(
            "DIALOGUE",
            ("CHN", "EU"),
            "2023-02",
            "13th annual consultations on security and defense",
            "their 13th annual consultations on security and defense",
            round=13,
        ),
        _seed_event(
            "DIALOGUE",
            ("AUS", "CHN"),
            "2023-03",
            "the eighth defense coordination dialogue",
            "the eighth defense coordination dialogue",
            round=8,
        ),
        _seed_event(
            "DIALOGUE",
            ("CHN", "FRA"),
            "2022-01",
            "China-France Defense Strategy Consultation",
            "its 16th iteration in January 2022",
            round=16,
        ),
        _seed_event(
            "DIALOGUE",
            ("CHN", "JPN"),
            "2023-02",
            "security dialogue",
            "their first security dialogue in four years",
            resumed=True,
        ),
    ]


@pytest.mark.parametrize(
    ("mechanism_id", "state", "since", "last_round"),
    [
        ("china-us-theater-commanders-talk", "cancelled", "2022-08-05", None),
        ("china-us-defense-policy-coordination-talks", "cancelled", "2022-08-05", None),
        ("china-us-mmca-meetings", "cancelled", "2022-08-05", None),
        ("china-us-counter-narcotics-cooperation", "suspended", "2022-08-05", None),
        ("china-us-climate-change-talks", "suspended", "2022-08-05", None),
        ("eu-china-consultations-on-security-and-defence", "held", "2023-02", 13),
        ("china-australia-defence-coordination-dialogue", "held", "2023-03", 8),
        ("china-france-defense-strategy-consultation", "held", "2022-01", 16),
        ("china-japan-security-dialogue", "held", "2023-02", None),
        ("china-australia-defence-strategic-dialogue", None, None, None),
    ],
)
def test_board_seed_as_of_publication(seed_events, mechanism_id, state, since, last_round):
    rows = {r.mechanism.mechanism_id: r for r in status_board(seed_events, "2023-04-14")}
    row = rows[mechanism_id]
    assert (row.state, row.since, row.last_round) == (state, since, last_round)
    assert not any(r.mechanism.discovered for r in rows.values())


def test_board_seed_china_us_filter_shows_the_three_cancelled_military_channels(seed_events):
    rows = status_board(seed_events, "2023-04-14", ("CHN", "USA"), include_silent=False)
    cancelled = sorted(r.mechanism.name for r in rows if r.state == "cancelled")
    assert cancelled == [
        "China-U.S. Defense Policy Coordination Talks",
        "China-U.S. Military Maritime Consultative Agreement meetings",
        "China-U.S. Theater Commanders Talk",
    ]
    assert all(set(r.mechanism.parties) == {"CHN", "USA"} for r in rows)
