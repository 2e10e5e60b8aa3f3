"""Proposal–response threads and unanswered proposals."""

from __future__ import annotations

import itertools

import pytest

from mildip.analysis.threads import proposal_threads, unanswered_proposals
from mildip.resolve.threads import link_proposals
from mildip.settings import Settings


@pytest.fixture
def proposal(mechanism_event):
    """Gondor proposes a call between the defence chiefs (no mechanism named)."""
    return mechanism_event(
        type="PROPOSE",
        date="3019-02-05",
        mechanism=None,
        initiator="GDR",
        start=10,
        quote="Gondor proposed a call between the defence chiefs.",
    )


@pytest.mark.parametrize(
    ("answer", "linked"),
    [
        # Rohan rejects within days: an answer
        ({"type": "REJECT", "date": "3019-02-09", "initiator": "RHN"}, True),
        # same month only: may still be after the proposal
        ({"type": "REJECT", "date": "3019-02"}, True),
        # the call takes place within the window
        ({"type": "CALL", "date": "3019-03-20"}, True),
        ({"type": "MEET", "date": "3019-04-05"}, True),
        # outside the 60-day window
        ({"type": "CALL", "date": "3019-04-10"}, False),
        # before the proposal
        ({"type": "REJECT", "date": "3019-02-01"}, False),
        # other parties
        ({"type": "REJECT", "date": "3019-02-09", "actors": ("ARN", "GDR")}, False),
        # not an answer type
        ({"type": "SUSPEND", "date": "3019-02-09"}, False),
        # a call that did not happen answers nothing
        ({"type": "CALL", "date": "3019-02-20", "modality": "negated"}, False),
    ],
)
def test_threads_answer_rules(proposal, mechanism_event, answer, linked):
    reply = mechanism_event(quote="The reply.", start=100, **{"mechanism": None, **answer})
    out = link_proposals([proposal, reply], Settings())
    assert out[0].responds_to is None
    assert out[1].responds_to == (proposal.event_id if linked else None)
    assert reply.responds_to is None  # inputs are not changed


@pytest.mark.parametrize(
    ("proposed", "answered", "linked"),
    [
        ("Beacon Talks", "Beacon Talks", True),
        ("Beacon Talks", "Ent Moot", False),
        ("Beacon Talks", None, True),
        (None, "Ent Moot", True),
    ],
)
def test_threads_mechanism_must_agree_when_both_given(mechanism_event, proposed, answered, linked):
    offer = mechanism_event(
        type="PROPOSE", date="3019-02-05", mechanism=proposed, quote="An offer."
    )
    reply = mechanism_event(
        type="DIALOGUE", date="3019-03-01", mechanism=answered, quote="A round."
    )
    out = link_proposals([offer, reply], Settings())
    assert (out[1].responds_to == offer.event_id) is linked


@pytest.mark.parametrize(("window", "linked"), [(60, False), (90, True)])
def test_threads_window_comes_from_settings(proposal, mechanism_event, window, linked):
    reply = mechanism_event(type="CALL", date="3019-04-20", mechanism=None, quote="The call.")
    out = link_proposals([proposal, reply], Settings(proposal_window_days=window))
    assert (out[1].responds_to == proposal.event_id) is linked


def test_threads_same_date_answer_must_follow_in_the_text(mechanism_event):
    offer = mechanism_event(
        type="PROPOSE", date="3019-02", mechanism=None, quote="An offer.", start=50
    )
    earlier = mechanism_event(
        type="REJECT", date="3019-02", mechanism=None, quote="A refusal.", start=10
    )
    later = mechanism_event(
        type="REJECT", date="3019-02", mechanism=None, quote="Another refusal.", start=90
    )
    out = {e.event_id: e.responds_to for e in link_proposals([offer, earlier, later], Settings())}
    assert out == {offer.event_id: None, earlier.event_id: None, later.event_id: offer.event_id}


def test_threads_answer_links_to_the_latest_proposal_and_result_is_order_independent(
    mechanism_event,
):
    first = mechanism_event(type="PROPOSE", date="3019-01-10", mechanism=None, quote="First offer.")
    second = mechanism_event(
        type="PROPOSE", date="3019-02-01", mechanism=None, quote="Second offer."
    )
    reply = mechanism_event(type="REJECT", date="3019-02-15", mechanism=None, quote="Refused.")
    kept = mechanism_event(
        type="REJECT",
        date="3019-02-16",
        mechanism=None,
        quote="Refused again.",
        responds_to=first.event_id,
    )
    results = set()
    for order in itertools.permutations([first, second, reply, kept]):
        out = link_proposals(order, Settings())
        assert [e.event_id for e in out] == [e.event_id for e in order]
        results.add(frozenset((e.event_id, e.responds_to) for e in out))
    assert results == {
        frozenset(
            {
                (first.event_id, None),
                (second.event_id, None),
                (reply.event_id, second.event_id),
                (kept.event_id, first.event_id),
            }
        )
    }


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        # before the proposal: nothing to list
        ("3019-01-31", []),
        # proposed, no answer yet, window open
        ("3019-02-20", [(15, True)]),
        # still unanswered after the window
        ("3019-05-01", [(85, False)]),
    ],
)
def test_threads_unanswered_proposals(proposal, mechanism_event, as_of, expected):
    reply_after = mechanism_event(
        type="REJECT", date="3019-06-01", mechanism=None, quote="Too late."
    )
    found = unanswered_proposals([proposal, reply_after], as_of, Settings())
    assert [(u.days_waiting, u.window_open) for u in found] == expected
    assert all(u.event.event_id == proposal.event_id for u in found)


def test_threads_answered_proposal_is_not_listed(proposal, mechanism_event):
    reply = mechanism_event(type="REJECT", date="3019-02-09", mechanism=None, quote="No.")
    assert unanswered_proposals([proposal, reply], "3019-03-01", Settings()) == []


def test_threads_proposal_threads_group_answers(proposal, mechanism_event):
    reject = mechanism_event(
        type="REJECT", date="3019-02-09", mechanism=None, quote="No.", initiator="RHN"
    )
    call = mechanism_event(
        type="CALL", date="3019-03-01", mechanism=None, quote="They spoke after all."
    )
    (thread,) = proposal_threads([call, proposal, reject], "3019-03-10", Settings())
    assert thread.proposal.event_id == proposal.event_id
    assert [a.event_id for a in thread.answers] == [reject.event_id, call.event_id]
    assert thread.to_dict()["answers"][0] == {
        "event_id": reject.event_id,
        "type": "REJECT",
        "date": "3019-02-09",
        "actors": ["GDR", "RHN"],
        "initiator": "RHN",
        "mechanism": None,
        "evidence": "No.",
    }
