"""Round consistency flags: two dates for one round, rounds going backwards, missing rounds."""

from __future__ import annotations

import pytest

from mildip.analysis.consistency import round_consistency

MOOT = "gondor-rohan-ent-moot"


@pytest.mark.parametrize(
    ("rounds", "expected"),
    [
        # consistent yearly rounds
        ([("3001-05", 1), ("3002-05", 2), ("3003-05", 3)], []),
        # one round at two precisions that agree: no flag
        ([("3001-05", 1), ("3001-05-09", 1), ("3002-05", 2)], []),
        # one round with two dates that do not agree
        ([("3001-05", 1), ("3001-07", 1)], [("round_dates_disagree", (1,))]),
        # round 3 dated before round 2
        ([("3001-05", 1), ("3003-05", 2), ("3002-05", 3)], [("round_order", (2, 3))]),
        # overlapping partial dates cannot be ordered: no flag
        ([("3002", 2), ("3002-03", 3)], []),
        # rounds 2 and 3 never reported
        ([("3001-05", 1), ("3004-05", 4)], [("missing_rounds", (2, 3))]),
    ],
)
def test_lifecycle_round_consistency_flags(
    middle_earth_registry, mechanism_event, rounds, expected
):
    events = [
        mechanism_event(mechanism="Ent Moot", date=d, round=r, quote=f"Moot {r} {d}")
        for d, r in rounds
    ]
    flags = round_consistency(events, middle_earth_registry)
    assert [(f.kind, f.rounds) for f in flags] == expected
    assert all(f.mechanism_id == MOOT and f.event_ids and f.message for f in flags)


def test_lifecycle_round_consistency_ignores_unasserted_rounds(
    middle_earth_registry, mechanism_event
):
    events = [
        mechanism_event(mechanism="Ent Moot", date="3001-05", round=1),
        mechanism_event(mechanism="Ent Moot", date="3001-09", round=1, modality="future"),
        mechanism_event(mechanism="Ent Moot", date="3005-09", round=5, modality="hypothetical"),
    ]
    assert round_consistency(events, middle_earth_registry) == []


def test_lifecycle_round_consistency_counts_the_registry_first_round(
    middle_earth_registry, mechanism_event
):
    # Beacon Talks: round 1 in 3001 per the registry; round 3 reported
    third = mechanism_event(date="3003-03", round=3)
    flags = round_consistency([third], middle_earth_registry)
    assert [(f.kind, f.mechanism_id, f.rounds) for f in flags] == [
        ("missing_rounds", "gondor-rohan-beacon-talks", (2,))
    ]
    assert flags[0].to_dict()["event_ids"] == sorted(
        [third.event_id, "registry:gondor-rohan-beacon-talks"]
    )
