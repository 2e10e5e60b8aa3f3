"""Party mentions: countries, demonyms, capitals, institutions, places, ambiguity."""

import pytest

from mildip.nlp.gazetteer import load_gazetteer


def _found(text):
    return [(p.text, p.code, p.kind) for p in load_gazetteer().find(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("China-U.S. talks", [("China", "CHN", "country"), ("U.S.", "USA", "country")]),
        ("Sino-US relations", [("Sino", "CHN", "combining"), ("US", "USA", "country")]),
        ("the People's Liberation Army", [("People's Liberation Army", "CHN", "institution")]),
        ("the People’s Liberation Army", [("People’s Liberation Army", "CHN", "institution")]),
        ("Beijing rejected", [("Beijing", "CHN", "capital")]),
        ("off the coast of South Carolina", [("South Carolina", "USA", "place")]),
        ("the European Union and NATO", [("European Union", "EU", "org"), ("NATO", "NATO", "org")]),
        # a dependent territory is a place of the state that holds it (territories.tsv)
        ("a port call in Hong Kong", [("Hong Kong", "CHN", "place")]),
        ("drills off Guam", [("Guam", "USA", "place")]),
        ("a stop at Diego Garcia", [("Diego Garcia", "GBR", "place")]),
        # a world region is a place of no party, and so no person's name
        ("the Southeast Asia nations of Malaysia", [("Southeast Asia", None, "place"), ("Malaysia", "MYS", "country")]),
        ("drills in the Black Sea", [("Black Sea", None, "place")]),
    ],
)
def test_gazetteer_finds_parties(text, expected):
    assert _found(text) == expected


def test_gazetteer_territory_possessor_is_dropped():
    # "China's Taiwan region" names Taiwan; the possessor states a claim, not a party
    codes = [code for _, code, _ in _found("Pelosi visited China’s Taiwan region")]
    assert codes == ["TWN"]


@pytest.mark.parametrize("text", ["Kenneth W. Allen and Chad Sbragia explain", "Michael Jordan said"])
def test_gazetteer_ambiguous_names_next_to_names_are_people(text):
    assert all(code not in ("TCD", "JOR") for _, code, _ in _found(text))


def test_gazetteer_offsets_are_exact():
    text = "In March, the Australian Department of Defense met the PLA."
    found = load_gazetteer().find(text, offset=7)
    assert len(found) >= 2, found  # the department and the PLA
    for p in found:
        assert text[p.start - 7 : p.end - 7] == p.text


def test_gazetteer_ship_prefix_names_a_navy():
    assert ("HMAS", "AUS", "institution") in _found("a helicopter from HMAS Hobart")


@pytest.mark.parametrize(
    "text, code",
    [("a J-11 flew within 20 feet of an RC-135", ["CHN", "USA"]), ("two Chinese H-6s", ["CHN", "CHN"])],
)
def test_gazetteer_aircraft_designator_names_its_party(text, code):
    assert [c for _, c, _ in _found(text)] == code
    assert all(kind in ("craft", "demonym") for _, _, kind in _found(text))


def test_gazetteer_shared_aircraft_type_names_no_party():
    assert _found("an Australian P-8A") == [("Australian", "AUS", "demonym")]
