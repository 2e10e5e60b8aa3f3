"""Officials with dated posts (mildip.kb.officials) and the shipped officials.tsv."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest

from mildip import dates
from mildip.kb.officials import (
    LEVELS,
    infer_level,
    load_posts,
    name_key,
    officials_on,
    person_ids,
    resolve_participant,
)
from mildip.resources import load_tsv, provenance


@pytest.mark.parametrize(
    "on, title, level",
    [
        ("2017-06", "Defense Minister", None),  # before office: known person, no post then
        ("2018-03-19", "Minister of National Defense", "minister"),  # first day
        ("2022-11-22", "Minister of National Defense", "minister"),  # ADMM-Plus meeting with Austin
        ("2023-03", "Minister of National Defense", "minister"),  # month of the handover
        ("2024-05", "Defense Minister", None),  # after office
    ],
)
def test_officials_minister_before_during_after_office(on, title, level):
    p = resolve_participant("Wei Fenghe", "then PRC Defense Minister", "CHN", on)
    assert p.person_id == "wei-fenghe" and p.party == "CHN" and p.name == "Wei Fenghe"
    if level:
        assert (p.title, p.level) == (title, level)
    else:
        # out of office the title written in the text is kept, its level inferred
        assert p.title == "then PRC Defense Minister" and p.level == "minister"


@pytest.mark.parametrize(
    "on, person",
    [
        ("2023-10", "li-shangfu"),
        ("2023-12-29", "dong-jun"),
        ("2024-05", "dong-jun"),
    ],
)
def test_officials_role_looked_up_by_event_date(on, person):
    [minister] = [p for p in officials_on(on, "CHN") if p.title == "Minister of National Defense"]
    assert minister.person_id == person


@pytest.mark.parametrize(
    "written",
    [
        "CQ Brown, Jr.",
        "Charles Q. Brown Jr.",
        "C.Q. Brown",
        "Air Force Gen. CQ Brown, Jr.",
        "charles q brown",
        "Gen. Charles Q. Brown, Jr.",
    ],
)
def test_officials_alias_forms(written):
    p = resolve_participant(written, None, None, "2023-12-21")
    assert p.person_id == "charles-q-brown"
    assert p.title == "Chairman of the Joint Chiefs of Staff" and p.party == "USA"
    assert p.level == "chief_of_defence"


@pytest.mark.parametrize(
    "a, b",
    [
        ("Phan Văn Giang", "Phan Van Giang"),
        ("Sébastien Lecornu", "sebastien lecornu"),
        ("Ahn Gyu-back", "Ahn Gyu Back"),
    ],
)
def test_officials_name_key_ignores_accents_case_and_punctuation(a, b):
    assert name_key(a) == name_key(b)


def test_officials_unknown_official_is_kept():
    p = resolve_participant("Faramir", "Vice Foreign Minister", "GDR", "3019-03")
    assert (p.name, p.title, p.party, p.level, p.person_id) == (
        "Faramir",
        "Vice Foreign Minister",
        "GDR",
        "vice_minister",
        None,
    )


def test_officials_same_name_two_people_told_apart_by_date():
    # two different Australians named David Johnston: a minister (2013-14) and a CDF (2024-)
    assert (
        resolve_participant("David Johnston", None, "AUS", "2014-03").person_id
        == "david-johnston-minister"
    )
    assert (
        resolve_participant("David Johnston", None, "AUS", "2024-09").person_id
        == "david-johnston-cdf"
    )
    assert resolve_participant("David Johnston", None, "AUS", None).person_id is None


def test_officials_party_constrains_the_match():
    assert person_ids("Wei Fenghe", "USA") == ()
    assert person_ids("Wei Fenghe", "CHN") == ("wei-fenghe",)


def test_officials_two_posts_on_one_date_title_decides():
    # Lin Xiangyang moved from the Central to the Eastern Theater Command in January 2022
    east = resolve_participant(
        "Lin Xiangyang", "Commander of the Eastern Theatre Command", "CHN", "2022-01"
    )
    centre = resolve_participant("Lin Xiangyang", "Central Theater commander", "CHN", "2022-01")
    assert east.title == "Commander, PLA Eastern Theater Command"
    assert centre.title == "Commander, PLA Central Theater Command"


@pytest.mark.parametrize(
    "title, party, on, person",
    [
        ("Commander, U.S. Indo-Pacific Command", "USA", "2024-09-09", "samuel-paparo"),
        ("U.S. Defense Secretary", "USA", "2022-11-22", "lloyd-austin"),
        ("Secretary of State", "USA", "2022-11-22", "antony-blinken"),
        ("PLA theater commander", "CHN", "2024-09-09", None),  # five theater commanders: ambiguous
    ],
)
def test_officials_role_without_name_fills_person_id_only(title, party, on, person):
    p = resolve_participant(None, title, party, on)
    assert p.person_id == person and p.name is None


@pytest.mark.parametrize(
    "title, level",
    [(row["example"], row["level"]) for row in load_tsv("title_levels.tsv")]
    + [
        ("Minister of National Defense", "minister"),
        ("Vice Minister of National Defense", "vice_minister"),
        ("Deputy Secretary of Defense", "vice_minister"),
        ("Secretary of War", "minister"),
        ("Chief of the CMC Joint Staff Department", "chief_of_defence"),
        ("Commander, PLA Southern Theater Command", "theater_commander"),
        ("Commander-in-Chief of the Royal Cambodian Armed Forces", "chief_of_defence"),
        ("President of the National Defense University", None),
        ("Vice Premier", "head_of_government"),
        ("Director-General of the Foreign Affairs Office", "deputy"),
        (None, None),
    ],
)
def test_officials_infer_level_from_title(title, level):
    assert infer_level(title) == level


# --- the shipped file -------------------------------------------------------------------------


def test_officials_file_has_provenance_and_check_date():
    header = " ".join(provenance("officials.tsv"))
    assert "2026-11-28" in header and "may lag" in header


def test_officials_file_rows_are_valid():
    posts = load_posts()
    assert len(posts) > 150
    for p in posts:
        assert re.fullmatch(r"[a-z0-9-]+", p.person_id), p
        assert p.level in LEVELS or p.level is None, p
        assert p.first_day <= p.last_day, p
        dates.precision(p.start)
        assert p.source, p


def test_officials_file_one_person_one_name_and_party():
    seen = {}
    for p in load_posts():
        assert seen.setdefault(p.person_id, (p.name, p.party)) == (p.name, p.party), p.person_id


@pytest.mark.parametrize(
    "party, title",
    [
        (party, title)
        for party, title in [
            ("USA", "Secretary of Defense"),
            ("USA", "Chairman of the Joint Chiefs of Staff"),
            ("CHN", "Minister of National Defense"),
            ("JPN", "Minister of Defense"),
            ("JPN", "Chief of Staff, Joint Staff"),
            ("AUS", "Minister for Defence"),
            ("AUS", "Chief of the Defence Force"),
            ("GBR", "Secretary of State for Defence"),
            ("GBR", "Chief of the Defence Staff"),
            ("RUS", "Minister of Defence"),
            ("RUS", "Chief of the General Staff"),
            ("KOR", "Chairman of the Joint Chiefs of Staff"),
            ("PHL", "Secretary of National Defense"),
            ("VNM", "Minister of National Defence"),
            ("KHM", "Minister of National Defence"),
            ("IND", "Minister of Defence"),
        ]
    ],
)
def test_officials_file_posts_do_not_overlap_by_more_than_a_day(party, title):
    # one holder at a time: a handover day may be shared, a longer overlap is a data error
    posts = sorted(
        (p for p in load_posts() if p.party == party and p.title == title),
        key=lambda p: p.first_day,
    )
    assert posts, (party, title)
    for before, after in pairwise(posts):
        if before.end and len(before.end) == 10 and len(after.start) == 10:
            assert (before.last_day - after.first_day).days <= 0, (before.name, after.name)
