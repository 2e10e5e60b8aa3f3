"""Golden records for tricky sentences: each case says what it exercises.

These sentences are written for the tests (not taken from the dev corpus), so they
check that the rules generalise beyond the texts they were tuned on.
"""

import pytest

import mildip

PUB = "2024-06-20"


def _events(text, published=PUB):
    settings = mildip.load_settings(use_parser=True)
    return mildip.extract(text, published=published, settings=settings)


def _summary(ev):
    return (ev.type, ev.actors, ev.date, ev.initiator, ev.modality)


CASES = [
    # a call with both officials' parties given by their titles; "Tuesday" resolves backwards
    ("Japanese Defense Minister Minoru Kihara held a video call with Australian Defence "
     "Minister Richard Marles on Tuesday.",
     [("CALL", ("AUS", "JPN"), "2024-06-18", None, "asserted")]),
    # an in-person meeting on the sidelines of a forum: the forum's host is a location, not an actor
    ("On June 1, U.S. Defense Secretary Lloyd Austin met with Chinese Defense Minister Dong Jun "
     "on the sidelines of the Shangri-La Dialogue in Singapore.",
     [("MEET", ("CHN", "USA"), "2024-06-01", None, "asserted")]),
    # a numbered round of a named dialogue, passive voice
    ("The 10th India-Vietnam Defence Policy Dialogue was held in Hanoi on May 14.",
     [("DIALOGUE", ("IND", "VNM"), "2024-05-14", None, "asserted")]),
    # cancellation of two channels in one clause: two events, the subject initiates
    ("Beijing cancelled the Maritime Safety Talks and the Border Defence Consultations with Hanoi last month.",
     [("CANCEL", ("CHN", "VNM"), "2024-05", "CHN", "asserted"),
      ("CANCEL", ("CHN", "VNM"), "2024-05", "CHN", "asserted")]),
    # future modality from "will hold"
    ("China and Russia will hold the Joint Sea 2024 naval exercise in July.",
     [("EXERCISE", ("CHN", "RUS"), "2024-07", None, "future")]),
    # negation: nothing happened, but the record says so
    ("Philippine and Chinese defense officials did not meet during the forum.",
     [("MEET", ("CHN", "PHL"), "2024", None, "negated")]),
    # a port call: the navy's party is the initiator and the port's country the host
    ("Two Indian Navy ships made a port call at Manila on May 20.",
     [("PORT_CALL", ("IND", "PHL"), "2024-05-20", "IND", "asserted")]),
    # a proposal rejected in one sentence: two events, each with its own initiator
    ("Tokyo proposed a meeting of defense chiefs, but Beijing declined the invitation.",
     [("PROPOSE", ("CHN", "JPN"), "2024", "JPN", "asserted"),
      ("REJECT", ("CHN", "JPN"), "2024", "CHN", "asserted")]),
    # an interception: active voice, the subject initiates
    ("A Chinese J-16 fighter intercepted an Australian P-8A aircraft over the South China Sea on May 4.",
     [("INCIDENT", ("AUS", "CHN"), "2024-05-04", "CHN", "asserted")]),
    # a hotline set up between two ministries
    ("The South Korean and Chinese defense ministries established a new direct hotline in March.",
     [("ESTABLISH", ("CHN", "KOR"), "2024-03", None, "asserted")]),
    # "visiting" as an adjective: the party after it is the visitor, the capital the place
    ("In Beijing, General Secretary Xi Jinping met with visiting French President Emmanuel Macron on April 6.",
     [("MEET", ("CHN", "FRA"), "2024-04-06", "FRA", "asserted")]),
    # a month named May is not the modal verb "may"
    ("On May 2, China and the United States held talks.",
     [("MEET", ("CHN", "USA"), "2024-05-02", None, "asserted")]),
    # a generic object stays generic when a party is named after it
    ("China suspended the military dialogues with the United States.", []),
    # a nominal call with its own date, whose parties come from "the two leaders" of the last event
    ("Japanese Defense Minister Minoru Kihara met Australian Defence "
     "Minister Richard Marles on June 3. The meeting followed the two leaders' May 20 video call.",
     [("MEET", ("AUS", "JPN"), "2024-06-03", None, "asserted"),
      ("CALL", ("AUS", "JPN"), "2024-05-20", None, "asserted")]),
    # an incident: the agent against the first party after the trigger, not the bystander
    ("A PLA Navy destroyer cut across the bow of the U.S. destroyer USS Chung-Hoon during a transit "
     "with the Canadian frigate HMCS Montreal on June 3.",
     [("INCIDENT", ("CHN", "USA"), "2024-06-03", "CHN", "asserted")]),
    # a round told as "the Nth round of their ... consultations"
    ("The European Union and China met in Beijing on 11 March for the 14th round of their annual "
     "consultations on security and defence.",
     [("DIALOGUE", ("CHN", "EU"), "2024-03-11", None, "asserted")]),
    # a generic statement: no event
    ("Military-to-military dialogues between the two countries have often been difficult.", []),
    # coordinated dates: one incident per date, the year shared
    ("Chinese J-15 fighters intercepted Japanese P-3C aircraft on June 7 and June 8.",
     [("INCIDENT", ("CHN", "JPN"), "2024-06-07", "CHN", "asserted"),
      ("INCIDENT", ("CHN", "JPN"), "2024-06-08", "CHN", "asserted")]),
    # a wish is no event
    ("The U.S. side remains ready to meet with Chinese counterparts in June.", []),
    # a habit, not an event: no date and a habitual cue
    ("Japanese and Chinese defense ministers have met several times at the ADMM-Plus.", []),
    # a question naming both parties: no event (the statement below, same words, gives one)
    ("Will Chinese and U.S. defense officials meet in Singapore this year?", []),
    # the question's statement: a future meeting, so the question rule is what removes it
    ("Chinese and U.S. defense officials will meet in Singapore this year.",
     [("MEET", ("CHN", "USA"), "2024", None, "future")]),
    # a resumption: "the first ... in five years" marks a resumed round
    ("In April, China and Canada held their first defence consultations in five years.",
     [("DIALOGUE", ("CAN", "CHN"), "2024-04", None, "asserted")]),
]


@pytest.mark.parametrize("text, expected", CASES, ids=[c[0][:40] for c in CASES])
def test_extract_rules_golden(text, expected):
    got = sorted(_summary(e) for e in _events(text))
    assert got == sorted(expected)


def test_extract_rules_mechanism_drops_party_tail():
    (ev,) = _events("China suspended the Maritime Safety Talks with the United States.")
    assert ev.mechanism == "China-U.S. Maritime Safety Talks"


def test_extract_rules_pronoun_and_surname_stand_for_people_named_before():
    text = ("U.S. Defense Secretary Lloyd Austin spoke with Adm. Dong Jun on April 16. "
            "It was his first talk with a PRC minister since he met then-Minister Wei Fenghe "
            "in Cambodia in November 2022.")
    events = sorted(_events(text, published="2024-04-17"), key=lambda e: e.date)
    assert [(e.type, e.actors, e.date) for e in events] == [
        ("MEET", ("CHN", "USA"), "2022-11"),
        ("CALL", ("CHN", "USA"), "2024-04-16"),
    ]


def test_extract_rules_registry_gives_parties_of_a_named_channel():
    text = "The Military Maritime Consultative Agreement working group meeting convened in Honolulu earlier this month."
    (ev,) = _events(text, published="2024-04-17")
    assert ev.type == "DIALOGUE" and ev.actors == ("CHN", "USA") and ev.date == "2024-04"


def test_extract_rules_copular_round_merges_with_the_exercise():
    text = ("The China-Cambodia Golden Dragon 2024 joint exercise concluded on May 30. "
            "It is learned that this is the sixth China-Cambodia Golden Dragon joint exercise.")
    (ev,) = _events(text, published="2024-05-31")
    assert (ev.type, ev.round, ev.mechanism, ev.date) == ("EXERCISE", 6, "Golden Dragon", "2024-05")
    assert len(ev.evidence) == 2


def test_extract_rules_first_since_is_no_new_round():
    text = ("The 23rd Australia-China Defence Strategic Dialogue was held in Beijing on 17 February 2025. "
            "It was the first Dialogue since the twenty-second round, which took place in Sydney in November 2019.")
    rounds = sorted((e.round, e.date) for e in _events(text, published="2025-02-18"))
    assert rounds == [(22, "2019-11"), (23, "2025-02-17")]


def test_extract_rules_resumed_round_flag():
    (ev,) = _events("In April, China and Canada held their first defence consultations in five years.")
    assert ev.resumed is True and ev.round is None


def test_extract_rules_ordinal_round():
    (ev,) = _events("The 10th India-Vietnam Defence Policy Dialogue was held in Hanoi on May 14.")
    assert ev.round == 10 and ev.location == "VNM"


def test_extract_rules_participants_exclude_spokespeople_and_far_clauses():
    text = ("According to MND spokesperson Tan Kefei, the U.S. side proposed a call between the "
            "defense chiefs, but Beijing rejected the offer.")
    events = _events(text)
    assert events, "the proposal and the rejection should be found"
    for ev in events:
        assert all(p.name != "Tan Kefei" for p in ev.participants)


def test_extract_rules_name_is_not_a_service():
    text = "Chairman of the Joint Chiefs of Staff Air Force Gen. CQ Brown, Jr. held a video call with PLA Gen. Liu Zhenli."
    (ev,) = _events(text)
    assert {p.name for p in ev.participants} >= {"Liu Zhenli"}
    assert all("Air Force" not in (p.name or "") for p in ev.participants)


def test_extract_rules_evidence_offsets_are_exact():
    text = "Intro line.\n\nOn June 1, Lloyd Austin met with Dong Jun in Singapore (MND, June 2)."
    (ev,) = _events(text)
    assert ev.evidence
    for span in ev.evidence:
        assert text[span.start : span.end] == span.quote
        assert span.extractor_version == mildip.EXTRACTOR_VERSION


def test_extract_rules_then_minister_resolves_by_event_date():
    text = "Last November, U.S. Defense Secretary Lloyd Austin met with then PRC Defense Minister Wei Fenghe."
    (ev,) = _events(text, published="2023-04-14")
    names = {p.name: p for p in ev.participants}
    assert names["Wei Fenghe"].party == "CHN"
    assert names["Wei Fenghe"].level == "minister"
    assert ev.date == "2022-11"


def test_extract_rules_list_items_inherit_lead_in():
    text = ("On 5 August, the Gondor-facing Chinese Ministry of Foreign Affairs announced measures:\n\n"
            "  • Canceling China-U.S. Theater Commanders Talk.\n"
            "  • Suspending China-U.S. talks on climate change.\n")
    got = sorted(_summary(e) for e in _events(text, published="2022-08-05"))
    assert got == [
        ("CANCEL", ("CHN", "USA"), "2022-08-05", "CHN", "asserted"),
        ("SUSPEND", ("CHN", "USA"), "2022-08-05", "CHN", "asserted"),
    ]


def test_extract_rules_repeated_mentions_merge():
    text = ("China and Cambodia held the Golden Dragon 2024 joint exercise in May. "
            "It is learned that this is the sixth China-Cambodia Golden Dragon joint exercise.")
    events = _events(text)
    exercises = [e for e in events if e.type == "EXERCISE"]
    assert len(exercises) == 1
    assert len(exercises[0].evidence) >= 1
