"""The one event filter (mildip.analysis.filters), on hand-built events about invented parties.

GDR Gondor, RHN Rohan, ARN Arnor, MOR Mordor; the mechanism registry is the invented
``middle-earth.toml`` (Gondor-Rohan Beacon Talks, alias and abbreviation ``GRBT``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from mildip._exceptions import FilterError
from mildip.analysis.filters import EventFilter, FilterContext, review_status_of
from mildip.model import Document, Event, Evidence


def _event(name, type_, actors, day, doc="annals", **fields):
    quote = f"{name}: {type_} of {'-'.join(actors)} on {day}"
    return Event(
        type_, tuple(actors), day, evidence=[Evidence(doc, 0, len(quote), quote, "test")], **fields
    )


EVENTS = {
    # a Beacon Talks round, named by the registry's abbreviation
    "beacon": _event("beacon", "DIALOGUE", ("GDR", "RHN"), "3019-03", mechanism="GRBT", round=8),
    # a three-party meeting
    "council": _event("council", "MEET", ("ARN", "GDR", "RHN"), "3019-03-20"),
    # Mordor cancels talks with Gondor
    "cancel": _event(
        "cancel",
        "CANCEL",
        ("GDR", "MOR"),
        "3019-04-02",
        initiator="MOR",
        mechanism="Osgiliath Talks",
        doc="herald",
    ),
    # a plan, year precision
    "plan": _event("plan", "MEET", ("ARN", "GDR"), "3020", modality="future", doc="herald"),
    # undated
    "undated": _event("undated", "CALL", ("ARN", "RHN"), None),
}


def _names(events):
    by_id = {e.event_id: name for name, e in EVENTS.items()}
    return sorted(by_id[e.event_id] for e in events)


@pytest.mark.parametrize(
    ("conditions", "expected"),
    [
        ({}, ["beacon", "cancel", "council", "plan", "undated"]),
        # --party A --party B: events with both
        ({"parties": ("GDR", "RHN")}, ["beacon", "council"]),
        ({"parties": ("GDR", "RHN", "ARN")}, ["council"]),
        # --any-party: events with either
        ({"any_party": ("MOR", "ARN")}, ["cancel", "council", "plan", "undated"]),
        ({"parties": ("GDR",), "any_party": ("MOR", "ARN")}, ["cancel", "council", "plan"]),
        ({"types": ("meet", "CALL")}, ["council", "plan", "undated"]),
        ({"modalities": ("future",)}, ["plan"]),
        # the window keeps what overlaps it; an undated event never does
        ({"since": "3019-03-15"}, ["beacon", "cancel", "council", "plan"]),
        ({"until": "3019-03"}, ["beacon", "council"]),
        ({"since": "3020-06", "until": "3020-07"}, ["plan"]),
        ({"doc": "herald"}, ["cancel", "plan"]),
    ],
)
def test_filters_conditions_all_hold(conditions, expected):
    assert _names(EventFilter(**conditions).apply(EVENTS.values())) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("GRBT", ["beacon"]),  # abbreviation: an alias in the registry
        ("grbt", ["beacon"]),
        ("beacon watch talks", ["beacon"]),  # another alias
        ("Gondor-Rohan Beacon Talks", ["beacon"]),  # the name
        ("gondor-rohan-beacon-talks", ["beacon"]),  # the id
        ("osgiliath", ["cancel"]),  # not registered: part of the event's mechanism name
    ],
)
def test_filters_mechanism_by_alias_abbreviation_or_name(middle_earth_registry, typed, expected):
    context = FilterContext(registry=middle_earth_registry, mechanisms=("GRBT", "Osgiliath Talks"))
    parsed = EventFilter.parse(mechanism=typed, context=context)
    assert _names(parsed.filter.apply(EVENTS.values())) == expected


def test_filters_review_status_reads_the_field_when_present():
    @dataclass
    class Reviewed:
        review_status: str | None

    assert review_status_of(EVENTS["beacon"]) == "machine"
    assert review_status_of(Reviewed("accepted")) == "accepted"
    assert review_status_of(Reviewed(None)) == "machine"
    machine_only = EventFilter(review_status=("machine",))
    assert len(machine_only.apply(EVENTS.values())) == len(EVENTS)
    assert EventFilter(review_status=("edited",)).apply(EVENTS.values()) == []


def test_filters_as_of_uses_the_documents():
    documents = [
        Document("annals", "a", published=date(3019, 3, 25)),
        Document("herald", "h", published=date(3019, 4, 10)),
    ]
    selection = EventFilter(as_of=date(3019, 4, 5))
    assert _names(selection.apply(EVENTS.values(), documents)) == ["beacon", "council", "undated"]
    assert [d.doc_id for d in selection.documents(documents)] == ["annals"]


def test_filters_parse_reads_party_names_through_the_gazetteer():
    parsed = EventFilter.parse(
        party=["china", "U.S."],
        any_party=["gdr"],
        context=FilterContext(parties=frozenset({"GDR"})),
    )
    assert (parsed.filter.parties, parsed.filter.any_party) == (("CHN", "USA"), ("GDR",))
    assert parsed.notes == (
        "--party: read 'china' as CHN (China)",
        "--party: read 'U.S.' as USA (United States)",
    )


@pytest.mark.parametrize(
    ("values", "option", "says"),
    [
        ({"party": ["chna"]}, "--party", "did you mean CHN (China)"),
        ({"any_party": ["Gondr"]}, "--any-party", "did you mean GDR"),
        ({"type": ["PARLEY"]}, "--type", "choose from MEET"),
        ({"modality": ["maybe"]}, "--modality", "choose from asserted"),
        ({"since": "3019-13"}, "--since", "month must be in 1..12"),
        ({"until": "3019-02-30"}, "--until", "not a calendar date"),
        ({"since": "March"}, "--since", "use YYYY, YYYY-MM or YYYY-MM-DD"),
        ({"since": "3020", "until": "3019"}, "--since", "is after --until"),
        ({"as_of": "soon"}, "--as-of", "is not a date"),
        ({"mechanism": "GRTB"}, "--mechanism", "did you mean GRBT"),
        ({"doc": "anals"}, "--doc", "close ids: annals"),
        ({"review_status": ["done"]}, "--review-status", "choose from machine, accepted, edited"),
    ],
)
def test_filters_parse_refuses_bad_values_naming_the_option(
    middle_earth_registry, values, option, says
):
    context = FilterContext(
        parties=frozenset({"GDR", "RHN"}),
        documents=frozenset({"annals", "herald"}),
        mechanisms=("GRBT",),
        registry=middle_earth_registry,
    )
    with pytest.raises(FilterError) as caught:
        EventFilter.parse(context=context, **values)
    assert caught.value.option == option
    assert says in str(caught.value) and str(caught.value).startswith(f"{option}: ")


@pytest.mark.parametrize(
    ("conditions", "phrase"),
    [
        ({}, "all events"),
        ({"parties": ("CHN", "USA")}, "China and United States (events with both)"),
        ({"any_party": ("CHN", "JPN")}, "China or Japan (events with either)"),
        (
            {"parties": ("CHN",), "since": "2022", "until": "2023-04"},
            "China; dated 2022 to 2023-04",
        ),
        ({"as_of": date(2023, 4, 14)}, "as known on 2023-04-14"),
    ],
)
def test_filters_describe_states_every_condition(conditions, phrase):
    assert EventFilter(**conditions).describe() == phrase


@pytest.mark.parametrize(
    "conditions",
    [
        {},
        {"parties": ("GDR", "RHN")},
        {"any_party": ("MOR", "ARN")},
        {"types": ("MEET",), "since": "3019-03-15"},
        {"doc": "herald", "modalities": ("future",)},
        {"mechanism": "osgiliath"},
    ],
)
def test_filters_store_select_equals_apply(store, conditions):
    store.save_events(list(EVENTS.values()))
    selection = EventFilter(**conditions)
    assert [e.event_id for e in selection.select(store)] == [
        e.event_id for e in selection.apply(EVENTS.values())
    ]
