"""Who met whom: engagement networks of parties and of officials, their centrality, GraphML.

Only *engagements* build edges: asserted events of a cooperative type
(:data:`mildip.model.COOPERATIVE_TYPES`). An event adds 1 to the weight of every pair of
its actors (a three-party meeting adds 1 to each of its three pairs).

* Party graph: nodes are party codes; node attribute ``events`` counts the engagements
  the party took part in.
* Official graph: nodes are participants (``person_id``, else ``name|party``; participants
  without a name are left out); an edge joins two participants of *different* parties
  in the same event (colleagues on one delegation are not an engagement). Node
  attributes: ``name``, ``title``, ``party``, ``level`` (as first seen, in date order).

Edge attributes: ``weight`` (engagement count), ``event_ids`` and ``types`` (``;``-joined,
so the graph writes to GraphML as is).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO

import networkx as nx

from mildip.dates import bounds, sort_key
from mildip.model import COOPERATIVE_TYPES, Event, Participant

LEVELS: tuple[str, ...] = ("party", "official")


@dataclass(frozen=True)
class Centrality:
    """Centrality of one node: neighbours, summed edge weight, betweenness (0-1)."""

    node: str
    label: str
    degree: int
    weighted_degree: float
    betweenness: float


def engagements(
    events: Iterable[Event], since: str | None = None, until: str | None = None
) -> list[Event]:
    """Asserted cooperative events dated within ``since..until`` (undated ones only without a window), by date."""
    out = []
    for e in events:
        if e.modality != "asserted" or e.type not in COOPERATIVE_TYPES:
            continue
        if since or until:
            if not e.date:
                continue
            day = bounds(e.date)[0]
            if (since and day < bounds(since)[0]) or (until and day > bounds(until)[1]):
                continue
        out.append(e)
    return sorted(out, key=lambda e: (sort_key(e.date), e.event_id))


def _add_edge(graph: nx.Graph, a: str, b: str, event: Event) -> None:
    if graph.has_edge(a, b):
        data = graph[a][b]
        data["weight"] += 1
        data["event_ids"] += f";{event.event_id}"
        data["types"] += f";{event.type}"
    else:
        graph.add_edge(a, b, weight=1, event_ids=event.event_id, types=event.type)


def party_graph(
    events: Iterable[Event], since: str | None = None, until: str | None = None
) -> nx.Graph:
    """The party engagement graph (see the module docstring)."""
    graph = nx.Graph(level="party")
    for e in engagements(events, since, until):
        for party in e.actors:
            if party not in graph:
                graph.add_node(party, label=party, events=0)
            graph.nodes[party]["events"] += 1
        for i, a in enumerate(e.actors):
            for b in e.actors[i + 1 :]:
                _add_edge(graph, a, b, e)
    return graph


def official_key(p: Participant) -> str | None:
    """Node id of a participant: ``person_id``, else ``name|party``; None without a name."""
    if p.person_id:
        return p.person_id
    if not p.name:
        return None
    return f"{p.name}|{p.party or ''}"


def official_graph(
    events: Iterable[Event], since: str | None = None, until: str | None = None
) -> nx.Graph:
    """The official engagement graph (see the module docstring)."""
    graph = nx.Graph(level="official")
    for e in engagements(events, since, until):
        people = []
        for p in e.participants:
            key = official_key(p)
            if key is None:
                continue
            if key not in graph:
                graph.add_node(
                    key,
                    label=p.name or key,
                    name=p.name or "",
                    title=p.title or "",
                    party=p.party or "",
                    level=p.level or "",
                    events=0,
                )
            graph.nodes[key]["events"] += 1
            people.append((key, p.party))
        seen = set()
        for i, (a, party_a) in enumerate(people):
            for b, party_b in people[i + 1 :]:
                pair = tuple(sorted((a, b)))
                if a != b and party_a != party_b and pair not in seen:
                    seen.add(pair)
                    _add_edge(graph, *pair, e)
    return graph


def engagement_graph(
    events: Iterable[Event],
    level: str = "party",
    since: str | None = None,
    until: str | None = None,
) -> nx.Graph:
    """:func:`party_graph` or :func:`official_graph` by ``level``."""
    if level not in LEVELS:
        raise ValueError(f"unknown network level {level!r}; expected one of {', '.join(LEVELS)}")
    build = party_graph if level == "party" else official_graph
    return build(events, since, until)


def centrality(graph: nx.Graph) -> list[Centrality]:
    """Degree, weighted degree and betweenness of every node, most central first.

    Betweenness is normalised and uses ``1 / weight`` as the length of an edge, so that
    frequent engagement makes two nodes closer. Ties sort by node id.
    """
    distances = nx.Graph()
    distances.add_nodes_from(graph.nodes)
    distances.add_weighted_edges_from(
        ((a, b, 1.0 / data["weight"]) for a, b, data in graph.edges(data=True)), weight="distance"
    )
    between = nx.betweenness_centrality(distances, weight="distance", normalized=True)
    rows = [
        Centrality(
            node=str(node),
            label=str(graph.nodes[node].get("label", node)),
            degree=graph.degree(node),
            weighted_degree=float(graph.degree(node, weight="weight")),
            betweenness=round(between.get(node, 0.0), 6),
        )
        for node in graph.nodes
    ]
    return sorted(rows, key=lambda r: (-r.weighted_degree, -r.betweenness, r.node))


def write_graphml(events: Iterable[Event], fp: IO[str], level: str = "party") -> None:
    """Write the engagement graph of ``level`` (``party`` or ``official``) as GraphML text to ``fp``."""
    graph = engagement_graph(events, level)
    fp.write("<?xml version='1.0' encoding='utf-8'?>\n")
    for line in nx.generate_graphml(graph):
        fp.write(line + "\n")
