"""The per-document stage of resolution (mildip.resolve.document)."""

from __future__ import annotations

import pytest

from mildip.resolve.document import realised_plans, resolve_document


def test_resolve_document_a_plan_reported_done_is_one_event(mention, coref_settings):
    plan = mention("The King of Rohan was to visit Gondor in March.", type="MEET", date="3019-03", modality="future")
    done = mention("Theoden met Aragorn in Minas Tirith on March 9.", start=120, type="MEET")
    [event] = resolve_document([plan, done], coref_settings)
    assert event.modality == "asserted"
    assert event.date == "3019-03-09"
    assert [e.start for e in event.evidence] == [0, 120]


@pytest.mark.parametrize(
    "plan_date, why",
    [
        ("3019", "a plan known only to the year stays a plan"),
        ("3019-05", "a plan for another month is another event"),
    ],
)
def test_resolve_document_a_plan_stays_a_plan(mention, plan_date, why):
    plan = mention("The two kings will meet again.", type="MEET", date=plan_date, modality="future")
    done = mention("Theoden met Aragorn on March 9.", start=120, type="MEET")
    assert [e.modality for e in realised_plans([plan, done])] == ["future", "asserted"], why


def test_resolve_document_a_plan_of_another_type_stays_a_plan(mention):
    plan = mention("Gondor and Rohan will hold a call in March.", date="3019-03", modality="future")
    done = mention("Theoden met Aragorn on March 9.", start=120, type="MEET")
    assert realised_plans([plan, done])[0].modality == "future"
