"""People named earlier in a document count for later sentences (surname, title, pronoun)."""

import pytest


@pytest.mark.parametrize(
    "second",
    [
        "On Friday, Hegseth met Dong on the sidelines of the ADMM-Plus.",      # surnames
        "On Friday, the secretary met Dong on the sidelines of the ADMM-Plus.",  # title word
        "On Friday, he met Dong on the sidelines of the ADMM-Plus.",             # pronoun
    ],
)
def test_people_later_mentions_give_parties(extract_text, second):
    # the first sentence is a video call (a CALL), so the only MEET is the second one
    first = ("Secretary of War Pete Hegseth held a video call with Chinese Defense Minister "
             "Adm. Dong Jun on Sept. 9.")
    events = extract_text(first + " " + second, "2025-11-02")
    assert sorted((e.type, e.actors, e.date) for e in events) == [
        ("CALL", ("CHN", "USA"), "2025-09-09"),
        ("MEET", ("CHN", "USA"), "2025-10-31"),
    ]


def test_people_family_name_first(extract_text):
    # "Dong Jun" is Admiral Dong; a later bare "Jun" is not looked for, "Dong" is
    text = ("Chinese Defense Minister Dong Jun held a video call with U.S. Defense Secretary "
            "Lloyd Austin on April 16. Dong met Austin in Singapore on May 31.")
    meets = [e for e in extract_text(text, "2024-06-01") if e.type == "MEET"]
    assert [(e.actors, e.date) for e in meets] == [(("CHN", "USA"), "2024-05-31")]


def test_people_unknown_names_are_not_remembered_without_party(extract_text):
    # "he" is John Smith, who has no party: the meeting has one party only
    text = "John Smith spoke at a forum on Monday. On Tuesday, he met Dong Jun."
    events = extract_text(text, "2024-06-05")
    assert [e for e in events if e.type == "MEET"] == []
    # the same sentence with a known official does give the meeting
    known = extract_text("Lloyd Austin spoke at a forum on Monday. On Tuesday, he met Dong Jun.", "2024-06-05")
    assert [(e.type, e.actors) for e in known] == [("MEET", ("CHN", "USA"))]
