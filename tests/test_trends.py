"""Trend series, coverage normalisation and the freeze-out indicator, on invented parties.

GDR (Gondor) is the focus party, RHN (Rohan) the reference, ``gondor-allies`` the group
(RHN from 3000, ARN Arnor from 3019-03-25, DAL Dale always; see conftest.py).
"""

from __future__ import annotations

import json

import pytest

from mildip.analysis.periods import period_of, period_range
from mildip.analysis.trends import compare, freeze_out, net_rate, pair_trends


def _compare(events, documents, settings, **kwargs):
    kwargs.setdefault("by", "quarter")
    return compare(
        events,
        documents,
        party="GDR",
        vs=["RHN"],
        vs_groups=["gondor-allies"],
        settings=settings,
        **kwargs,
    )


@pytest.mark.parametrize(
    ("value", "by", "expected"),
    [
        ("3019-03-25", "quarter", "3019-Q1"),
        ("3019-04", "quarter", "3019-Q2"),
        ("3019-12-31", "quarter", "3019-Q4"),
        ("3019-04-02", "month", "3019-04"),
        ("3019-04", "year", "3019"),
        ("3019", "year", "3019"),
        ("3019", "quarter", None),  # coarser than the period: no guess
        ("3019", "month", None),
        (None, "month", None),
    ],
)
def test_periods_period_of(value, by, expected):
    assert period_of(value, by) == expected


@pytest.mark.parametrize(
    ("first", "last", "by", "expected"),
    [
        ("3018-Q4", "3019-Q2", "quarter", ["3018-Q4", "3019-Q1", "3019-Q2"]),
        ("3018-12", "3019-01", "month", ["3018-12", "3019-01"]),
        ("3018", "3020", "year", ["3018", "3019", "3020"]),
        ("3019-Q2", "3019-Q1", "quarter", []),
    ],
)
def test_periods_range_includes_every_period(first, last, by, expected):
    assert period_range(first, last, by) == expected


def test_trends_only_asserted_events_are_engagements(engagement, middle_earth_settings):
    events = [
        engagement("MEET", ("GDR", "RHN"), "3019-01-10"),
        engagement("MEET", ("GDR", "RHN"), "3019-02-10", modality="future"),
        engagement("CALL", ("GDR", "RHN"), "3019-02-11", modality="negated"),
        engagement("CALL", ("GDR", "RHN"), "3019-02-12", modality="hypothetical"),
        engagement("CANCEL", ("GDR", "RHN"), "3019-03-01", modality="future"),
    ]
    stats = _compare(events, [], middle_earth_settings).series[0].at("3019-Q1")
    assert (stats.cooperative, stats.restrictive) == (1, 0)
    assert stats.scheduled == 2
    assert stats.not_counted == 2
    assert dict(stats.by_type) == {"MEET": 1}
    assert len(stats.event_ids) == 5


def test_trends_counts_types_levels_and_rounds(engagement, middle_earth_settings):
    from mildip.model import Participant

    minister = Participant("Denethor", "Steward", "GDR", level="head_of_government")
    marshal = Participant("Eomer", "Third Marshal", "RHN", level="chief_of_defence")
    events = [
        engagement(
            "DIALOGUE",
            ("GDR", "RHN"),
            "3019-01",
            mechanism="Beacon Talks",
            round=3,
            participants=[minister, marshal],
        ),
        engagement("DIALOGUE", ("GDR", "RHN"), "3019-02", mechanism="Beacon Talks"),
        engagement("DIALOGUE", ("GDR", "RHN"), "3019-02-20"),  # no round, no mechanism: not a round
        engagement("SUSPEND", ("GDR", "RHN"), "3019-03-02"),
        engagement("INCIDENT", ("GDR", "RHN"), "3019-03-03"),
    ]
    stats = _compare(events, [], middle_earth_settings).series[0].at("3019-Q1")
    assert stats.rounds == 2
    assert (stats.cooperative, stats.restrictive, stats.net) == (3, 2, 1)
    assert dict(stats.by_type) == {"DIALOGUE": 3, "INCIDENT": 1, "SUSPEND": 1}
    assert dict(stats.by_level) == {"chief_of_defence": 1, "head_of_government": 1, "unknown": 4}


def test_trends_group_membership_is_taken_on_the_event_date(engagement, middle_earth_settings):
    events = [
        engagement("MEET", ("ARN", "GDR"), "3019-03-10"),  # Arnor not yet an ally
        engagement("MEET", ("ARN", "GDR"), "3019-04-02"),  # Arnor an ally since 3019-03-25
        engagement("MEET", ("DAL", "GDR"), "3019-03-11"),
    ]
    group = _compare(events, [], middle_earth_settings).series[1]
    assert group.counterpart == "gondor-allies"
    assert group.at("3019-Q1").cooperative == 1
    assert group.at("3019-Q2").cooperative == 1


def test_trends_group_series_leaves_out_the_reference_party(engagement, middle_earth_settings):
    events = [engagement("MEET", ("GDR", "RHN"), "3019-01-05")]  # RHN is also in gondor-allies
    result = _compare(events, [], middle_earth_settings)
    assert result.series[0].total.cooperative == 1
    assert result.series[1].total.cooperative == 0


def test_trends_multilateral_event_counts_once_per_series(engagement, middle_earth_settings):
    events = [
        engagement("MEET", ("ARN", "DAL", "GDR", "RHN"), "3019-05-01"),
        engagement("MEET", ("ARN", "DAL"), "3019-05-02"),  # the focus party is absent
    ]
    result = _compare(events, [], middle_earth_settings)
    assert [s.total.cooperative for s in result.series] == [1, 1]


def test_trends_undated_and_too_coarse_events_are_counted_apart(engagement, middle_earth_settings):
    events = [
        engagement("MEET", ("GDR", "RHN"), "3019-01-05"),
        engagement("MEET", ("GDR", "RHN"), "3019"),
        engagement("MEET", ("GDR", "RHN"), None),
    ]
    series = _compare(events, [], middle_earth_settings).series[0]
    assert (series.total.cooperative, series.too_coarse, series.undated) == (1, 1, 1)
    by_year = _compare(events, [], middle_earth_settings, by="year").series[0]
    assert (by_year.total.cooperative, by_year.too_coarse) == (2, 0)


def test_trends_periods_run_without_gaps(engagement, middle_earth_settings):
    events = [
        engagement("MEET", ("GDR", "RHN"), "3018-11-01"),
        engagement("MEET", ("GDR", "RHN"), "3019-05-01"),
    ]
    result = _compare(events, [], middle_earth_settings)
    assert result.periods == ("3018-Q4", "3019-Q1", "3019-Q2")
    assert result.series[0].at("3019-Q1").cooperative == 0


def test_trends_window_limits_events_and_periods(engagement, middle_earth_settings):
    events = [
        engagement("MEET", ("GDR", "RHN"), "3018-11-01"),
        engagement("CANCEL", ("GDR", "RHN"), "3019-05-01"),
        engagement("CALL", ("GDR", "RHN"), "3019-08-01"),
    ]
    result = _compare(events, [], middle_earth_settings, since="3019-04", until="3019-06")
    assert result.periods == ("3019-Q2",)
    assert (result.series[0].total.cooperative, result.series[0].total.restrictive) == (0, 1)


@pytest.mark.parametrize(
    ("coverage", "expected"),
    [
        ("dyad", [2, 1]),  # documents mentioning GDR and RHN / GDR and a member of the group
        ("corpus", [4, 4]),  # every dated document
    ],
)
def test_trends_coverage_counts_documents_by_publication_date(
    chronicle, middle_earth_settings, coverage, expected
):
    documents = [
        chronicle("a", "3019-01-02", ("GDR", "RHN")),
        chronicle("b", "3019-02-02", ("GDR", "RHN", "MOR")),
        chronicle("c", "3019-02-03", ("GDR", "DAL")),
        chronicle("d", "3019-03-03", ("MOR",)),
        chronicle("e", None, ("GDR", "RHN")),  # undated: never coverage
    ]
    result = _compare([], documents, middle_earth_settings, coverage=coverage)
    assert [s.at("3019-Q1").coverage for s in result.series] == expected


def test_trends_group_coverage_uses_membership_on_the_publication_date(
    chronicle, middle_earth_settings
):
    documents = [
        chronicle("before", "3019-03-20", ("ARN", "GDR")),  # Arnor not yet an ally
        chronicle("after", "3019-03-30", ("ARN", "GDR")),
    ]
    result = _compare([], documents, middle_earth_settings)
    assert result.series[1].at("3019-Q1").coverage == 1


def test_trends_coverage_reads_the_gazetteer_when_meta_is_empty(chronicle):
    documents = [
        chronicle("readout", "2023-02-01", None, text="China and the United States held talks."),
        chronicle("other", "2023-02-02", None, text="Chinese and French officers met in Paris."),
    ]
    result = compare([], documents, party="CHN", vs=["USA"], vs_groups=[], by="quarter")
    assert result.series[0].at("2023-Q1").coverage == 1


@pytest.mark.parametrize(
    ("net", "coverage", "alpha", "expected"),
    [
        (2, 3, 1.0, 0.5),
        (-3, 0, 1.0, -3.0),
        (1, 1, 0.5, 1 / 1.5),
        (0, 10, 1.0, 0.0),
    ],
)
def test_trends_net_rate_formula(net, coverage, alpha, expected):
    assert net_rate(net, coverage, alpha) == pytest.approx(expected)


def test_trends_freeze_out_is_group_rate_minus_reference_rate(
    engagement, chronicle, middle_earth_settings
):
    events = [
        engagement("CANCEL", ("GDR", "RHN"), "3019-01-05"),
        engagement("SUSPEND", ("GDR", "RHN"), "3019-01-05", quote="Gondor suspends the beacons."),
        engagement("MEET", ("DAL", "GDR"), "3019-02-01"),
        engagement("EXERCISE", ("DAL", "GDR"), "3019-02-02"),
        engagement("MEET", ("DAL", "GDR"), "3019-04-01"),
    ]
    documents = [
        chronicle("a", "3019-01-06", ("GDR", "RHN")),
        chronicle("b", "3019-02-03", ("DAL", "GDR")),
        chronicle("c", "3019-02-04", ("DAL", "GDR")),
    ]
    result = _compare(events, documents, middle_earth_settings)
    ref, group = result.series
    assert ref.at("3019-Q1").net_rate == pytest.approx(-2 / (1 + 1))
    assert group.at("3019-Q1").net_rate == pytest.approx(2 / (2 + 1))
    (indicator,) = result.freeze_out
    assert (indicator.group, indicator.reference) == ("gondor-allies", "RHN")
    assert dict(indicator.values) == pytest.approx({"3019-Q1": 2 / 3 + 1, "3019-Q2": 1.0})
    assert indicator.overall == pytest.approx(3 / (2 + 1) - (-2) / (1 + 1))


def test_trends_more_coverage_is_not_more_engagement(engagement, chronicle, middle_earth_settings):
    """The same single meeting reported by ten documents scores lower than by one."""
    events = [engagement("MEET", ("GDR", "RHN"), "3019-01-05")]
    one = _compare(events, [chronicle("a", "3019-01-06")], middle_earth_settings)
    ten = _compare(
        events, [chronicle(f"d{i}", "3019-01-06") for i in range(10)], middle_earth_settings
    )
    assert ten.series[0].total.net_rate < one.series[0].total.net_rate


def test_trends_comparison_rows_and_json(engagement, middle_earth_settings):
    events = [engagement("MEET", ("GDR", "RHN"), "3019-01-05")]
    result = _compare(events, [], middle_earth_settings)
    rows = result.rows()
    assert [r["period"] for r in rows] == ["3019-Q1", "total"]
    assert rows[-1]["GDR–RHN coop"] == 1
    assert "freeze-out gondor-allies vs RHN" in rows[0]
    long = result.long_rows()
    assert [(r["period"], r["dyad"]) for r in long] == [
        ("3019-Q1", "GDR–RHN"),
        ("3019-Q1", "GDR–gondor-allies"),
        ("total", "GDR–RHN"),
        ("total", "GDR–gondor-allies"),
    ]
    assert long[0]["freeze-out vs RHN"] is None and long[1]["freeze-out vs RHN"] == -1.0
    data = json.loads(json.dumps(result.to_dict()))
    assert data["series"][0]["total"]["by_type"] == {"MEET": 1}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"by": "week"}, "unknown period"),
        ({"smoothing": 0.0}, "must be positive"),
        ({"coverage": "sentences"}, "unknown coverage mode"),
    ],
)
def test_trends_invalid_options_are_refused(middle_earth_settings, kwargs, message):
    with pytest.raises(ValueError, match=message):
        _compare([], [], middle_earth_settings, **kwargs)


def test_trends_pair_trends_has_one_series_per_dyad(engagement):
    events = [
        engagement("MEET", ("GDR", "RHN", "ARN"), "3019-01-05"),
        engagement("CANCEL", ("GDR", "MOR"), "3019-02-05"),
    ]
    series = pair_trends(events, [], by="month")
    assert [s.key for s in series] == ["ARN–GDR", "ARN–RHN", "GDR–MOR", "GDR–RHN"]
    assert series[2].at("3019-02").restrictive == 1


def test_trends_freeze_out_of_identical_series_is_zero(engagement, middle_earth_settings):
    events = [
        engagement("MEET", ("GDR", "RHN"), "3019-01-05"),
        engagement("MEET", ("DAL", "GDR"), "3019-01-06"),
    ]
    result = _compare(events, [], middle_earth_settings)
    ref, group = result.series
    assert freeze_out(group, ref).overall == 0.0
