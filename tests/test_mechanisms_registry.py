"""The mechanism registry: shipped data, matching, near misses, party constraint, discovery."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mildip._exceptions import DataFileError
from mildip.kb.mechanisms import KINDS, LEVELS, Registry, load_registry, normalise_name
from mildip.resources import provenance
from mildip.settings import Settings


def test_mechanisms_shipped_registry_has_provenance_and_sources():
    registry = load_registry()
    header = " ".join(provenance("mechanisms.toml"))
    assert "Sources" in header and "2026-11-28" in header
    assert len(registry) >= 20
    for m in registry:
        assert m.sources, m.mechanism_id
        assert m.kind in KINDS and (m.level is None or m.level in LEVELS)
        assert list(m.parties) == sorted(m.parties) and not m.discovered


@pytest.mark.parametrize(
    ("text", "actors", "expected"),
    [
        # spelling variants of one channel, with and without the party prefix
        ("China-U.S. Theater Commanders Talk", ("CHN", "USA"), "china-us-theater-commanders-talk"),
        ("Theater Commanders Talk", ("CHN", "USA"), "china-us-theater-commanders-talk"),
        ("theater commanders' talks", ("USA", "CHN"), "china-us-theater-commanders-talk"),
        (
            "phone calls between military commanders",
            ("CHN", "USA"),
            "china-us-theater-commanders-talk",
        ),
        (
            "U.S.-China Defense Policy Coordination Talk",
            ("CHN", "USA"),
            "china-us-defense-policy-coordination-talks",
        ),
        (
            "the 17th China-US Defence Policy Coordination Talks",
            ("CHN", "USA"),
            "china-us-defense-policy-coordination-talks",
        ),
        ("DPCT", ("CHN", "USA"), "china-us-defense-policy-coordination-talks"),
        (
            "Military Maritime Consultative Agreement Mechanism meetings",
            ("CHN", "USA"),
            "china-us-mmca-meetings",
        ),
        (
            "China-U.S. Military Maritime Consultative Agreement (MMCA) meetings",
            ("CHN", "USA"),
            "china-us-mmca-meetings",
        ),
        ("Sino-US MMCA meeting", ("CHN", "USA"), "china-us-mmca-meetings"),
        (
            "13th annual consultations on security and defense",
            ("CHN", "EU"),
            "eu-china-consultations-on-security-and-defence",
        ),
        (
            "the eighth defense coordination dialogue",
            ("AUS", "CHN"),
            "china-australia-defence-coordination-dialogue",
        ),
        (
            "China-Australia Defense Strategic Dialogue",
            ("AUS", "CHN"),
            "china-australia-defence-strategic-dialogue",
        ),
        ("first security dialogue in four years", ("CHN", "JPN"), "china-japan-security-dialogue"),
        (
            "direct telephone link",
            ("CHN", "JPN"),
            "china-japan-maritime-aerial-communication-hotline",
        ),
        ("direct telephone link", ("CHN", "USA"), "china-us-defense-telephone-link"),
        ('China-Cambodia "Golden Dragon 2024" joint exercise', ("CHN", "KHM"), "golden-dragon"),
        ("counternarcotics cooperation", ("CHN", "USA"), "china-us-counter-narcotics-cooperation"),
        ("talks on climate change", ("CHN", "USA"), "china-us-climate-change-talks"),
        (
            "China-France Defence Strategy Consultation",
            ("CHN", "FRA"),
            "china-france-defense-strategy-consultation",
        ),
    ],
)
def test_mechanisms_shipped_variants_resolve_to_one_mechanism(text, actors, expected):
    assert load_registry().match(text, actors).mechanism_id == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the near miss of the issue: one distinctive word differs
        ("Gondor-Rohan Defense Strategic Dialogue", "gondor-rohan-defence-strategic-dialogue"),
        (
            "Gondor-Rohan Defence Coordination Dialogue",
            "gondor-rohan-defence-coordination-dialogue",
        ),
        ("the eighth defence coordination talks", "gondor-rohan-defence-coordination-dialogue"),
        ("Defence Strategic Coordination Dialogue", None),
        ("Defence Dialogue", None),
        ("Strategic Dialogue", None),
    ],
)
def test_mechanisms_near_miss_names_do_not_merge(middle_earth_registry, text, expected):
    match = middle_earth_registry.match(text, ("GDR", "RHN"))
    assert (match.mechanism_id if match else None) == expected


def test_mechanisms_shipped_strategic_and_coordination_stay_apart():
    registry = load_registry()
    strategic = registry.match("Defence Strategic Dialogue", ("AUS", "CHN"))
    coordination = registry.match("Defence Coordination Dialogue", ("AUS", "CHN"))
    assert strategic.mechanism_id == "china-australia-defence-strategic-dialogue"
    assert coordination.mechanism_id == "china-australia-defence-coordination-dialogue"


@pytest.mark.parametrize(
    ("actors", "expected"),
    [
        (("GDR", "RHN"), "gondor-rohan-beacon-talks"),
        (("ARN", "GDR"), "arnor-gondor-beacon-talks"),
        # unknown actors: two registered mechanisms share the name → ambiguous
        ((), None),
        # known actors that no "Beacon Talks" has → no match
        (("ARN", "RHN"), None),
    ],
)
def test_mechanisms_parties_are_a_hard_constraint(middle_earth_registry, actors, expected):
    match = middle_earth_registry.match("Beacon Talks", actors)
    assert (match.mechanism_id if match else None) == expected


@pytest.mark.parametrize(
    "text",
    [
        "GRBT",
        "the GRBT",
        "Gondor-Rohan Beacon Watch Talks",
        "Rohan-Gondor Beacon Talk",
        "the 3rd annual Beacon Talks",
        "Beacon Talks (GRBT)",
        "Gondorian-Rohirrim beacon meetings",
    ],
)
def test_mechanisms_aliases_and_abbreviations_match(middle_earth_registry, text):
    assert (
        middle_earth_registry.match(text, ("GDR", "RHN")).mechanism_id
        == "gondor-rohan-beacon-talks"
    )


@pytest.mark.parametrize(
    ("threshold", "expected"),
    [(88, "gondor-rohan-defence-coordination-dialogue"), (99, None)],
)
def test_mechanisms_threshold_governs_typo_tolerance(threshold, expected):
    path = Path(__file__).parent / "data" / "mechanisms" / "middle-earth.toml"
    registry = Registry.from_toml(path.read_text("utf-8"), "test", threshold)
    match = registry.match("Defence Coordinaton Dialogue", ("GDR", "RHN"))
    assert (match.mechanism_id if match else None) == expected


@pytest.mark.parametrize(
    ("text", "actors", "name", "mechanism_id", "kind"),
    [
        (
            "the 13th annual Ent consultations",
            ("GDR", "RHN"),
            "Gondor-Rohan Ent consultations",
            "gondor-rohan-ent-consultation",
            "consultation",
        ),
        (
            "Gondor-Rohan Fangorn Talks",
            ("RHN", "GDR"),
            "Gondor-Rohan Fangorn Talks",
            "gondor-rohan-fangorn-talk",
            "dialogue",
        ),
        # organisations come first in the party prefix
        (
            "Palantir Dialogue",
            ("WHC", "GDR"),
            "White Council-Gondor Palantir Dialogue",
            "white-council-gondor-palantir-dialogue",
            "dialogue",
        ),
        (
            "Isen Fords joint exercise 3019",
            ("GDR", "RHN"),
            "Gondor-Rohan Isen Fords joint exercise",
            "gondor-rohan-isen-ford-joint-exercise",
            "exercise_series",
        ),
        # an unknown party code is written as the code
        (
            "Shire Talks",
            ("GDR", "SHR"),
            "Gondor-SHR Shire Talks",
            "gondor-shr-shire-talk",
            "dialogue",
        ),
    ],
)
def test_mechanisms_discovery_builds_named_mechanism(
    middle_earth_registry, text, actors, name, mechanism_id, kind
):
    m = middle_earth_registry.resolve(text, actors)
    assert (m.name, m.mechanism_id, m.kind, m.discovered) == (name, mechanism_id, kind, True)
    assert m.parties == tuple(sorted(actors))
    assert text in m.aliases or text == m.name


def test_mechanisms_discovery_is_pure_and_spelling_variants_share_an_id(middle_earth_registry):
    before = len(middle_earth_registry)
    a = middle_earth_registry.resolve("the 13th annual Ent consultations", ("GDR", "RHN"))
    b = middle_earth_registry.resolve("Rohan-Gondor Ent Consultation", ("GDR", "RHN"))
    assert a.mechanism_id == b.mechanism_id
    assert len(middle_earth_registry) == before
    assert a.mechanism_id not in middle_earth_registry


def test_mechanisms_with_discovered_collects_from_events(middle_earth_registry, mechanism_event):
    events = [
        mechanism_event(mechanism="the fourth Ent consultations", round=4),
        mechanism_event(mechanism="Ent Consultation", date="3020-03", round=5),
        mechanism_event(mechanism="GRBT"),
        mechanism_event(mechanism=None),
    ]
    extended = middle_earth_registry.with_discovered(events)
    assert len(extended) == len(middle_earth_registry) + 1
    assert extended.get("gondor-rohan-ent-consultation").discovered
    # once registered, a spelling variant matches it instead of discovering anew
    assert (
        extended.match("Ent consultations", ("GDR", "RHN")).mechanism_id
        == "gondor-rohan-ent-consultation"
    )


def test_mechanisms_resolve_rejects_empty_text(middle_earth_registry):
    assert middle_earth_registry.match("  ", ("GDR", "RHN")) is None
    with pytest.raises(ValueError):
        middle_earth_registry.resolve("", ("GDR", "RHN"))


@pytest.mark.parametrize(
    ("a", "b", "equal"),
    [
        ("China-U.S. Defence Policy Coordination Talks", "Defense Policy Coordination Talk", True),
        ("the eighth defense coordination dialogue", "Defence Coordination Dialogue", True),
        (
            "Sino-US Military Maritime Consultative Agreement",
            "U.S.-China Military Maritime Consultative Agreement",
            True,
        ),
        ("counter-narcotics cooperation", "counternarcotics cooperation", True),
        ("Defence Strategic Dialogue", "Defence Coordination Dialogue", False),
    ],
)
def test_mechanisms_normalise_name_folds_variants(a, b, equal):
    vocabulary = load_registry().vocabulary
    assert (
        normalise_name(a, vocabulary).distinctive == normalise_name(b, vocabulary).distinctive
    ) is equal


BASE = """
[normalise]
generic = ["talk"]
[[mechanism]]
id = "beacon-talks"
name = "Beacon Talks"
parties = ["GDR", "RHN"]
kind = "dialogue"
sources = ["Red Book"]
"""


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            '[[mechanism]]\nid = "x"\nname = "X Talks"\nparties = ["GDR"]\nkind = "party"\nsources = ["s"]',
            "kind",
        ),
        (
            '[[mechanism]]\nid = "x"\nname = "X Talks"\nparties = ["GDR"]\nkind = "dialogue"\nlevel = "top"\nsources = ["s"]',
            "level",
        ),
        (
            '[[mechanism]]\nid = "x"\nname = "X Talks"\nparties = ["GDR"]\nkind = "dialogue"',
            "sources",
        ),
        (
            '[[mechanism]]\nid = "x"\nname = "X Talks"\nparties = ["GDR"]\nkind = "dialogue"\ncolour = "red"\nsources = ["s"]',
            "unknown keys",
        ),
        (
            '[[mechanism]]\nid = "beacon-talks"\nname = "Y Talks"\nparties = ["GDR"]\nkind = "dialogue"\nsources = ["s"]',
            "used twice",
        ),
        (
            '[[mechanism]]\nid = "y"\nname = "beacon talk"\nparties = ["RHN", "GDR"]\nkind = "dialogue"\nsources = ["s"]',
            "share the name",
        ),
        (
            '[[mechanism]]\nid = "Y Z"\nname = "Y"\nparties = ["GDR"]\nkind = "dialogue"\nsources = ["s"]',
            "slug",
        ),
        (
            '[[mechanism]]\nid = "y"\nname = "Y"\nparties = ["GDR"]\nkind = "dialogue"\nfirst_round = "May 2020"\nsources = ["s"]',
            "partial ISO",
        ),
        (
            '[[mechanism]]\nid = "y"\nname = "Y"\nparties = ["GDR"]\nkind = "dialogue"\ncadence_days = -3\nsources = ["s"]',
            "cadence_days",
        ),
        ("[[mechanism]\n", "not valid TOML"),
    ],
)
def test_mechanisms_malformed_registry_raises_data_file_error(extra, message):
    with pytest.raises(DataFileError, match=message):
        Registry.from_toml(BASE + extra, "user.toml")


def test_mechanisms_user_file_extends_the_base(middle_earth_registry, tmp_path):
    user = tmp_path / "mine.toml"
    user.write_text(
        '[[mechanism]]\nid = "gondor-rohan-ent-moot"\nname = "Gondor-Rohan Ent Moot"\n'
        'parties = ["GDR", "RHN"]\nkind = "dialogue"\nsources = ["analyst note, 3019-03-01"]\n'
    )
    merged = Registry.from_file(user, middle_earth_registry)
    assert merged.match("the Ent Moot", ("GDR", "RHN")).mechanism_id == "gondor-rohan-ent-moot"
    assert len(merged) == len(middle_earth_registry) + 1
    with pytest.raises(DataFileError, match="does not exist"):
        Registry.from_file(tmp_path / "missing.toml", middle_earth_registry)


def test_mechanisms_load_registry_is_cached_per_threshold():
    assert load_registry() is load_registry(Settings())
    assert load_registry(Settings(mechanism_match_threshold=95)) is not load_registry()
    assert load_registry(Settings(mechanism_match_threshold=95)).threshold == 95


@pytest.mark.parametrize(
    ("text", "actors"),
    [
        (
            "direct telephone link as part of the air and maritime liaison mechanisms",
            ("CHN", "TCD"),
        ),
        ("China-TWN-U.S. military dialogue mechanisms", ("CHN", "TWN", "USA")),
        ("the 13th annual Ent consultations", ("GDR", "RHN")),
        ("Palantir Dialogue", ("WHC", "GDR")),
        ("Shire Talks", ("SHR", "GDR")),
    ],
)
def test_mechanisms_discovery_is_idempotent(middle_earth_registry, text, actors):
    # the extractor may resolve a name it got from an earlier resolution
    first = middle_earth_registry.resolve(text, actors)
    again = middle_earth_registry.resolve(first.name, actors)
    assert (again.name, again.mechanism_id) == (first.name, first.mechanism_id)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], derandomize=True)
@given(
    words=st.lists(
        st.sampled_from(
            [
                "Ent",
                "beacon",
                "Moot",
                "of",
                "the",
                "Isen",
                "fords",
                "13th",
                "watch",
                "Gondor-Rohan",
                "dialogue",
                "talks",
                "annual",
                "3019",
            ]
        ),
        min_size=1,
        max_size=6,
    ),
    actors=st.sampled_from([("GDR", "RHN"), ("ARN", "GDR"), ("GDR", "SHR"), ("GDR", "WHC"), ()]),
)
def test_mechanisms_resolution_is_stable_under_re_resolution(middle_earth_registry, words, actors):
    first = middle_earth_registry.resolve(" ".join(words), actors)
    again = middle_earth_registry.resolve(first.name, actors)
    assert again.mechanism_id == first.mechanism_id
