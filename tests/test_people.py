"""People named earlier in a document count for later sentences (surname, title, pronoun)."""

import pytest

import mildip


def _events(text, published="2025-11-02"):
    return mildip.extract(text, published=published, settings=mildip.load_settings(use_parser=True))


@pytest.mark.parametrize(
    "second",
    [
        "On Friday, Hegseth met Dong on the sidelines of the ADMM-Plus.",      # surnames
        "On Friday, the secretary met Dong on the sidelines of the ADMM-Plus.",  # title word
        "On Friday, he met Dong on the sidelines of the ADMM-Plus.",             # pronoun
    ],
)
def test_people_later_mentions_give_parties(second):
    first = "Secretary of War Pete Hegseth spoke with Chinese Defense Minister Adm. Dong Jun on Sept. 9."
    events = _events(first + " " + second)
    meets = [e for e in events if e.type == "MEET"]
    assert [(e.actors, e.date) for e in meets] == [(("CHN", "USA"), "2025-10-31")]


def test_people_family_name_first():
    # "Dong Jun" is Admiral Dong; a later bare "Jun" is not looked for, "Dong" is
    text = ("Chinese Defense Minister Dong Jun held a video call with U.S. Defense Secretary "
            "Lloyd Austin on April 16. Dong met Austin in Singapore on May 31.")
    meets = [e for e in _events(text, "2024-06-01") if e.type == "MEET"]
    assert [(e.actors, e.date) for e in meets] == [(("CHN", "USA"), "2024-05-31")]


def test_people_unknown_names_are_not_remembered_without_party():
    text = "John Smith spoke at a forum on Monday. On Tuesday, he met Dong Jun."
    assert all(e.type != "MEET" for e in _events(text, "2024-06-05"))
