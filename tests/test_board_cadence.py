"""Cadence estimates and overdue mechanisms."""

from __future__ import annotations

from datetime import date

import pytest

from mildip.analysis.cadence import estimate_cadence, overdue
from mildip.analysis.lifecycle import mechanism_history
from mildip.settings import Settings

MOOT = "gondor-rohan-ent-moot"


def _history(registry, make, rounds, mechanism="Ent Moot"):
    events = [make(mechanism=mechanism, date=d, round=r) for d, r in rounds]
    return mechanism_history(events, registry, baseline=False)[MOOT]


@pytest.mark.parametrize(
    ("rounds", "registry_value", "expected"),
    [
        # the registry's value wins over the data
        ([("3001-01-01", 1), ("3001-03-01", 2)], 365, 365),
        # yearly rounds
        ([("3001-06-01", 1), ("3002-06-01", 2), ("3003-06-01", 3)], None, 365),
        # a gap over an unreported round 3 is divided between rounds 3 and 4
        ([("3001-06-01", 1), ("3002-06-01", 2), ("3004-06-01", 4)], None, 365),
        # six-monthly: median of 181 and 184
        ([("3001-01-01", 1), ("3001-07-01", 2), ("3002-01-01", 3)], None, 182),
        # month precision stands for mid-month
        ([("3001-03", 5), ("3002-03", 6)], None, 365),
        # rounds without numbers count whole gaps
        ([("3001-01-01", None), ("3001-04-01", None)], None, 90),
        # one round: no estimate
        ([("3001-01-01", 1)], None, None),
        # a round number going backwards is skipped
        ([("3001-01-01", 3), ("3002-01-01", 2)], None, None),
    ],
)
def test_board_cadence_estimate(
    middle_earth_registry, mechanism_event, rounds, registry_value, expected
):
    history = _history(middle_earth_registry, mechanism_event, rounds)
    assert estimate_cadence(history, registry_value) == expected


def test_board_cadence_counts_a_round_once(middle_earth_registry, mechanism_event):
    # the same round reported twice (two outlets) is not a zero gap
    rounds = [("3001-06-01", 1), ("3001-06-02", 1), ("3002-06-01", 2)]
    assert estimate_cadence(_history(middle_earth_registry, mechanism_event, rounds)) == 365


@pytest.mark.parametrize(
    ("as_of", "factor", "is_listed"),
    [
        # last round 3019-03 (last day 3019-03-31), registry cadence 365 → next 3020-03-30;
        # overdue after 365 * 1.25 = 456.25 days (3020 is a leap year) → from 3020-06-30
        ("3020-06-29", 1.25, False),
        ("3020-06-30", 1.25, True),
        ("3020-04-15", 1.0, True),
        ("3020-03-30", 1.0, False),
    ],
)
def test_board_overdue_threshold(middle_earth_registry, mechanism_event, as_of, factor, is_listed):
    events = [mechanism_event(date="3019-03", round=19)]
    rows = overdue(events, as_of, Settings(overdue_factor=factor), middle_earth_registry)
    assert [r.mechanism.mechanism_id for r in rows] == (
        ["gondor-rohan-beacon-talks"] if is_listed else []
    )
    if is_listed:
        (row,) = rows
        assert row.next_expected == date(3020, 3, 30)
        assert row.days_late == (date.fromisoformat(as_of) - date(3020, 3, 30)).days
        assert (row.overdue, row.halted, row.last_round, row.cadence_days) == (True, False, 19, 365)


@pytest.mark.parametrize(("halt", "state"), [("SUSPEND", "suspended"), ("CANCEL", "cancelled")])
def test_board_overdue_flags_halted_mechanisms_separately(
    middle_earth_registry, mechanism_event, halt, state
):
    events = [
        mechanism_event(date="3019-03", round=19),
        mechanism_event(type=halt, date="3019-08"),
        # an estimated cadence (no registry value): yearly Ent Moots, then silence
        mechanism_event(mechanism="Ent Moot", date="3015-05", round=1),
        mechanism_event(mechanism="Ent Moot", date="3016-05", round=2),
    ]
    rows = overdue(events, "3021-01-01", Settings(), middle_earth_registry)
    assert [(r.mechanism.mechanism_id, r.overdue, r.halted, r.state) for r in rows] == [
        (MOOT, True, False, "held"),
        ("gondor-rohan-beacon-talks", False, True, state),
    ]


def test_board_overdue_ignores_rounds_after_as_of(middle_earth_registry, mechanism_event):
    events = [mechanism_event(date="3019-03", round=19), mechanism_event(date="3022-03", round=22)]
    (row,) = overdue(events, "3021-01-01", Settings(), middle_earth_registry)
    assert (row.last_round, row.last_round_date) == (19, "3019-03")
