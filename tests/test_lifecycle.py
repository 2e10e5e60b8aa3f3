"""Mechanism lifecycle: event types → state changes, modality, conflicts, registry baseline."""

from __future__ import annotations

from datetime import date

import pytest

from mildip.analysis.lifecycle import as_of_date, known_by, mechanism_history

BEACON = "gondor-rohan-beacon-talks"


@pytest.mark.parametrize(
    ("event_type", "state"),
    [
        ("PROPOSE", "proposed"),
        ("AGREE", "agreed"),
        ("ESTABLISH", "established"),
        ("DIALOGUE", "held"),
        ("EXERCISE", "held"),
        ("CALL", "held"),
        ("MEET", "held"),
        ("SUSPEND", "suspended"),
        ("CANCEL", "cancelled"),
        ("RESUME", "resumed"),
    ],
)
def test_lifecycle_event_type_gives_state(
    middle_earth_registry, mechanism_event, event_type, state
):
    event = mechanism_event(type=event_type, date="3019-03-01")
    changes = mechanism_history([event], middle_earth_registry, baseline=False)[BEACON]
    assert [(c.state, c.date, c.event_id, c.effective) for c in changes] == [
        (state, "3019-03-01", event.event_id, True)
    ]
    assert changes[0].quotes == (event.evidence[0].quote,)


@pytest.mark.parametrize("event_type", ["REJECT", "INCIDENT", "PORT_CALL"])
def test_lifecycle_non_state_types_record_nothing(
    middle_earth_registry, mechanism_event, event_type
):
    history = mechanism_history(
        [mechanism_event(type=event_type)], middle_earth_registry, baseline=False
    )
    assert history == {BEACON: []}


def test_lifecycle_resumed_round_is_resumed_then_held(middle_earth_registry, mechanism_event):
    # "the first Beacon Talks in four years", round 3
    event = mechanism_event(date="3019-02", round=3, resumed=True)
    changes = mechanism_history([event], middle_earth_registry, baseline=False)[BEACON]
    assert [(c.state, c.round) for c in changes] == [("resumed", None), ("held", 3)]


@pytest.mark.parametrize(
    ("event_type", "quote", "state"),
    [
        ("SUSPEND", "Rohan postponed the Beacon Talks until spring.", "postponed"),
        ("CANCEL", "The Beacon Talks were put off indefinitely.", "postponed"),
        ("CANCEL", "Gondor cancelled the Beacon Talks.", "cancelled"),
        ("SUSPEND", "Rohan suspended the Beacon Talks.", "suspended"),
    ],
)
def test_lifecycle_postponement_is_read_from_the_evidence(
    middle_earth_registry, mechanism_event, event_type, quote, state
):
    event = mechanism_event(type=event_type, quote=quote)
    assert [
        c.state for c in mechanism_history([event], middle_earth_registry, baseline=False)[BEACON]
    ] == [state]


@pytest.mark.parametrize(
    ("modality", "state", "intended", "effective", "is_note"),
    [
        ("future", "scheduled", "held", False, False),
        ("negated", "held", None, False, True),
        ("hypothetical", "held", None, False, True),
        ("asserted", "held", None, True, False),
    ],
)
def test_lifecycle_only_asserted_events_change_state(
    middle_earth_registry, mechanism_event, modality, state, intended, effective, is_note
):
    event = mechanism_event(modality=modality, round=4)
    (change,) = mechanism_history([event], middle_earth_registry, baseline=False)[BEACON]
    assert (change.state, change.intended, change.effective, change.is_note, change.modality) == (
        state,
        intended,
        effective,
        is_note,
        modality,
    )


def test_lifecycle_changes_are_ordered_by_date(middle_earth_registry, mechanism_event):
    events = [
        mechanism_event(type="RESUME", date="3019-02-01"),
        mechanism_event(type="SUSPEND", date="3018-05"),
        mechanism_event(date="3017-03", round=1),
    ]
    changes = mechanism_history(events, middle_earth_registry, baseline=False)[BEACON]
    assert [c.state for c in changes] == ["held", "suspended", "resumed"]


@pytest.mark.parametrize(
    ("first", "second", "conflict"),
    [
        # two outlets: one says cancelled, the other suspended, on the same day
        (("CANCEL", "3018-08-05"), ("SUSPEND", "3018-08-05"), True),
        # a halt and a round reported for the same month
        (("SUSPEND", "3018-08"), ("DIALOGUE", "3018-08-20"), True),
        # the same state twice is corroboration, not conflict
        (("CANCEL", "3018-08-05"), ("CANCEL", "3018-08-05"), False),
        # different dates: a sequence, not a conflict
        (("CANCEL", "3018-08-05"), ("SUSPEND", "3018-09-01"), False),
        # a proposal contradicts nothing
        (("CANCEL", "3018-08-05"), ("PROPOSE", "3018-08-05"), False),
    ],
)
def test_lifecycle_conflicting_accounts_kept_side_by_side(
    middle_earth_registry, mechanism_event, first, second, conflict
):
    a = mechanism_event(
        type=first[0], date=first[1], quote="Gondor's account.", doc="gondor-herald"
    )
    b = mechanism_event(
        type=second[0], date=second[1], quote="Rohan's account.", doc="rohan-herald"
    )
    changes = mechanism_history([a, b], middle_earth_registry, baseline=False)[BEACON]
    assert len(changes) == 2
    by_event = {c.event_id: c for c in changes}
    assert by_event[a.event_id].conflicts_with == ((b.event_id,) if conflict else ())
    assert by_event[b.event_id].conflicts_with == ((a.event_id,) if conflict else ())


def test_lifecycle_registry_baseline_and_mechanism_resolution(
    middle_earth_registry, mechanism_event
):
    events = [
        # named by abbreviation: resolved to the registered mechanism
        mechanism_event(mechanism="GRBT", date="3019-03", round=19),
        # a registered id wins over odd text
        mechanism_event(mechanism="beacons", mechanism_id=BEACON, date="3020-03", round=20),
        # no mechanism: not part of any history
        mechanism_event(type="MEET", mechanism=None),
        # unregistered: discovered under its own id
        mechanism_event(mechanism="Ent Moot", date="3019-01"),
    ]
    history = mechanism_history(events, middle_earth_registry)
    assert sorted(history) == [BEACON, "gondor-rohan-ent-moot"]
    beacon = history[BEACON]
    assert [(c.state, c.date, c.round) for c in beacon] == [
        ("held", "3001", 1),
        ("held", "3019-03", 19),
        ("held", "3020-03", 20),
    ]
    assert beacon[0].event_id == f"registry:{BEACON}" and beacon[0].quotes == (
        "Red Book of Westmarch, 3019",
    )
    assert len(mechanism_history(events, middle_earth_registry, baseline=False)[BEACON]) == 2


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("3019-04-14", date(3019, 4, 14)),
        ("3019-04", date(3019, 4, 30)),
        ("3019", date(3019, 12, 31)),
        (date(3019, 1, 2), date(3019, 1, 2)),
    ],
)
def test_lifecycle_as_of_date_takes_the_last_day_of_a_partial_date(value, expected):
    assert as_of_date(value) == expected


def test_lifecycle_as_of_date_rejects_garbage():
    with pytest.raises(ValueError, match="2023-04-14"):
        as_of_date("April")


@pytest.mark.parametrize(
    ("change_date", "as_of", "known"),
    [
        ("3019-04", date(3019, 4, 1), True),
        ("3019-04", date(3019, 3, 31), False),
        (None, date(3019, 4, 1), False),
    ],
)
def test_lifecycle_known_by_counts_partial_dates_from_their_first_day(
    middle_earth_registry, mechanism_event, change_date, as_of, known
):
    (change,) = mechanism_history(
        [mechanism_event(date=change_date)], middle_earth_registry, baseline=False
    )[BEACON]
    assert known_by(change, as_of) is known
