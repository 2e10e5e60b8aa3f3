"""Engagement networks of parties and officials, centrality and GraphML, on invented parties."""

from __future__ import annotations

import io

import networkx as nx
import pytest

from mildip.analysis.network import (
    centrality,
    engagement_graph,
    engagements,
    official_graph,
    party_graph,
    write_graphml,
)
from mildip.export import writer_for
from mildip.model import Participant

ARAGORN = Participant("Aragorn", "King", "GDR", level="head_of_state")
FARAMIR = Participant("Faramir", "Steward", "GDR", level="head_of_government")
EOMER = Participant("Eomer", "King", "RHN", level="head_of_state")
ELROND = Participant("Elrond", "Lord", "ARN", person_id="elrond-1")
UNNAMED = Participant(None, "Captain", "RHN")


@pytest.fixture
def council(engagement):
    """Two Gondor-Rohan meetings, a three-party council, and events that must not count."""
    return [
        engagement("MEET", ("GDR", "RHN"), "3019-03-01", participants=[ARAGORN, FARAMIR, EOMER]),
        engagement("CALL", ("GDR", "RHN"), "3019-04-01", participants=[FARAMIR, EOMER, UNNAMED]),
        engagement("DIALOGUE", ("ARN", "GDR", "RHN"), "3019-05-01", participants=[ARAGORN, ELROND]),
        engagement("CANCEL", ("GDR", "MOR"), "3019-05-02"),  # restrictive: no edge
        engagement("MEET", ("GDR", "MOR"), "3019-06-01", modality="future"),  # not asserted
        engagement("MEET", ("DAL", "GDR"), "3019-06-02", modality="negated"),
    ]


def test_network_party_graph_weights_count_engagements(council):
    graph = party_graph(council)
    assert sorted(graph.nodes) == ["ARN", "GDR", "RHN"]
    assert graph["GDR"]["RHN"]["weight"] == 3
    assert graph["ARN"]["GDR"]["weight"] == 1
    assert graph["ARN"]["RHN"]["weight"] == 1
    assert graph["GDR"]["RHN"]["types"] == "MEET;CALL;DIALOGUE"
    assert graph.nodes["GDR"]["events"] == 3


def test_network_official_graph_links_people_of_different_parties(council):
    graph = official_graph(council)
    assert set(graph.nodes) == {"Aragorn|GDR", "Faramir|GDR", "Eomer|RHN", "elrond-1"}
    assert not graph.has_edge("Aragorn|GDR", "Faramir|GDR")  # one delegation
    assert graph["Faramir|GDR"]["Eomer|RHN"]["weight"] == 2
    assert graph["Aragorn|GDR"]["elrond-1"]["weight"] == 1
    assert graph.nodes["Eomer|RHN"]["level"] == "head_of_state"


@pytest.mark.parametrize(
    ("since", "until", "expected"),
    [
        (None, None, 3),
        ("3019-04", None, 2),
        (None, "3019-03", 1),
        ("3019-04-01", "3019-04-30", 1),
    ],
)
def test_network_window_selects_engagements(council, since, until, expected):
    assert len(engagements(council, since, until)) == expected


def test_network_centrality_of_a_star(engagement):
    events = [
        engagement("MEET", ("GDR", "RHN"), "3019-01-01"),
        engagement("MEET", ("GDR", "RHN"), "3019-01-02"),
        engagement("MEET", ("ARN", "GDR"), "3019-01-03"),
        engagement("MEET", ("DAL", "GDR"), "3019-01-04"),
    ]
    rows = {r.node: r for r in centrality(party_graph(events))}
    assert rows["GDR"].degree == 3
    assert rows["GDR"].weighted_degree == 4.0
    assert rows["GDR"].betweenness == pytest.approx(1.0)
    assert rows["RHN"].betweenness == 0.0
    assert [r.node for r in centrality(party_graph(events))][:2] == ["GDR", "RHN"]


def test_network_betweenness_prefers_frequent_ties(engagement):
    """ARN reaches DAL through GDR (two engagements a hop) or RHN (one each): GDR is the bridge."""
    events = [
        engagement("MEET", ("ARN", "GDR"), "3019-01-01"),
        engagement("MEET", ("ARN", "GDR"), "3019-01-02"),
        engagement("MEET", ("DAL", "GDR"), "3019-01-03"),
        engagement("MEET", ("DAL", "GDR"), "3019-01-04"),
        engagement("MEET", ("ARN", "RHN"), "3019-01-05"),
        engagement("MEET", ("DAL", "RHN"), "3019-01-06"),
    ]
    rows = {r.node: r for r in centrality(party_graph(events))}
    assert rows["GDR"].betweenness > rows["RHN"].betweenness


@pytest.mark.parametrize("level", ["party", "official"])
def test_network_graphml_round_trip(council, level):
    buffer = io.StringIO()
    write_graphml(council, buffer, level=level)
    text = buffer.getvalue()
    assert text.startswith("<?xml")
    graph = nx.read_graphml(io.BytesIO(text.encode("utf-8")))
    expected = engagement_graph(council, level)
    assert set(graph.nodes) == set(expected.nodes)
    assert {tuple(sorted(e)) for e in graph.edges} == {tuple(sorted(e)) for e in expected.edges}


def test_network_export_registers_graphml(council):
    buffer = io.StringIO()
    writer_for("graphml")(council, buffer)
    graph = nx.read_graphml(io.BytesIO(buffer.getvalue().encode("utf-8")))
    assert int(graph["GDR"]["RHN"]["weight"]) == 3


def test_network_unknown_level_is_refused(council):
    with pytest.raises(ValueError, match="unknown network level"):
        engagement_graph(council, "army")
