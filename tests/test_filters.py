"""The one event filter (mildip.analysis.filters), on hand-built events about invented parties.

GDR Gondor, RHN Rohan, ARN Arnor, MOR Mordor; the mechanism registry is the invented
``middle-earth.toml`` (Gondor-Rohan Beacon Talks, alias and abbreviation ``GRBT``).
"""

from __future__ import annotations

from datetime import date

import pytest

from mildip._exceptions import FilterError
from mildip.analysis.filters import EventFilter, FilterContext
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


@pytest.mark.parametrize(
    ("review", "expected"),
    [
        # nothing named: every status but rejected
        ((), ["beacon", "council", "plan", "undated"]),
        (("rejected",), ["cancel"]),
        (("machine", "rejected"), ["beacon", "cancel", "council", "undated"]),
        (("accepted", "edited"), ["plan"]),
    ],
)
def test_filters_review_hides_rejected_unless_named(review, expected):
    events = [
        e.with_(review={"cancel": "rejected", "plan": "edited"}.get(name, e.review))
        for name, e in EVENTS.items()
    ]
    assert _names(EventFilter(review=review).apply(events)) == expected


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
        ({"review": ["done"]}, "--review", "choose from machine, accepted, edited, rejected"),
        ({"outlet": "gazette"}, "--outlet", "choose from herald-press"),
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
        outlets={"herald-press": ("herald",)},
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


REVIEWED = [
    e.with_(review={"cancel": "rejected", "plan": "accepted"}.get(name, e.review))
    for name, e in EVENTS.items()
]


@pytest.mark.parametrize(
    "conditions",
    [
        {},
        {"parties": ("GDR", "RHN")},
        {"any_party": ("MOR", "ARN")},
        {"parties": ("GDR",), "any_party": ("MOR", "ARN")},
        {"types": ("MEET",), "since": "3019-03-15"},
        {"doc": "herald", "modalities": ("future",)},
        {"mechanism": "osgiliath"},
        {"mechanism": "GRBT", "mechanism_names": ("Gondor-Rohan Beacon Talks", "GRBT")},
        {"text": "MEET of"},
        {"outlet": "herald-press", "outlet_docs": ("herald",)},
        {"outlet": "nobody", "outlet_docs": ()},
        {"review": ("rejected",)},
        {"review": ("machine", "accepted", "edited", "rejected")},
    ],
)
def test_filters_store_select_and_page_equal_apply(store, conditions):
    store.save_events(REVIEWED)
    selection = EventFilter(**conditions)
    expected = [e.event_id for e in selection.apply(REVIEWED)]
    assert [e.event_id for e in selection.select(store)] == expected
    events, total = selection.page(store, limit=2, offset=1)
    assert ([e.event_id for e in events], total) == (expected[1:3], len(expected))


def test_filters_page_refuses_an_as_of_selection(store):
    with pytest.raises(ValueError, match="select"):
        EventFilter(as_of=date(3019, 4, 5)).page(store)
