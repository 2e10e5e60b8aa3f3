"""Party groups with dated membership: shipped groups, user groups, include/exclude, errors."""

from __future__ import annotations

from datetime import date

import pytest

from mildip._exceptions import SettingsError, UnknownGroupError
from mildip.kb.groups import allied, group_names, in_group, load_groups, members_on, parse_group
from mildip.resources import provenance
from mildip.settings import Settings


@pytest.mark.parametrize(
    ("party", "group", "on", "expected"),
    [
        ("FIN", "nato", "2023-04-03", False),  # the day before accession
        ("FIN", "nato", "2023-04-04", True),  # accession day
        ("SWE", "nato", "2024-03-06", False),
        ("SWE", "nato", "2024-03-07", True),
        ("DEU", "nato", "1955-05-05", False),
        ("DEU", "nato", "1955-05-06", True),
        ("MKD", "us-allies", "2020-03-27", True),  # via include = ["nato"]
        ("FIN", "us-allies", "2023-04-03", False),
        ("JPN", "us-allies", "2000-01-01", True),  # bilateral treaty ally
        ("PHL", "us-allies", "1950-01-01", False),  # before the 1951 treaty
        ("USA", "us-allies", "2020-01-01", False),  # excluded although a NATO member
        ("NATO", "us-allies", "2020-01-01", False),  # the organisation is not an ally
        ("GBR", "eu", "2020-01-31", True),  # last day of membership
        ("GBR", "eu", "2020-02-01", False),
        ("HRV", "eu", "2013-06-30", False),
        ("HRV", "eu", "2013-07-01", True),
        ("EU", "eu", "2010-05-01", True),
        ("TLS", "asean", "2025-10-25", False),
        ("TLS", "asean", "2025-10-26", True),
        ("AUS", "quad", "2007-06-01", True),
        ("AUS", "quad", "2012-01-01", False),  # dormant 2008-2017
        ("IND", "quad", "2017-11-12", True),
    ],
)
def test_groups_shipped_membership_is_dated(party, group, on, expected):
    assert in_group(party, group, on) is expected


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        ("2023", True),  # a partial date counts when membership overlaps any day of it
        ("2023-04", True),
        ("2023-03", False),
        ("2022", False),
        (date(2023, 4, 4), True),
        (date(2023, 4, 3), False),
    ],
)
def test_groups_partial_query_date_overlaps(on, expected):
    assert in_group("FIN", "nato", on) is expected


def test_groups_current_members_have_no_end_date():
    assert "GBR" not in members_on("eu", None)
    assert members_on("quad", None) == {"USA", "JPN", "AUS", "IND"}
    assert len(members_on("nato", None) - {"NATO"}) == 32


def test_groups_us_allies_never_contains_the_united_states():
    for year in range(1949, 2027):
        assert "USA" not in members_on("us-allies", str(year))


def test_groups_shipped_file_names_sources_and_check_date():
    header = " ".join(provenance("groups.toml"))
    assert "2026-11-28" in header
    assert "nato.int" in header and "asean.org" in header


@pytest.mark.parametrize(
    ("party", "on", "expected"),
    [
        ("RHN", "2999", False),  # Rohan joins in 3000
        ("RHN", "3000-01-01", True),
        ("ARN", "3019-03-24", False),  # Arnor joins on 3019-03-25
        ("ARN", "3019-03-25", True),
        ("DAL", "1000", True),  # a plain code is a member for all time
    ],
)
def test_groups_user_group_dated_membership(middle_earth_settings, party, on, expected):
    assert in_group(party, "gondor-allies", on, middle_earth_settings) is expected


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        ("2999", {"GDR", "LOR"}),  # included group contributes only DAL, which is excluded
        ("3019-03-01", {"GDR", "LOR", "RHN"}),
        ("3019-04-01", {"GDR", "LOR", "RHN", "ARN"}),
    ],
)
def test_groups_include_and_exclude(middle_earth_settings, on, expected):
    assert members_on("free-peoples", on, middle_earth_settings) == expected


def test_groups_user_group_replaces_shipped_group():
    settings = Settings(groups={"quad": {"members": ["GDR", "RHN"]}})
    assert members_on("quad", "2020", settings) == {"GDR", "RHN"}
    assert members_on("quad", "2020") == {"USA", "JPN", "AUS", "IND"}


def test_groups_names_list_shipped_and_user_groups(middle_earth_settings):
    assert {"nato", "us-allies", "eu", "asean", "quad"} <= set(group_names())
    assert {"gondor-allies", "free-peoples"} <= set(group_names(middle_earth_settings))


def test_groups_loaded_mapping_is_read_only():
    with pytest.raises(TypeError):
        load_groups()["nato"] = None  # type: ignore[index]


def test_groups_unknown_group_lists_known_ones():
    with pytest.raises(UnknownGroupError, match="known groups: .*nato"):
        members_on("shire-council", "3019")


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"members": []}, "is empty"),
        ({"members": ["gdr"]}, "upper-case"),
        ({"members": [{"party": "GDR", "since": "March 3019"}]}, "not a date"),
        ({"members": [{"party": "GDR", "since": "3019-05", "until": "3019-04"}]}, "after until"),
        ({"members": ["GDR"], "colour": "white"}, "unknown keys"),
        ({"members": [{"party": "GDR", "from": "3019"}]}, "unknown keys"),
        ({"include": ["no-such-group"]}, "unknown group"),
        ("GDR, RHN", "must be a table"),
    ],
)
def test_groups_invalid_user_group_is_refused(raw, message):
    with pytest.raises(SettingsError, match=message):
        load_groups(Settings(groups={"broken": raw}))


def test_groups_include_cycle_is_refused():
    settings = Settings(groups={"a": {"include": ["b"]}, "b": {"include": ["a"]}})
    with pytest.raises(SettingsError, match="cycle"):
        load_groups(settings)


@pytest.mark.parametrize(
    ("parties", "on", "expected"),
    [
        (("KOR", "USA"), "2018-06", True),  # a U.S. treaty ally with the United States
        (("PRK", "USA"), "2018-06", False),
        (("FRA", "DEU"), "2020", True),  # NATO members are one another's allies
        (("JPN", "KOR"), "2020", False),  # two U.S. allies are not each other's
        (("SWE", "USA"), "2020", False),  # Sweden joined NATO on 2024-03-07
        (("SWE", "USA"), "2024-06", True),
        (("USA",), "2020", False),
    ],
)
def test_groups_allied(parties, on, expected):
    assert allied(parties, on, load_groups()) is expected


def test_groups_alliance_flag_must_be_boolean():
    with pytest.raises(SettingsError, match="alliance"):
        parse_group("x", {"members": ["FRA"], "alliance": "yes"}, "test")
