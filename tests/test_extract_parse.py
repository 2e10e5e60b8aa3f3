"""The dependency parse is used: patterns that only syntax can read give their records.

Each case is an invented sentence of one pattern of issue 8: a passive (the parties in a
``by`` phrase), a nominal event (the parties in ``between``/``with`` complements or a
possessor), a relative clause (the event told in a clause on a noun), a coordinated
object (one event per conjunct). With the shipped settings each gives the right
record (by the spec); with ``use_parser=False`` the same sentence must **not** give it,
which proves that the record comes from the parse and not from word positions.

Wordings of these patterns that the extractor still gets wrong (a channel action told in
a relative clause, a list of unregistered channels) are strict xfails in
``tests/test_extract_rules.py`` (``KNOWN_WRONG``).
"""

from __future__ import annotations

import pytest

from mildip.dates import dates_agree

PUB = "2024-06-20"

CASES = [
    # passive: the session's parties are the agents of "was convened ... by"
    pytest.param(
        "The fourth round of the maritime consultations was convened in Hanoi by Vietnam and "
        "Indonesia on 14 March 2024.",
        [("DIALOGUE", ("IDN", "VNM"), "2024-03-14", None, 4)],
        id="passive-dialogue-round",
    ),
    # passive: the interceptor is the agent, the intercepted aircraft the subject
    pytest.param(
        "An Australian patrol aircraft was intercepted by a Chinese fighter jet over the South "
        "China Sea on 3 May.",
        [("INCIDENT", ("AUS", "CHN"), "2024-05-03", "CHN", None)],
        id="passive-incident-agent",
    ),
    # nominal event: "talks between X and his counterpart Y"
    pytest.param(
        "Talks between Japanese Defense Minister Gen Nakatani and his Australian counterpart "
        "Richard Marles followed on Tuesday.",
        [("MEET", ("AUS", "JPN"), "2024-06-18", None, None)],
        id="nominal-talks-between",
    ),
    # nominal event: "the opening of a military hotline between ..."
    pytest.param(
        "The opening of a military hotline between Hanoi and Jakarta on 2 May eased tensions.",
        [("ESTABLISH", ("IDN", "VNM"), "2024-05-02", None, None)],
        id="nominal-opening-of",
    ),
    # nominal event: a possessor initiates, the "with" complement is the other party
    pytest.param(
        "Indonesia's cancellation of the naval exercise with Australia in April surprised analysts.",
        [("CANCEL", ("AUS", "IDN"), "2024-04", "IDN", None)],
        id="nominal-possessor-cancellation",
    ),
    # relative clause: the port call is told in a clause on its ship
    pytest.param(
        "The Vietnamese destroyer that docked at Jakarta on 3 May left on Sunday.",
        [("PORT_CALL", ("IDN", "VNM"), "2024-05-03", "VNM", None)],
        id="relative-clause-port-call",
    ),
    # relative clause: the agreement is signed in a clause on the agreement noun
    pytest.param(
        "The ministers reviewed the logistics agreement that Manila and Tokyo signed in 2022.",
        [("AGREE", ("JPN", "PHL"), "2022", None, None)],
        id="relative-clause-agreement",
    ),
    # coordinated object: one cancellation per exercise
    pytest.param(
        "Tokyo cancelled the Orient Shield exercise, the Resolute Dragon exercise and the Iron "
        "Fist exercise with Washington in May.",
        [("CANCEL", ("JPN", "USA"), "2024-05", "JPN", None)] * 3,
        id="coordinated-objects",
    ),
]
"""(text, [(type, actors, date, initiator, round)]): the records the text states."""


def _record(ev):
    return (ev.type, ev.actors, ev.date, ev.initiator, ev.round)


def _matches(got, want) -> bool:
    """A record of the spec: same type, actors and initiator, dates agreeing at the
    coarser precision, and the same round where one is expected."""
    return (
        got[0] == want[0]
        and got[1] == want[1]
        and got[3] == want[3]
        and dates_agree(got[2], want[2])
        and (want[4] is None or got[4] == want[4])
    )


def _found(events, expected) -> int:
    """How many of ``expected`` are matched, each by a different event."""
    left = [_record(e) for e in events]
    n = 0
    for want in expected:
        hit = next((g for g in left if _matches(g, want)), None)
        if hit is not None:
            left.remove(hit)
            n += 1
    return n


@pytest.mark.parametrize("text, expected", CASES)
def test_extract_parse_gives_the_record(extract_text, text, expected):
    events = extract_text(text, PUB)
    assert _found(events, expected) == len(expected), [_record(e) for e in events]
    assert len(events) == len(expected), [_record(e) for e in events]


@pytest.mark.parametrize("text, expected", CASES)
def test_extract_parse_off_does_not_give_the_record(extract_text, text, expected):
    events = extract_text(text, PUB, use_parser=False)
    assert _found(events, expected) < len(expected), (
        "the record comes without the parse, so this case does not show that the parse is used"
    )


def test_extract_parse_coordinated_objects_keep_their_names(extract_text):
    text = CASES[-1].values[0]
    names = sorted(e.mechanism for e in extract_text(text, PUB))
    assert names == ["Iron Fist", "Orient Shield", "Resolute Dragon"]


@pytest.mark.parametrize(
    "text",
    [
        "Dong Jun met Richard Marles in Canberra on 3 May.",
        "Drills with Washington were called off by Seoul on 3 March.",
    ],
)
def test_extract_parse_off_runs_without_error(extract_text, text):
    """Without the parse the extractor still runs; it just finds no arguments."""
    assert extract_text(text, PUB, use_parser=False) == []
    assert extract_text(text, PUB), "with the parse the same sentence gives an event"
