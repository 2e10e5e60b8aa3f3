"""The mechanism registry: shipped data, matching, near misses, party constraint, discovery."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mildip._exceptions import DataFileError
from mildip.kb.mechanisms import (
    KINDS,
    LEVELS,
    Registry,
    key_score,
    load_registry,
    normalise_name,
)
from mildip.resources import load_tsv, provenance
from mildip.settings import Settings


def test_mechanisms_shipped_registry_has_provenance_and_sources():
    registry = load_registry()
    header = " ".join(provenance("mechanisms.toml"))
    assert "Sources" in header and "2026-12-03" in header
    assert len(registry) >= 100
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
        # a year or number after a hyphen is dropped like a free-standing one
        ("Joint Sea-2024", "Joint Sea", True),
        ("Sea Guardian-3", "Sea Guardians", True),
        ("Balikatan 39-2024", "Balikatan", True),
        # upper-case Roman numerals are round numbers
        ("Shaheen-IX", "Shaheen", True),
        ("Garuda VII", "Exercise Garuda", True),
        ("Xi Talks", "Talks", False),
        # "2+2" is one token, the same as "Two-Plus-Two"
        ("U.S.-Japan 2+2", "Two-Plus-Two", True),
        ("the 2 + 2 dialogue", "2+2", True),
        ("2+2", "3+3", False),
        ("Talisman Saber", "Talisman Sabre", True),
        # determiners and possessives never distinguish a mechanism
        ("this year's RIMPAC", "RIMPAC", True),
        ("its annual Malabar exercise", "Malabar", True),
        # a hyphenated ordinal in words is dropped like "34th"
        ("the thirty-fourth AUSMIN", "AUSMIN", True),
        ("the twenty-second Defence Strategic Dialogue", "Defence Strategic Dialogue", True),
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
        (
            '[[mechanism]]\nid = "y"\nname = "Y"\nparties = "GDR"\nkind = "dialogue"\nsources = ["s"]',
            "list of party codes",
        ),
        # a series' leading parties are for series without fixed parties only
        (
            '[[mechanism]]\nid = "y"\nname = "Y"\nparties = ["GDR", "RHN"]\ncore = ["GDR"]\n'
            'kind = "exercise_series"\nsources = ["s"]',
            "core is for series without fixed parties",
        ),
        (
            '[[mechanism]]\nid = "y"\nname = "Y"\ncore = "GDR"\nkind = "exercise_series"\nsources = ["s"]',
            "core must be a list",
        ),
        # an entry without fixed parties competes with every party set
        (
            '[[mechanism]]\nid = "y"\nname = "Beacon Talks"\nkind = "dialogue"\nsources = ["s"]',
            "share the name",
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


def test_mechanisms_entry_without_parties_loads_and_matches_any_actors():
    registry = Registry.from_toml(
        BASE + '[[mechanism]]\nid = "isen-fords"\nname = "Isen Fords"\n'
        'kind = "exercise_series"\nsources = ["Red Book"]\n',
        "user.toml",
    )
    isen = registry.get("isen-fords")
    assert isen.parties == ()
    for actors in ((), ("GDR",), ("GDR", "RHN"), ("ARN", "GDR", "RHN")):
        assert registry.match("Isen Fords 3019", actors) is isen


# --- the shipped registry: the entries themselves ------------------------------------

SHIPPED = load_registry()
SHIPPED_IDS = [m.mechanism_id for m in SHIPPED]
GENERIC_DESCRIPTORS = frozenset(
    [
        "defense",
        "security",
        "military",
        "strategic",
        "strategy",
        "policy",
        "ministerial",
        "minister",
        "joint",
        "trilateral",
        "multilateral",
        "maritime",
        "naval",
        "navy",
        "army",
        "air",
        "force",
        "border",
        "foreign",
        "senior",
        "official",
        "level",
        "high",
        "highlevel",
        "staff",
        "working",
        "group",
        "hotline",
        "link",
        "telephone",
        "direct",
        "line",
        "channel",
        "combined",
        "field",
        "command",
        "post",
        "international",
        "partnership",
    ]
)
"""Words that describe a channel without naming it: an alias made only of these (and no
party word) would match unrelated phrases ("defence dialogue", "joint exercise")."""
GENERIC_ALIASES_KEPT = frozenset(
    {
        # quoted from the seed sources (which name the parties elsewhere in the sentence);
        # with actors the party constraint picks the entry, and the hotline forms shared by
        # two entries are ambiguous without actors
        ("china-us-defense-telephone-link", "defense hotline"),
        ("china-us-defense-telephone-link", "direct telephone link"),
        ("china-us-defense-telephone-link", "military hotline"),
        ("china-us-defense-telephone-link", "defense telephone link"),
        (
            "eu-china-consultations-on-security-and-defence",
            "annual consultations on security and defense",
        ),
        ("eu-china-consultations-on-security-and-defence", "security and defence consultations"),
        ("china-japan-maritime-aerial-communication-hotline", "defense hotline"),
        ("china-japan-maritime-aerial-communication-hotline", "direct telephone link"),
        ("china-us-joint-staff-dialogue-mechanism", "Joint Staff Dialogue"),
    }
)
MULTILATERAL_SERIES = (
    "rimpac",
    "cobra-gold",
    "pitch-black",
    "talisman-sabre",
    "malabar",
    "kakadu",
    "balikatan",
    "kamandag",
    "sama-sama",
    "keen-sword",
    "keen-edge",
    "yama-sakura",
    "super-garuda-shield",
    "khaan-quest",
    "seacat",
    "pacific-vanguard",
    "peace-mission",
    "peace-and-friendship",
    "aman",
    "komodo",
    "la-perouse",
    "vostok",
    "valiant-shield",
    "maritime-cooperative-activity",
)
"""Exercise series whose participants change between rounds (see each entry's comment)."""


@pytest.mark.parametrize("mechanism_id", SHIPPED_IDS)
def test_mechanisms_shipped_entry_cites_sources_and_known_parties(mechanism_id):
    m = SHIPPED.get(mechanism_id)
    assert m.sources and all(len(s) > 30 for s in m.sources), "each source says what it supports"
    assert all(code in SHIPPED.vocabulary.parties for code in m.parties), m.parties
    assert m.first_round_number is None or m.first_round is not None


def test_mechanisms_shipped_names_never_collide_across_entries():
    """Two entries' names may share normalised words only when fixed, different party
    sets keep them apart; an entry without parties must share with nobody."""
    keys = [(m, n, normalise_name(n, SHIPPED.vocabulary)) for m in SHIPPED for n in m.names]
    clashes = []
    for i, (m1, n1, k1) in enumerate(keys):
        assert k1.distinctive, f"{m1.mechanism_id}: {n1!r} has no distinctive word"
        for m2, n2, k2 in keys[i + 1 :]:
            if m1.mechanism_id == m2.mechanism_id:
                continue
            if key_score(k1, k2, SHIPPED.threshold) is None:
                continue
            if not m1.parties or not m2.parties or m1.parties == m2.parties:
                clashes.append((m1.mechanism_id, n1, m2.mechanism_id, n2))
    assert not clashes


@pytest.mark.parametrize(
    ("mechanism_id", "alias"),
    [(m.mechanism_id, a) for m in SHIPPED for a in m.aliases],
)
def test_mechanisms_shipped_alias_names_its_mechanism(mechanism_id, alias):
    """An alias without a party word must carry a word of its own, not only descriptors."""
    vocabulary = SHIPPED.vocabulary
    key = normalise_name(alias, vocabulary)
    if vocabulary.named_parties(alias) or (mechanism_id, alias) in GENERIC_ALIASES_KEPT:
        return
    assert key.distinctive - GENERIC_DESCRIPTORS, f"{alias!r} would match unrelated phrases"


@pytest.mark.parametrize("mechanism_id", MULTILATERAL_SERIES)
def test_mechanisms_multilateral_exercise_has_no_fixed_parties(mechanism_id):
    m = SHIPPED.get(mechanism_id)
    assert m.kind == "exercise_series" and m.parties == ()


@pytest.mark.parametrize("mechanism_id", MULTILATERAL_SERIES)
def test_mechanisms_core_parties_are_known_party_codes(mechanism_id):
    from mildip.kb.parties import party_names

    assert set(SHIPPED.get(mechanism_id).core) <= set(party_names())


def test_mechanisms_open_parties_only_for_listed_multilateral_series():
    # dialogues, consultations, hotlines and agreements have fixed memberships; an exercise
    # added without parties must be listed (and commented in the data file) on purpose
    open_ended = {m.mechanism_id for m in SHIPPED if not m.parties}
    assert open_ended == set(MULTILATERAL_SERIES)


def test_mechanisms_forums_are_venues_not_registered_channels():
    forums = [row for row in load_tsv("organisations.tsv") if row["kind"] == "forum"]
    assert len(forums) >= 5
    for row in forums:
        for form in [row["name"], *(row["aliases"] or "").split("|")]:
            if form:
                assert SHIPPED.match(form) is None, f"{form!r} is a forum, not a mechanism"


@pytest.mark.parametrize(
    ("text", "actors", "expected"),
    [
        # exercise series as the news writes them, with and without their parties
        ("Exercise Talisman Sabre 2023", (), "talisman-sabre"),
        ("Exercise Talisman Sabre 2023", ("AUS", "USA"), "talisman-sabre"),
        ("Talisman Saber 25", ("AUS", "JPN", "USA"), "talisman-sabre"),
        ("Balikatan 2024", (), "balikatan"),
        ("Balikatan 2024", ("PHL", "USA"), "balikatan"),
        ("Balikatan 39-2024", ("AUS", "PHL", "USA"), "balikatan"),
        ("RIMPAC 2024", ("CHN", "USA"), "rimpac"),
        ("Rim of the Pacific exercise", (), "rimpac"),
        ("Cobra Gold 2024", ("JPN", "THA", "USA"), "cobra-gold"),
        ("Malabar 2020", ("AUS", "IND", "JPN", "USA"), "malabar"),
        ("Exercise Pitch Black 24", (), "pitch-black"),
        ("Keen Sword 25", ("JPN", "USA"), "keen-sword"),
        ("Yama Sakura 85", (), "yama-sakura"),
        ("KAMANDAG 8", (), "kamandag"),
        ("Freedom Shield 24", ("KOR", "USA"), "freedom-shield"),
        ("Ulchi Freedom Shield 24", (), "ulchi-freedom-shield"),
        ("UFS", (), "ulchi-freedom-shield"),
        ("Freedom Edge 24", ("JPN", "KOR", "USA"), "freedom-edge"),
        ("Garuda Shield 2021", ("IDN", "USA"), "super-garuda-shield"),
        ("CARAT Indonesia 2024", (), "carat-indonesia"),
        ("CARAT", ("IDN", "USA"), "carat-indonesia"),
        ("CARAT Sri Lanka", ("LKA", "USA"), "carat-sri-lanka"),
        ("Joint Sea-2024", (), "joint-sea"),
        ("Joint Sea-2024", ("CHN", "RUS"), "joint-sea"),
        ("Northern/Interaction-2023", ("CHN", "RUS"), "northern-interaction"),
        ("ZAPAD/INTERACTION-2021", (), "zapad-interaction"),
        ("Sea Guardians-2020", ("CHN", "PAK"), "sea-guardian"),
        ("Shaheen-IX", ("CHN", "PAK"), "shaheen"),
        ("Strike-2019", ("CHN", "THA"), "china-thailand-strike"),
        ("Falcon Strike 2024", ("CHN", "THA"), "falcon-strike"),
        (
            "Peace and Friendship-2023",
            ("CHN", "KHM", "LAO", "MYS", "THA", "VNM"),
            "peace-and-friendship",
        ),
        ("Peace Mission-2021", (), "peace-mission"),
        ("Garuda VII", ("FRA", "IND"), "garuda"),
        ("La Pérouse", (), "la-perouse"),
        ("Golden Dragon-2024", ("CHN", "KHM"), "golden-dragon"),
        # dialogues and consultations
        ("the 55th Security Consultative Meeting", (), "us-rok-security-consultative-meeting"),
        (
            "the 55th Security Consultative Meeting",
            ("KOR", "USA"),
            "us-rok-security-consultative-meeting",
        ),
        (
            "ROK-U.S. Security Consultative Meeting (SCM)",
            ("KOR", "USA"),
            "us-rok-security-consultative-meeting",
        ),
        (
            "Security Consultative Committee (2+2)",
            ("JPN", "USA"),
            "us-japan-security-consultative-committee",
        ),
        ("U.S.-Japan 2+2", (), "us-japan-security-consultative-committee"),
        ("2+2", ("JPN", "USA"), "us-japan-security-consultative-committee"),
        (
            'Japan-Philippines "2+2"',
            (),
            "japan-philippines-foreign-and-defense-ministerial-meeting",
        ),
        (
            "fifth India-US 2+2 Ministerial Dialogue",
            ("IND", "USA"),
            "us-india-2-2-ministerial-dialogue",
        ),
        ("Two-Plus-Two", ("IND", "USA"), "us-india-2-2-ministerial-dialogue"),
        ("AUSMIN 2024", (), "ausmin"),
        ("Australia-U.S. Ministerial Consultations", ("AUS", "USA"), "ausmin"),
        ("KIDD", ("KOR", "USA"), "korea-us-integrated-defense-dialogue"),
        (
            "Mutual Defense Board-Security Engagement Board",
            ("PHL", "USA"),
            "us-philippines-mdb-seb",
        ),
        ("MDB-SEB", (), "us-philippines-mdb-seb"),
        ("TDMM", (), "australia-japan-us-trilateral-defense-ministers-meeting"),
        (
            "21st round of India-China Corps Commander Level Meeting",
            ("CHN", "IND"),
            "china-india-corps-commander-level-meeting",
        ),
        ("Corps Commander-level talks", (), "china-india-corps-commander-level-meeting"),
        ("WMCC", (), "china-india-wmcc"),
        (
            "the 23rd Meeting of the Special Representatives of China and India on the Boundary Question",
            ("CHN", "IND"),
            "china-india-special-representatives-meeting",
        ),
        ("Singapore-China Defence Policy Dialogue", (), "china-singapore-defence-policy-dialogue"),
        (
            "New Zealand-China Defence Strategic Dialogue",
            (),
            "china-new-zealand-defence-strategic-dialogue",
        ),
        (
            "Japan-China High-Level Consultation on Maritime Affairs",
            ("CHN", "JPN"),
            "china-japan-high-level-consultation-on-maritime-affairs",
        ),
        # the existing China-U.S. channels keep their aliases
        ("MMCA working group meeting", ("CHN", "USA"), "china-us-mmca-meetings"),
        ("Defense Consultative Talks", ("CHN", "USA"), "china-us-defense-consultative-talks"),
    ],
)
def test_mechanisms_shipped_news_spellings_match(text, actors, expected):
    match = SHIPPED.match(text, actors)
    assert (match.mechanism_id if match else None) == expected


@pytest.mark.parametrize(
    ("text", "actors"),
    [
        # generic phrases name no mechanism
        ("joint exercise", ()),
        ("the talks", ()),
        ("defence dialogue", ()),
        ("strategic dialogue", ()),
        ("ministerial consultations", ("CHN", "RUS")),
        ("Shaheen-III missile", ()),
        # a family name without its partner, or a format name without its pair: ambiguous
        ("CARAT", ()),
        ("2+2", ()),
        # the party constraint: right name, wrong parties
        ("the 55th Security Consultative Meeting", ("JPN", "USA")),
        ("China-Japan ministerial consultations", ()),
        ("Joint Sea", ("CHN", "IRN", "RUS")),
        # a name of subject words alone, with no parties given or named
        ("security talks", ()),
        ("the security dialogue", ()),
        ("military hotline", ()),
    ],
)
def test_mechanisms_shipped_generic_or_mismatched_names_match_nothing(text, actors):
    assert SHIPPED.match(text, actors) is None


@pytest.mark.parametrize(
    ("text", "actors", "expected"),
    [
        ("security dialogue", ("CHN", "JPN"), "china-japan-security-dialogue"),
        ("Japan-China Security Dialogue", (), "china-japan-security-dialogue"),
    ],
)
def test_mechanisms_subject_words_name_a_channel_once_its_parties_are_known(text, actors, expected):
    assert SHIPPED.match(text, actors).mechanism_id == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sino-US talks", {"CHN", "USA"}),
        ("CARAT Timor-Leste", {"TLS"}),
        ("ROK-U.S. Security Consultative Meeting", {"KOR", "USA"}),
        ("Balikatan", set()),
    ],
)
def test_mechanisms_vocabulary_names_parties_in_text(text, expected):
    assert SHIPPED.vocabulary.named_parties(text) == expected


def test_mechanisms_text_party_words_narrow_a_match_without_actors(middle_earth_registry):
    # "Beacon Talks" alone is ambiguous (two registered), the party words decide
    assert middle_earth_registry.match("Beacon Talks") is None
    assert (
        middle_earth_registry.match("Arnor-Gondor Beacon Talks").mechanism_id
        == "arnor-gondor-beacon-talks"
    )
    # given actors override the words of the text
    assert (
        middle_earth_registry.match("Arnor-Gondor Beacon Talks", ("GDR", "RHN")).mechanism_id
        == "gondor-rohan-beacon-talks"
    )
