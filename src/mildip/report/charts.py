"""The report's figures as Vega-Lite specifications (built with Altair) and their SVG.

* :func:`timeline_spec`: one mark per dated event; x = date, y = the actors, colour =
  type, shape = modality.
* :func:`trends_spec`: per period and series, cooperative events above zero and
  restrictive events below it; under it, the freeze-out indicator per period.
* :func:`network_spec`: the party engagement graph, nodes placed by networkx's
  spring layout with a fixed seed, edge width = engagements, node size = weighted degree.

:func:`to_svg` renders a spec offline with vl-convert (no browser, no network) and
prefixes the SVG's element ids so several figures can live in one HTML page.
A builder returns None when it has nothing to draw.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any

import altair as alt
import networkx as nx
import vl_convert

from mildip.analysis.trends import Comparison
from mildip.dates import bounds
from mildip.model import EVENT_TYPES, MODALITIES, Event

LAYOUT_SEED = 13
WIDTH = 640

TYPE_COLOURS: Mapping[str, str] = MappingProxyType(
    {
        "MEET": "#1f77b4",
        "CALL": "#17becf",
        "DIALOGUE": "#2ca02c",
        "EXERCISE": "#006d2c",
        "PORT_CALL": "#9467bd",
        "AGREE": "#8c6d31",
        "ESTABLISH": "#bcbd22",
        "RESUME": "#74c476",
        "PROPOSE": "#7f7f7f",
        "REJECT": "#ff7f0e",
        "SUSPEND": "#e7969c",
        "CANCEL": "#d62728",
        "INCIDENT": "#67000d",
    }
)
"""Colour of each event type: blues and greens cooperative, greys proposals, reds restrictive."""


def timeline_spec(events: Sequence[Event]) -> dict[str, Any] | None:
    """Events over time, one row per set of actors; same-day events of one type are one mark sized by their count."""
    counts: Counter[tuple[str, str, str, str]] = Counter(
        (bounds(e.date)[0].isoformat(), "–".join(e.actors), e.type, e.modality)
        for e in events
        if e.date
    )
    if not counts:
        return None
    rows = [
        {"date": day, "actors": actors, "type": type_, "modality": modality, "events": n}
        for (day, actors, type_, modality), n in sorted(counts.items())
    ]
    types = [t for t in EVENT_TYPES if any(r["type"] == t for r in rows)]
    modalities = [m for m in MODALITIES if any(r["modality"] == m for r in rows)]
    n_rows = len({r["actors"] for r in rows})
    chart = (
        alt.Chart(alt.Data(values=rows), title="Events over time")
        .mark_point(filled=True, opacity=0.8)
        .encode(
            x=alt.X("date:T", title="Event date (first day of the stated period)"),
            y=alt.Y("actors:N", title="Actors", sort="ascending"),
            color=alt.Color(
                "type:N",
                title="Event type",
                scale=alt.Scale(domain=types, range=[TYPE_COLOURS[t] for t in types]),
            ),
            shape=alt.Shape("modality:N", title="Modality", scale=alt.Scale(domain=modalities)),
            size=alt.Size("events:Q", title="Events", scale=alt.Scale(range=[70, 500])),
        )
        .properties(width=WIDTH, height=max(60, 28 * n_rows))
    )
    return chart.to_dict()


def trends_spec(comparison: Comparison | None, names: Mapping[str, str]) -> dict[str, Any] | None:
    """Cooperative (+) and restrictive (−) counts per period and series, with freeze-out below.

    ``names`` maps party codes and group names to display names.
    """
    if comparison is None or not comparison.periods:
        return None
    order = list(comparison.periods)

    def label(code: str) -> str:
        return names.get(code, code)

    def series_name(s) -> str:
        return f"{label(s.party)}–{label(s.counterpart)}"

    rows = []
    for s in comparison.series:
        name = series_name(s)
        for stats in s.periods:
            rows.append(
                {
                    "period": stats.period,
                    "series": name,
                    "stance": "cooperative",
                    "count": stats.cooperative,
                }
            )
            rows.append(
                {
                    "period": stats.period,
                    "series": name,
                    "stance": "restrictive",
                    "count": -stats.restrictive,
                }
            )
    series_names = [series_name(s) for s in comparison.series]
    bars = (
        alt.Chart(alt.Data(values=rows), title="Engagements per period")
        .mark_bar()
        .encode(
            x=alt.X("period:O", title=f"Period ({comparison.by})", sort=order),
            xOffset=alt.XOffset("series:N", sort=series_names),
            y=alt.Y("count:Q", title="Cooperative (+) / restrictive (−) events"),
            color=alt.Color("series:N", title="Dyad", scale=alt.Scale(domain=series_names)),
            opacity=alt.Opacity(
                "stance:N",
                title="Stance",
                scale=alt.Scale(domain=["cooperative", "restrictive"], range=[1.0, 0.45]),
            ),
        )
        .properties(width=WIDTH, height=220)
    )
    zero = alt.Chart(alt.Data(values=[{"y": 0}])).mark_rule(color="#444").encode(y="y:Q")
    parts: list[alt.TopLevelMixin] = [alt.layer(bars, zero)]
    if comparison.freeze_out:
        points = [
            {
                "period": p,
                "indicator": f"{label(f.group)} minus {label(f.reference)}",
                "value": round(v, 4),
            }
            for f in comparison.freeze_out
            for p, v in f.values
        ]
        line = (
            alt.Chart(
                alt.Data(values=points),
                title="Freeze-out indicator (net cooperation rate difference)",
            )
            .mark_line(point=True)
            .encode(
                x=alt.X("period:O", title=f"Period ({comparison.by})", sort=order),
                y=alt.Y("value:Q", title="Freeze-out"),
                color=alt.Color("indicator:N", title="Indicator"),
            )
            .properties(width=WIDTH, height=160)
        )
        parts.append(alt.layer(line, zero))
    chart = alt.vconcat(*parts).resolve_scale(color="independent")
    return chart.to_dict()


def network_spec(graph: nx.Graph, highlight: Sequence[str] = ()) -> dict[str, Any] | None:
    """The party graph; ``highlight`` parties (the report's focus) get their own colour."""
    if graph.number_of_nodes() == 0:
        return None
    pos = nx.spring_layout(graph, seed=LAYOUT_SEED, weight="weight")
    nodes = [
        {
            "id": str(n),
            "label": str(graph.nodes[n].get("label", n)),
            "x": round(float(pos[n][0]), 4),
            "y": round(float(pos[n][1]), 4),
            "engagements": float(graph.degree(n, weight="weight")),
            "role": "focus" if n in highlight else "partner",
        }
        for n in graph.nodes
    ]
    edges = [
        {
            "x": round(float(pos[a][0]), 4),
            "y": round(float(pos[a][1]), 4),
            "x2": round(float(pos[b][0]), 4),
            "y2": round(float(pos[b][1]), 4),
            "weight": data["weight"],
        }
        for a, b, data in graph.edges(data=True)
    ]
    axis = alt.Axis(title=None, labels=False, ticks=False, grid=False, domain=False)
    scale = alt.Scale(domain=[-1.25, 1.25])
    x = alt.X("x:Q", axis=axis, scale=scale)
    y = alt.Y("y:Q", axis=axis, scale=scale)
    layers: list[alt.Chart] = []
    if edges:
        layers.append(
            alt.Chart(alt.Data(values=edges))
            .mark_rule(color="#8a8a8a", opacity=0.7)
            .encode(
                x=x,
                y=y,
                x2="x2:Q",
                y2="y2:Q",
                strokeWidth=alt.StrokeWidth(
                    "weight:Q", title="Engagements (edge)", scale=alt.Scale(range=[1, 8])
                ),
            )
        )
    base = alt.Chart(alt.Data(values=nodes))
    layers.append(
        base.mark_circle(opacity=1, stroke="white", strokeWidth=1.5).encode(
            x=x,
            y=y,
            size=alt.Size(
                "engagements:Q", title="Engagements (party)", scale=alt.Scale(range=[120, 1200])
            ),
            color=alt.Color(
                "role:N",
                title="Party",
                scale=alt.Scale(domain=["focus", "partner"], range=["#c0392b", "#2e86c1"]),
            ),
        )
    )
    layers.append(
        base.mark_text(dy=-16, fontSize=12, fontWeight="bold").encode(x=x, y=y, text="label:N")
    )
    chart = alt.layer(*layers, title="Who engaged whom (asserted cooperative events)").properties(
        width=WIDTH, height=420
    )
    return chart.to_dict()


_ID = re.compile(r'\bid="([^"]+)"')


def to_svg(spec: Mapping[str, Any], prefix: str) -> str:
    """Render ``spec`` to SVG text offline; every element id gets ``prefix`` in front."""
    svg = vl_convert.vegalite_to_svg(dict(spec))
    svg = re.sub(r"^<\?xml[^>]*>\s*", "", svg)
    for old in set(_ID.findall(svg)):
        new = f"{prefix}-{old}"
        svg = svg.replace(f'id="{old}"', f'id="{new}"')
        svg = svg.replace(f"url(#{old})", f"url(#{new})")
        svg = svg.replace(f'href="#{old}"', f'href="#{new}"')
    return svg
