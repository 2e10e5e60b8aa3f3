"""Validation of the party gazetteers and the title/rank lists under ``mildip/data``.

These tests read the shipped files; they fail when an edit breaks the format, the
provenance header, a code, or the rule that a form naming two parties is marked
ambiguous in every row that claims it.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from functools import cache

import pytest

from mildip.resources import load_tsv, provenance

FILE_COLUMNS = {
    "countries.tsv": (
        "code",
        "name",
        "aliases",
        "demonyms",
        "capitals",
        "combining_forms",
        "ambiguous",
    ),
    "organisations.tsv": ("name", "aliases", "party", "kind", "level", "ambiguous"),
    "titles.tsv": ("title", "aliases", "level", "kind"),
    "ranks.tsv": ("rank", "abbreviations", "service_kind"),
    "name_words.tsv": ("word", "role"),
    "territories.tsv": ("code", "sovereign", "basis"),
    "aircraft.tsv": ("designator", "aliases", "party"),
}
FILES = tuple(FILE_COLUMNS)

LEVELS = frozenset(
    {
        "head_of_state",
        "head_of_government",
        "minister",
        "vice_minister",
        "chief_of_defence",
        "service_chief",
        "theater_commander",
        "deputy",
        "working",
        "legislator",
        "diplomat",
        "spokesperson",
    }
)
ORG_KINDS = frozenset(
    {
        "intl_org",
        "organ",
        "ministry",
        "armed_forces",
        "service",
        "command",
        "cmc_organ",
        "agency",
        "legislature",
        "forum",
    }
)
COUNTRY_FORM_COLUMNS = ("name", "aliases", "demonyms", "capitals", "combining_forms")
ORG_FORM_COLUMNS = ("name", "aliases")
RANK_TITLE_OVERLAP = frozenset({"Commander"})
"""Forms that are both a rank and a title, by design (see the header of ranks.tsv)."""


def items(cell: str | None) -> list[str]:
    """The items of a ``|``-list cell (none for an empty cell)."""
    return cell.split("|") if cell else []


def forms(row: dict, columns: tuple[str, ...]) -> list[str]:
    return [f for c in columns for f in items(row[c])]


@cache
def party_claims() -> dict[str, list[tuple[str, str, dict]]]:
    """Every form of both party gazetteers → (file, party, row) of each row claiming it."""
    claims: dict[str, list[tuple[str, str, dict]]] = defaultdict(list)
    for row in load_tsv("countries.tsv"):
        for form in set(forms(row, COUNTRY_FORM_COLUMNS)):
            claims[form].append(("countries.tsv", row["code"], row))
    for row in load_tsv("organisations.tsv"):
        for form in set(forms(row, ORG_FORM_COLUMNS)):
            claims[form].append(("organisations.tsv", row["party"] or "", row))
    return claims


def resolve(form: str) -> set[str]:
    """The parties a form names in the two gazetteers."""
    return {party for _, party, _ in party_claims().get(form, [])}


# --- every file -----------------------------------------------------------------------


@pytest.mark.parametrize("name", FILES)
def test_data_files_parse_with_expected_columns(name):
    rows = load_tsv(name)
    assert rows, f"{name} has no rows"
    assert tuple(rows[0]) == FILE_COLUMNS[name]


@pytest.mark.parametrize("name", FILES)
def test_data_files_open_with_sources_date_and_extension_note(name):
    header = " ".join(provenance(name))
    assert "Sources" in header
    assert re.search(r"Checked \d{4}-\d{2}-\d{2}\b", header), "the header must say when it was checked"
    assert "Extend:" in header


@pytest.mark.parametrize("name", FILES)
def test_data_files_list_items_are_clean(name):
    for row in load_tsv(name):
        for column, cell in row.items():
            for item in items(cell):
                assert item, f"{name}: empty list item in {column} of {row}"
                assert item == item.strip(), f"{name}: padded item {item!r}"
                assert "’" not in item and "‘" not in item, f"{name}: curly apostrophe in {item!r}"


@pytest.mark.parametrize(
    ("name", "columns", "key"),
    [
        ("countries.tsv", COUNTRY_FORM_COLUMNS, "code"),
        ("organisations.tsv", ORG_FORM_COLUMNS, "name"),
        ("titles.tsv", ("title", "aliases"), "title"),
        ("ranks.tsv", ("rank", "abbreviations"), "rank"),
    ],
)
def test_data_files_no_form_repeated_within_a_row(name, columns, key):
    for row in load_tsv(name):
        row_forms = forms(row, columns)
        repeated = {f for f in row_forms if row_forms.count(f) > 1}
        assert not repeated, f"{name}: {row[key]} lists {sorted(repeated)} twice"


# --- the party gazetteers -----------------------------------------------------------


def test_data_files_country_codes_unique_and_alpha3():
    codes = [row["code"] for row in load_tsv("countries.tsv")]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"[A-Z]{3}", c) for c in codes)
    assert len(codes) >= 250, "every ISO 3166-1 entry plus XKX"


@pytest.mark.parametrize(
    "code", ["USA", "CHN", "TWN", "XKX", "PSE", "HKG", "ATA", "VAT", "GBR", "KOR", "PRK"]
)
def test_data_files_country_codes_include(code):
    assert code in {row["code"] for row in load_tsv("countries.tsv")}


def test_data_files_form_naming_two_parties_is_marked_ambiguous_in_each_row():
    for form, claims in party_claims().items():
        if len(claims) < 2:
            continue
        for file, party, row in claims:
            assert form in items(row["ambiguous"]), (
                f"{form!r} is claimed by {sorted({p for _, p, _ in claims})}: "
                f"mark it ambiguous in {file} row {row['name']!r}"
            )


@pytest.mark.parametrize(
    ("name", "columns"),
    [("countries.tsv", COUNTRY_FORM_COLUMNS), ("organisations.tsv", ORG_FORM_COLUMNS)],
)
def test_data_files_ambiguous_marks_name_forms_of_their_row(name, columns):
    for row in load_tsv(name):
        unknown = set(items(row["ambiguous"])) - set(forms(row, columns))
        assert not unknown, f"{name}: {row['name']} marks {sorted(unknown)}, not forms of its own"


def test_data_files_organisation_parties_are_known_codes():
    countries = {row["code"] for row in load_tsv("countries.tsv")}
    orgs = load_tsv("organisations.tsv")
    org_codes = [row["party"] for row in orgs if row["kind"] == "intl_org"]
    assert len(org_codes) == len(set(org_codes)), "one intl_org row per organisation code"
    assert not set(org_codes) & countries, "an organisation code must not shadow a country code"
    assert all(re.fullmatch(r"[A-Z]{2,6}", c) for c in org_codes)
    for row in orgs:
        if row["kind"] == "forum":
            assert row["party"] is None, f"{row['name']} is a venue: it resolves to no party"
        else:
            assert row["party"] in countries | set(org_codes), (
                f"{row['name']}: unknown party {row['party']}"
            )


def test_data_files_organisation_kinds_and_levels_in_vocabulary():
    for row in load_tsv("organisations.tsv"):
        assert row["kind"] in ORG_KINDS, row
        assert row["level"] is None or row["level"] in LEVELS, row


@pytest.mark.parametrize(
    ("form", "party"),
    [
        ("U.S.", "USA"),
        ("United States of America", "USA"),
        ("America", "USA"),
        ("Washington D.C.", "USA"),
        ("People's Republic of China", "CHN"),
        ("PRC", "CHN"),
        ("mainland China", "CHN"),
        ("Beijing", "CHN"),
        ("Sino", "CHN"),
        ("Republic of China", "TWN"),
        ("China's Taiwan region", "TWN"),
        ("Taipei", "TWN"),
        ("Britain", "GBR"),
        ("Anglo", "GBR"),
        ("ROK", "KOR"),
        ("D.P.R.K.", "PRK"),
        ("Russian Federation", "RUS"),
        ("Viet Nam", "VNM"),
        ("Lao PDR", "LAO"),
        ("Türkiye", "TUR"),
        ("Turkey", "TUR"),
        ("Czech Republic", "CZE"),
        ("Burma", "MMR"),
        ("Ivory Coast", "CIV"),
        ("Filipino", "PHL"),
        ("Philippine", "PHL"),
        ("Cambodian", "KHM"),
        ("Phnom Penh", "KHM"),
        ("Franco", "FRA"),
        ("Kosovo", "XKX"),
        ("People's Liberation Army", "CHN"),
        ("PLAN", "CHN"),
        ("Southern Theater Command", "CHN"),
        ("Eastern Theatre Command", "CHN"),
        ("OIMC", "CHN"),
        ("FMPRC", "CHN"),
        ("Pentagon", "USA"),
        ("USINDOPACOM", "USA"),
        ("U.S. Air Force", "USA"),
        ("JMSDF", "JPN"),
        ("Royal Australian Navy", "AUS"),
        ("French Armed Forces in the Pacific", "FRA"),
        ("ROC Armed Forces", "TWN"),
        ("EEAS", "EU"),
        ("European Union", "EU"),
        ("NATO headquarters", "NATO"),
        ("SHAPE", "NATO"),
        ("ASEAN", "ASEAN"),
    ],
)
def test_data_files_form_resolves_to_party(form, party):
    assert resolve(form) == {party}


@pytest.mark.parametrize(
    ("form", "wrong_party"),
    [("Republic of China", "CHN"), ("Taiwan", "CHN"), ("Korea", "PRK"), ("Indo", "IND")],
)
def test_data_files_form_does_not_resolve_to(form, wrong_party):
    assert wrong_party not in resolve(form)


@pytest.mark.parametrize(
    "generic",
    [
        "Ministry of National Defense",
        "Ministry of Defence",
        "Ministry of Defense",
        "the mainland",
        "MND",
        "Navy",
    ],
)
def test_data_files_generic_forms_are_left_out(generic):
    assert not resolve(generic)


@pytest.mark.parametrize("form", ["ADMM", "ADMM-Plus", "Shangri-La Dialogue"])
def test_data_files_forum_is_a_venue_without_party(form):
    assert resolve(form) == {""}


@pytest.mark.parametrize(
    ("form", "code"), [("Jordan", "JOR"), ("Chad", "TCD"), ("Georgia", "GEO"), ("Turkey", "TUR")]
)
def test_data_files_word_or_name_forms_marked_ambiguous(form, code):
    row = next(r for r in load_tsv("countries.tsv") if r["code"] == code)
    assert form in items(row["ambiguous"])


# --- titles and ranks ---------------------------------------------------------------


@cache
def title_forms() -> dict[str, dict]:
    """Every written form of titles.tsv → its row."""
    return {f: row for row in load_tsv("titles.tsv") for f in forms(row, ("title", "aliases"))}


def test_data_files_title_form_names_one_title():
    seen: dict[str, str] = {}
    for row in load_tsv("titles.tsv"):
        for form in forms(row, ("title", "aliases")):
            assert form not in seen, f"{form!r} is in both {seen[form]!r} and {row['title']!r}"
            seen[form] = row["title"]


def test_data_files_title_levels_and_kinds_in_vocabulary():
    for row in load_tsv("titles.tsv"):
        assert row["level"] is None or row["level"] in LEVELS, row
        assert row["kind"] in {"civil", "military"}, row


@pytest.mark.parametrize(
    ("form", "level"),
    [
        ("President", "head_of_state"),
        ("Chairman of the Central Military Commission", "head_of_state"),
        ("Vice Chairman of the CMC", "chief_of_defence"),
        ("Premier", "head_of_government"),
        ("Defence Minister", "minister"),
        ("Secretary of Defense", "minister"),
        ("Secretary of State for Defence", "minister"),
        ("Vice Foreign Minister", "vice_minister"),
        ("Chairman of the Joint Chiefs of Staff", "chief_of_defence"),
        ("Chief of the CMC Joint Staff Department", "chief_of_defence"),
        ("Commander, PLA Southern Theater Command", "theater_commander"),
        ("Southern Theatre Commander", "theater_commander"),
        ("Commander, U.S. Indo-Pacific Command", "theater_commander"),
        ("Deputy Director, CMC Office for International Military Cooperation", "deputy"),
        ("Assistant Secretary of Defense", "deputy"),
        ("Deputy Assistant Secretary of Defense", "working"),
        ("Speaker of the House", "legislator"),
        ("Spokeswoman", "spokesperson"),
        ("Defense Attaché", "diplomat"),
    ],
)
def test_data_files_title_level(form, level):
    assert title_forms()[form]["level"] == level


def test_data_files_gold_titles_are_listed(dev_corpus):
    titles = title_forms()
    gold = {
        p["title"]
        for path in dev_corpus.glob("*.gold.jsonl")
        for line in path.read_text("utf-8").splitlines()
        if line.strip()
        for p in json.loads(line)["participants"]
        if p["title"]
    }
    assert gold, "the dev corpus should name some titles"
    assert not gold - set(titles), (
        f"gold titles missing from titles.tsv: {sorted(gold - set(titles))}"
    )


def test_data_files_gold_parties_are_known_codes(dev_corpus):
    known = {row["code"] for row in load_tsv("countries.tsv")} | {
        row["party"] for row in load_tsv("organisations.tsv") if row["kind"] == "intl_org"
    }
    gold = set()
    for path in dev_corpus.glob("*.gold.jsonl"):
        for line in filter(str.strip, path.read_text("utf-8").splitlines()):
            record = json.loads(line)
            gold |= set(record["actors"]) | {record["location"], record["initiator"]} - {None}
    assert gold and not gold - known, sorted(gold - known)


def test_data_files_rank_form_names_one_rank():
    seen: dict[str, str] = {}
    for row in load_tsv("ranks.tsv"):
        for form in forms(row, ("rank", "abbreviations")):
            assert form not in seen, f"{form!r} is in both {seen[form]!r} and {row['rank']!r}"
            seen[form] = row["rank"]


def test_data_files_rank_service_kinds_in_vocabulary():
    for row in load_tsv("ranks.tsv"):
        kinds = items(row["service_kind"])
        assert kinds and set(kinds) <= {"army", "navy", "air"}, row


def test_data_files_ranks_and_titles_overlap_only_by_design():
    ranks = {f for row in load_tsv("ranks.tsv") for f in forms(row, ("rank", "abbreviations"))}
    assert ranks & set(title_forms()) == RANK_TITLE_OVERLAP


@pytest.mark.parametrize(
    ("form", "rank"),
    [
        ("Adm.", "Admiral"),
        ("Gen.", "General"),
        ("Lt. Gen.", "Lieutenant General"),
        ("Sr. Col.", "Senior Colonel"),
        ("RADM", "Rear Admiral"),
        ("Air Chief Marshal", "Air Chief Marshal"),
    ],
)
def test_data_files_rank_abbreviation(form, rank):
    by_form = {
        f: row["rank"]
        for row in load_tsv("ranks.tsv")
        for f in forms(row, ("rank", "abbreviations"))
    }
    assert by_form[form] == rank


def test_data_files_territories_roll_up_to_a_listed_state():
    codes = {row["code"] for row in load_tsv("countries.tsv")}
    territories = load_tsv("territories.tsv")
    held = {row["code"] for row in territories}
    assert len(held) == len(territories), "a territory listed twice"
    for row in territories:
        assert row["code"] in codes, row
        assert row["sovereign"] in codes and row["sovereign"] not in held, row
    assert "TWN" not in held  # the spec writes Taiwan as its own party


def test_data_files_aircraft_designators_name_one_known_party():
    codes = {row["code"] for row in load_tsv("countries.tsv")}
    seen: dict[str, str] = {}
    for row in load_tsv("aircraft.tsv"):
        assert row["party"] in codes, row
        for form in [row["designator"], *filter(None, (row.get("aliases") or "").split("|"))]:
            assert seen.setdefault(form, row["party"]) == row["party"], form
    assert "P-8" not in seen and "P-8A" not in seen  # flown by several parties
