"""Officials with dated posts (mildip.kb.officials) and the shipped officials.tsv."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date, timedelta
from itertools import combinations

import pytest

from mildip import dates
from mildip.kb.officials import (
    LEVELS,
    Post,
    infer_level,
    load_posts,
    name_key,
    officials_on,
    person_ids,
    posts_of,
    resolve_participant,
    sole_surname_holder,
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
    assert "2026-12-03" in header and "may lag" in header


def test_officials_file_rows_are_valid():
    posts = load_posts()
    assert len(posts) > 600
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


# --- one holder at a time ---------------------------------------------------------------------

MULTI_HOLDER_TITLES = frozenset(
    {
        "Vice Chairman of the Central Military Commission",
        "Deputy Director, CMC Office for International Military Cooperation",
        "Vice Foreign Minister",
        "State Councilor",
    }
)
"""Titles several people hold at once; every other title is one holder at a time."""

_STAND_IN = re.compile(r"^(?:Acting|Caretaker|Interim) ")


def _office(title: str) -> str:
    """The post a title is held in: "Acting President" stands in for "President"."""
    return _STAND_IN.sub("", title)


def _order_conflicts(posts: list[Post]) -> list[tuple[str, str]]:
    """Pairs of holders of one single-holder office whose dates cannot both be right: the
    earlier post ends (at the earliest day its partial date allows) after the later one
    starts (at the latest day), or stays open although a later holder follows. A shared
    handover day is fine; acting holders may overlap (they stand in for a suspended or
    absent holder)."""
    conflicts = []
    ordered = sorted(posts, key=lambda p: (p.first_day, p.last_day))
    for i, before in enumerate(ordered):
        for after in ordered[i + 1 :]:
            if _STAND_IN.match(before.title) or _STAND_IN.match(after.title):
                continue
            ends = dates.bounds(before.end)[0] if before.end else date.max
            if ends > dates.bounds(after.start)[1]:
                conflicts.append((before.name, after.name))
    return conflicts


def _offices() -> dict[tuple[str, str], list[Post]]:
    grouped: dict[tuple[str, str], list[Post]] = defaultdict(list)
    for p in load_posts():
        if p.title not in MULTI_HOLDER_TITLES:
            grouped[(p.party, _office(p.title))].append(p)
    return grouped


def _gondor(name: str, title: str, start: str, end: str | None) -> Post:
    return Post(name.lower(), name, (), "GDR", title, "minister", start, end, "invented")


@pytest.mark.parametrize(
    "posts, conflicts",
    [
        # handover on one day, then by month: no conflict
        (
            [
                _gondor("Denethor", "Steward", "3000-01-01", "3019-03-15"),
                _gondor("Faramir", "Steward", "3019-03-15", "3019-05"),
                _gondor("Hurin", "Steward", "3019-05", None),
            ],
            [],
        ),
        # a week of two stewards
        (
            [
                _gondor("Denethor", "Steward", "3000-01-01", "3019-03-22"),
                _gondor("Faramir", "Steward", "3019-03-15", None),
            ],
            [("Denethor", "Faramir")],
        ),
        # an incumbent followed by a successor
        (
            [
                _gondor("Denethor", "Steward", "3000", None),
                _gondor("Faramir", "Steward", "3019", None),
            ],
            [("Denethor", "Faramir")],
        ),
        # an acting steward while the steward is away is allowed
        (
            [
                _gondor("Denethor", "Steward", "3000-01-01", "3019-03-15"),
                _gondor("Boromir", "Acting Steward", "3018-06", "3018-09"),
            ],
            [],
        ),
    ],
)
def test_officials_order_conflicts_on_invented_posts(posts, conflicts):
    assert _order_conflicts(posts) == conflicts


def test_officials_file_single_holder_posts_do_not_overlap():
    # e.g. two U.S. Secretaries of Defense on one day would be a data error
    offices = _offices()
    assert len(offices) > 120
    bad = {key: c for key, posts in offices.items() if (c := _order_conflicts(posts))}
    assert bad == {}


def _first_vacant_day(posts: list[Post], start: date, end: date) -> date | None:
    """The first day in [start, end] that no post covers, or None."""
    day = start
    for p in sorted(posts, key=lambda p: p.first_day):
        if p.first_day > day:
            break
        day = max(day, p.last_day + timedelta(days=1)) if p.last_day < date.max else date.max
    return day if day <= end else None


_LISTED_UNTIL = {("USA", "National Security Advisor"): date(2025, 5, 1)}
"""Offices listed completely only to an earlier day (Rubio's interim tenure as national
security adviser is left out, so that an untitled "Rubio" stays the Secretary of State)."""


@pytest.mark.parametrize(
    "party, office, since",
    [
        ("USA", "President", "2010-01-01"),
        ("USA", "Secretary of Defense", "2010-01-01"),
        ("USA", "National Security Advisor", "2010-01-01"),
        ("CHN", "President", "2010-01-01"),
        ("CHN", "Premier", "2010-01-01"),
        ("CHN", "Minister of Foreign Affairs", "2010-01-01"),
        ("CHN", "Commander of the PLA Navy", "2010-01-01"),
        ("CHN", "Commander, PLA Southern Theater Command", "2016-02-01"),
        ("JPN", "Prime Minister", "2010-01-01"),
        ("JPN", "Minister for Foreign Affairs", "2010-01-01"),
        ("JPN", "Minister of Defense", "2010-01-01"),
        ("JPN", "Chief of Staff, Joint Staff", "2010-01-01"),
        ("KOR", "President", "2010-01-01"),
        ("KOR", "Minister of Foreign Affairs", "2010-10-31"),
        ("KOR", "Minister of National Defense", "2010-01-01"),
        ("KOR", "Chairman of the Joint Chiefs of Staff", "2010-06-30"),
        ("PRK", "Minister of Foreign Affairs", "2010-01-01"),
        ("PRK", "Minister of National Defence", "2010-01-01"),
        ("TWN", "President", "2010-01-01"),
        ("TWN", "Minister of Foreign Affairs", "2010-01-01"),
        ("TWN", "Minister of National Defense", "2010-01-01"),
        ("AUS", "Prime Minister", "2010-01-01"),
        ("AUS", "Chief of the Defence Force", "2010-01-01"),
        ("NZL", "Prime Minister", "2010-01-01"),
        ("NZL", "Minister of Foreign Affairs", "2010-01-01"),
        ("NZL", "Minister of Defence", "2010-01-01"),
        ("PHL", "President", "2010-01-01"),
        ("PHL", "Secretary of Foreign Affairs", "2010-01-01"),
        ("PHL", "Chief of Staff of the Armed Forces of the Philippines", "2010-03-31"),
        ("VNM", "Prime Minister", "2010-01-01"),
        ("VNM", "Minister of Foreign Affairs", "2010-01-01"),
        ("VNM", "Minister of National Defence", "2010-01-01"),
        ("IDN", "President", "2010-01-01"),
        ("IDN", "Commander of the Indonesian National Armed Forces", "2010-01-01"),
        ("SGP", "Prime Minister", "2010-01-01"),
        ("SGP", "Minister for Foreign Affairs", "2010-01-01"),
        ("SGP", "Minister for Defence", "2010-01-01"),
        ("KHM", "Minister of National Defence", "2010-01-01"),
        ("LAO", "Prime Minister", "2010-01-01"),
        ("MMR", "President", "2011-03-30"),
        ("IND", "Prime Minister", "2010-01-01"),
        ("IND", "Minister of External Affairs", "2010-01-01"),
        ("IND", "Minister of Defence", "2010-01-01"),
        ("IND", "Chief of the Army Staff", "2010-01-01"),
        ("IND", "Chief of the Naval Staff", "2010-01-01"),
        ("PAK", "President", "2010-01-01"),
        ("PAK", "Chief of the Army Staff", "2010-01-01"),
        ("BGD", "President", "2010-01-01"),
        ("LKA", "President", "2010-01-01"),
        ("RUS", "President", "2010-01-01"),
        ("RUS", "Prime Minister", "2010-01-01"),
        ("RUS", "Minister of Foreign Affairs", "2010-01-01"),
        ("GBR", "Prime Minister", "2010-05-11"),
        ("GBR", "Foreign Secretary", "2010-05-12"),
        ("GBR", "Secretary of State for Defence", "2010-05-12"),
        ("FRA", "President", "2010-01-01"),
        ("FRA", "Prime Minister", "2010-01-01"),
        ("DEU", "Chancellor", "2010-01-01"),
        ("DEU", "Minister for Foreign Affairs", "2010-01-01"),
        ("DEU", "Minister of Defence", "2010-01-01"),
        ("CAN", "Prime Minister", "2010-01-01"),
        ("CAN", "Minister of National Defence", "2010-01-01"),
        ("NATO", "NATO Secretary General", "2010-01-01"),
        (
            "EU",
            "High Representative of the Union for Foreign Affairs and Security Policy",
            "2010-01-01",
        ),
    ],
)
def test_officials_file_lists_every_holder_since_2010(party, office, since):
    # for these offices the file claims a complete list: no day without a holder to 2025
    posts = _offices()[(party, office)]
    until = _LISTED_UNTIL.get((party, office), date(2025, 12, 31))
    vacant = _first_vacant_day(posts, date.fromisoformat(since), until)
    assert vacant is None, f"{party} {office}: nobody listed on {vacant}"


# --- people added for the parties of Indo-Pacific military diplomacy --------------------------


@pytest.mark.parametrize(
    "name, inside, outside, party, title",
    [
        ("Penny Wong", "2023-06-01", "2021-06-01", "AUS", "Minister for Foreign Affairs"),
        ("Joseph Wu", "2020-03", "2025-03", "TWN", "Minister of Foreign Affairs"),
        ("Wellington Koo", "2025-01", "2023-01", "TWN", "Minister of National Defense"),
        ("William Lai", "2024-06-01", "2016-06-01", "TWN", "President"),
        ("Jake Sullivan", "2023-05-10", "2025-03", "USA", "National Security Advisor"),
        ("Mike Mullen", "2010-06", "2012-06", "USA", "Chairman of the Joint Chiefs of Staff"),
        (
            "Yang Jiechi",
            "2020-06",
            "2024-06",
            "CHN",
            "Director of the Office of the Central Foreign Affairs Commission",
        ),
        ("Hu Zhongming", "2024-06", "2022-06", "CHN", "Commander of the PLA Navy"),
        ("Yoko Kamikawa", "2024-03", "2022-03", "JPN", "Minister for Foreign Affairs"),
        ("Kan Naoto", "2011-03-11", "2013-01", "JPN", "Prime Minister"),
        ("Lee Myung-bak", "2011-06", "2014-06", "KOR", "President"),
        ("Choe Son Hui", "2023-06", "2021-06", "PRK", "Minister of Foreign Affairs"),
        (
            "Kim Jong Un",
            "2022-01",
            "2010-06",
            "PRK",
            "General Secretary of the Workers' Party of Korea",
        ),
        ("Prabowo", "2022-11", "2018-01", "IDN", "Minister of Defence"),
        ("Ng Eng Hen", "2019-06", "2025-08", "SGP", "Minister for Defence"),
        ("Hishammuddin Hussein", "2015-05", "2019-01", "MYS", "Minister of Defence"),
        ("Prayut", "2016-01", "2024-01", "THA", "Prime Minister"),
        (
            "Tô Lâm",
            "2025-01",
            "2023-01",
            "VNM",
            "General Secretary of the Communist Party of Vietnam",
        ),
        ("Manoj Pande", "2023-01", "2025-01", "IND", "Chief of the Army Staff"),
        ("Asim Munir", "2024-01", "2021-01", "PAK", "Chief of the Army Staff"),
        ("Boris Pistorius", "2024-06", "2022-06", "DEU", "Minister of Defence"),
        ("Anita Anand", "2022-06", "2020-06", "CAN", "Minister of National Defence"),
        ("Judith Collins", "2024-06", "2022-06", "NZL", "Minister of Defence"),
        ("Mark Rutte", "2025-02", "2023-02", "NATO", "NATO Secretary General"),
        (
            "Kaja Kallas",
            "2025-03",
            "2023-03",
            "EU",
            "High Representative of the Union for Foreign Affairs and Security Policy",
        ),
    ],
)
def test_officials_new_people_resolve_inside_their_post_only(name, inside, outside, party, title):
    held = resolve_participant(name, None, None, inside)
    assert (held.party, held.title, held.name) == (party, title, name)
    assert held.person_id is not None
    # outside the post the person is still known, but no title is invented for them
    out = resolve_participant(name, None, None, outside)
    assert (out.person_id, out.party, out.title) == (held.person_id, party, None)


# fmt: off
COMMON_FAMILY_NAMES = (
    "Lee", "Kim", "Park", "Wang", "Li", "Zhang", "Nguyen", "Singh", "Chen", "Wu", "Lin", "Liu",
    "Yang", "Huang", "Zhao", "Zhou", "Xu", "Sun", "Ma", "Hu", "Choi", "Chung", "Jung", "Kang",
    "Cho", "Yoon", "Tran", "Le", "Pham", "Ng", "Tan", "Lim", "Wong", "Chan", "Khan", "Sharif",
    "Rajapaksa",
)
# fmt: on
"""Family names that many people share: alone they must never name one person."""


@pytest.mark.parametrize("surname", COMMON_FAMILY_NAMES)
def test_officials_common_family_name_alone_resolves_nobody(surname):
    assert person_ids(surname) == ()
    assert person_ids(f"President {surname}") == ()
    assert resolve_participant(surname, "Minister", None, "2024-06").person_id is None


def _last_word(name: str) -> str:
    return [w for w in name.replace(",", " ").split() if w not in ("Jr.", "Jr", "II", "III")][-1]


def test_officials_file_no_common_family_name_is_one_persons_last_word():
    # the extractor takes a lone capitalised word after a title ("President Lee") for the
    # surname of the one listed person whose name ends in it (mildip.extract.persons): a
    # family name written last ("David Lee") would give every "Lee" to that person
    people = defaultdict(set)
    for p in load_posts():
        people[_last_word(p.name)].add(p.person_id)
    assert {f: people[f] for f in COMMON_FAMILY_NAMES if len(people.get(f, ())) == 1} == {}


@pytest.mark.parametrize(
    "name, on, person",
    [
        ("Lee Jae-myung", "2025-08", "lee-jae-myung"),
        ("Lee Myung Bak", "2012-01", "lee-myung-bak"),
        ("Kim Jong-un", "2020-01", "kim-jong-un"),
        ("Park Geun-hye", "2015-01", "park-geun-hye"),
        ("Wang Yi", "2024-01", "wang-yi"),
        ("Li Qiang", "2024-01", "li-qiang"),
        ("Zhang Youxia", "2024-01", "zhang-youxia"),
        ("Nguyen Phu Trong", "2020-01", "nguyen-phu-trong"),
        ("Rajnath Singh", "2024-01", "rajnath-singh"),
        ("Manmohan Singh", "2012-01", "manmohan-singh"),
    ],
)
def test_officials_common_family_name_resolves_with_the_full_name(name, on, person):
    assert resolve_participant(name, None, None, on).person_id == person


def test_officials_file_shared_names_are_told_apart_by_party_or_date():
    # two people with one written form (the Australians David Johnston) must never hold
    # posts of one party on overlapping dates, or the matcher could not tell them apart
    written: dict[str, set[str]] = defaultdict(set)
    for p in load_posts():
        for form in (p.name, *p.aliases):
            written[name_key(form)].add(p.person_id)
    for key, ids in written.items():
        for a, b in combinations(sorted(ids), 2):
            for pa in posts_of(a):
                for pb in posts_of(b):
                    clash = (
                        pa.party == pb.party
                        and pa.first_day <= pb.last_day
                        and pb.first_day <= pa.last_day
                    )
                    assert not clash, (key, pa, pb)


FAMILY_NAME_FIRST = frozenset({"CHN", "TWN", "KOR", "PRK", "VNM", "KHM"})


def test_officials_file_one_word_aliases_are_never_family_names():
    # "Prabowo", "Jokowi" and "Prayut" are how these people are known; a bare family
    # name ("Subianto", "Marcos") is not an alias: the matcher derives surnames itself
    for p in load_posts():
        words = p.name.split()
        family = words[0] if p.party in FAMILY_NAME_FIRST else _last_word(p.name)
        for alias in p.aliases:
            if len(alias.split()) == 1 and len(words) > 1:
                assert name_key(alias) != name_key(family), (p.person_id, alias)


FAMILY_FIRST = frozenset({"CHN", "TWN", "KOR", "PRK", "VNM"})


@pytest.mark.parametrize(
    ("surname", "on", "expected"),
    [
        ("Austin", "2024-06-20", "lloyd-austin"),
        ("Marles", "2024-06-20", "richard-marles"),
        # not yet in office
        ("Hegseth", "2024-06-20", None),
        # a generational suffix is no surname
        ("Teodoro", "2024-06-20", "gilberto-teodoro"),
        ("Jr.", "2024-06-20", None),
        # a family name written first, that one person alone bears
        ("Xi", "2024-06-20", "xi-jinping"),
        # ... and one that several bear
        ("Wang", "2024-06-20", None),
        # a given name written second is no surname
        ("Jinping", "2024-06-20", None),
    ],
)
def test_officials_sole_surname_holder_on_a_date(surname, on, expected):
    post = sole_surname_holder(surname, on, FAMILY_FIRST)
    assert (post.person_id if post else None) == expected
