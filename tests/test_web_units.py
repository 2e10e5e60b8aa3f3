"""Small pieces of the workbench: URL filters, highlighting, the login throttle, form
parsing, safe links, passage location."""

from __future__ import annotations

import pytest
from starlette.datastructures import QueryParams

from mildip._exceptions import OverrideError
from mildip.analysis.filters import EventFilter, FilterContext
from mildip.model import Participant
from mildip.review.actions import locate_passage
from mildip.review.highlight import Mark, segments
from mildip.review.views import safe_url
from mildip.web.auth import LoginThrottle, Throttled
from mildip.web.filters import QueryError, parse_events_request
from mildip.web.forms import event_fields

CONTEXT = FilterContext(
    parties=frozenset({"GDR", "RHN", "MOR", "ARN"}),
    documents=frozenset({"gondor-herald"}),
    mechanisms=("Gondor-Rohan Beacon Talks",),
    outlets={"gondor-herald-press": ("gondor-herald",)},
)


def _parse(query: str):
    return parse_events_request(QueryParams(query), CONTEXT)


def test_web_units_filters_combine_party_and_pair():
    wanted = _parse("party=gdr&pair=RHN-MOR&type=meet&type=CALL&since=3019-03&q=beacon")
    assert wanted.selection == EventFilter(
        parties=("GDR", "RHN", "MOR"), types=("MEET", "CALL"), since="3019-03", text="beacon"
    )
    assert wanted.params == (
        ("party", "GDR"), ("party", "RHN"), ("party", "MOR"), ("type", "MEET"), ("type", "CALL"),
        ("since", "3019-03"), ("q", "beacon"),
    )


def test_web_units_filters_are_the_cli_filters():
    wanted = _parse(
        "any_party=ARN MOR&review=rejected&outlet=gondor-herald-press&doc=gondor-herald"
        "&mechanism=beacon"
    )
    parsed = EventFilter.parse(
        any_party=["ARN", "MOR"],
        review=["rejected"],
        outlet="gondor-herald-press",
        doc="gondor-herald",
        mechanism="beacon",
        context=CONTEXT,
    )
    assert wanted.selection == parsed.filter
    assert wanted.selection.outlet_docs == ("gondor-herald",)


def test_web_units_filters_keep_sort_and_page_in_links():
    wanted = _parse("party=GDR RHN&sort=type&order=desc&page=3&per_page=25")
    assert wanted.parties == ("GDR", "RHN")
    assert (wanted.order, wanted.descending, wanted.page, wanted.per_page) == ("type", True, 3, 25)
    assert wanted.url("/events", page=4) == "/events?party=GDR&party=RHN&sort=type&order=desc&per_page=25&page=4"
    assert ("page", "3") not in wanted.filter_params()


@pytest.mark.parametrize(
    "query, message",
    [
        ("since=3019-13", "since="),
        ("until=soon", "until="),
        ("modality=certain", "modality="),
        ("pair=GDR-GDR", "two parties"),
        ("page=0", "page="),
        ("page=two", "page="),
        ("order=up", "order="),
        ("mechanism=a&mechanism=b", "once"),
        ("party=Gondr", "party=Gondr: 'Gondr' is not a party code or name"),
        ("party=GDR&party=g!", "party=g!: "),
        ("mechanism=osgiliath", "mechanism=osgiliath: 'osgiliath' names no registered mechanism"),
        ("outlet=nowhere", "outlet=nowhere: .* choose from gondor-herald-press"),
        ("doc=herald", "doc=herald: no document 'herald'"),
        ("review=maybe", "review=maybe: "),
    ],
)
def test_web_units_filters_refuse_bad_values(query, message):
    with pytest.raises(QueryError, match=message):
        _parse(query)


@pytest.mark.parametrize(
    "marks",
    [
        [],
        [Mark(4, 9, "a", "MEET")],
        [Mark(0, 30, "a", "MEET"), Mark(10, 12, "b", "CALL")],
        [Mark(5, 15, "a", "MEET"), Mark(10, 20, "b", "CALL"), Mark(-3, 2, "c", "X"), Mark(25, 99, "d", "Y")],
    ],
)
def test_web_units_segments_give_the_text_back_and_mark_spans(marks):
    text = "Gondor and Rohan met in Edoras."
    cut = segments(text, marks)
    assert "".join(s.text for s in cut) == text
    for m in marks:
        lo, hi = max(0, m.start), min(len(text), m.end)
        covered = "".join(s.text for s in cut if any(x.key == m.key for x in s.marks))
        assert covered == text[lo:hi]


def test_web_units_segments_open_an_anchor_where_a_passage_starts():
    cut = segments("abcdef", [Mark(2, 4, "p1", "MEET")])
    assert [(s.text, [m.key for m in s.opens]) for s in cut] == [("ab", []), ("cd", ["p1"]), ("ef", [])]


def test_web_units_throttle_locks_a_name_then_lets_it_go():
    throttle = LoginThrottle(max_failures=2, window=60)
    throttle.failed("Ana", "10.0.0.1", now=0)
    throttle.failed("ana", "10.0.0.2", now=1)
    with pytest.raises(Throttled):
        throttle.check("ANA", "10.0.0.3", now=2)
    throttle.check("bob", "10.0.0.3", now=2)
    throttle.check("ana", "10.0.0.3", now=62)


def test_web_units_throttle_counts_failures_per_address():
    throttle = LoginThrottle(max_failures=100, max_address_failures=3, window=60)
    for i in range(3):
        throttle.failed(f"user{i}", "10.0.0.9", now=i)
    with pytest.raises(Throttled):
        throttle.check("someone-else", "10.0.0.9", now=5)


@pytest.mark.parametrize(
    "url, safe",
    [
        ("https://example.org/a", "https://example.org/a"),
        ("http://example.org", "http://example.org"),
        ("javascript:alert(1)", None),
        (" JavaScript:alert(1)", None),
        ("data:text/html,<b>", None),
        ("//example.org", None),
        (None, None),
    ],
)
def test_web_units_only_http_links(url, safe):
    assert safe_url(url) == safe


def test_web_units_edit_form_fields_keep_known_participants():
    known = Participant("Elessar", "King", "GDR", level="head", person_id="gdr-elessar")
    form = {
        "actors": "gdr, rhn",
        "initiator": "",
        "date": " 3019-03-10 ",
        "round": "",
        "participants": "Elessar | King | GDR\nEomer | King | RHN\n\n",
        "resumed_shown": "1",
    }
    fields = event_fields(form, type("E", (), {"participants": [known]})())
    assert fields["actors"] == ["GDR", "RHN"]
    assert (fields["initiator"], fields["date"], fields["round"], fields["resumed"]) == (None, "3019-03-10", None, False)
    assert fields["participants"][0]["person_id"] == "gdr-elessar"
    assert fields["participants"][1] == {"name": "Eomer", "title": "King", "party": "RHN", "level": None, "person_id": None}


@pytest.mark.parametrize(
    "start, end, quote, expected",
    [
        (0, 6, None, (0, 6)),
        (6, 11, None, (7, 10)),
        (0, 4, "Rohan", (11, 16)),
        (20, 26, "Gondor", (22, 28)),
        (0, 6, "Gondor", (0, 6)),
    ],
)
def test_web_units_locate_passage(start, end, quote, expected):
    text = "Gondor and Rohan, and Gondor."
    assert locate_passage(text, start, end, quote) == expected


def test_web_units_locate_passage_refuses_blank_selections():
    with pytest.raises(OverrideError, match="empty"):
        locate_passage("a    b", 1, 4)
