"""The report's figures as Vega-Lite specifications (built with Altair) and their SVG.

* :func:`timeline_spec`: one mark per dated event, nothing merged or sized: x = date,
  y = the set of actors (the :data:`MAX_TIMELINE_ROWS` busiest rows; the others are
  named in the subtitle), colour = type, shape = modality. Events of one row that
  would overlap are stacked on separate lanes (:func:`lanes`); an event dated to a
  day is a point, one dated to a month or a year a bar over that whole period.
* :func:`trends_spec`: one panel per series, cooperative events above zero and
  restrictive events below it (colour = stance, the legend shows those colours);
  under it, the freeze-out indicator per period.
* :func:`network_spec`: the party engagement graph, nodes placed by networkx's
  spring layout with a fixed seed, edge width = engagements, node size = weighted
  degree; size legends show whole numbers only.

Every figure uses :data:`FONT`, a font stack with CJK faces. :func:`to_svg` renders a
spec offline with vl-convert (no browser, no network) and prefixes the SVG's element
ids so several figures can live in one HTML page. A builder returns None when it has
nothing to draw.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any

import altair as alt
import networkx as nx
import vl_convert

from mildip.analysis.trends import Comparison
from mildip.dates import bounds, precision, sort_key
from mildip.model import EVENT_TYPES, MODALITIES, Event

LAYOUT_SEED = 13
WIDTH = 640
LANE_HEIGHT = 12
"""Pixels per lane of the timeline (a row of actors has as many lanes as its busiest moment)."""
ROW_GAP = 0.6
"""Space between two rows of the timeline, in lanes."""
MAX_TIMELINE_ROWS = 16
"""The timeline draws the busiest sets of actors only; the rest are named in its subtitle."""

FONT = (
    '"Noto Sans", "Helvetica Neue", Arial, "Noto Sans CJK SC", "Source Han Sans SC", '
    '"PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif'
)
"""The figures' font stack: Latin faces, then CJK faces (see docs/report.md)."""

STANCE_COLOURS: Mapping[str, str] = MappingProxyType(
    {"cooperative": "#2e7d32", "restrictive": "#c62828"}
)
"""Colour of cooperative and restrictive bars in the trends figure (and its legend)."""

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


def _row_label(event: Event) -> str:
    return "–".join(event.actors)


def lanes(spans: Sequence[tuple[int, int]], gap: int) -> list[int]:
    """A lane for each ``(first, last)`` day span so that spans in one lane are ``gap`` apart.

    Greedy, in input order sorted by start: each span takes the lowest lane whose last
    span ended more than ``gap`` days before it starts.
    """
    order = sorted(range(len(spans)), key=lambda i: spans[i])
    ends: list[int] = []
    out = [0] * len(spans)
    for i in order:
        first, last = spans[i]
        for lane, end in enumerate(ends):
            if first > end + gap:
                ends[lane] = last
                out[i] = lane
                break
        else:
            ends.append(last)
            out[i] = len(ends) - 1
    return out


def timeline_spec(events: Sequence[Event]) -> dict[str, Any] | None:
    """Events over time (see the module docstring): points for days, bars for months and years."""
    dated = [e for e in events if e.date]
    if not dated:
        return None
    counts = Counter(_row_label(e) for e in dated)
    rows_shown = sorted(counts, key=lambda r: (-counts[r], r))[:MAX_TIMELINE_ROWS]
    hidden = len(counts) - len(rows_shown)
    hidden_events = sum(n for r, n in counts.items() if r not in rows_shown)
    shown = sorted(
        (e for e in dated if _row_label(e) in rows_shown),
        key=lambda e: (sort_key(e.date), e.type, e.event_id),
    )
    first_day = min(bounds(e.date)[0] for e in shown)
    last_day = max(bounds(e.date)[1] for e in shown)
    span_days = max(1, (last_day - first_day).days)
    gap = max(1, round(span_days * 0.012))
    records, centers, separators = [], {}, []
    top = 0.0
    for row in rows_shown:
        mine = [e for e in shown if _row_label(e) == row]
        spans = [(bounds(e.date)[0].toordinal(), bounds(e.date)[1].toordinal()) for e in mine]
        assigned = lanes(spans, gap)
        for event, lane in zip(mine, assigned, strict=True):
            first, last = bounds(event.date)
            records.append(
                {
                    "date": first.isoformat(),
                    "end": last.isoformat(),
                    "actors": row,
                    "type": event.type,
                    "modality": event.modality,
                    "y": top + lane + 0.5,
                    "y_low": top + lane + 0.15,
                    "y_high": top + lane + 0.85,
                    "precision": precision(event.date),
                    "label": event.date,
                }
            )
        n_lanes = max(assigned) + 1
        centers[row] = top + n_lanes / 2
        top += n_lanes + ROW_GAP
        separators.append({"y": top - ROW_GAP / 2})
    total = top - ROW_GAP
    types = [t for t in EVENT_TYPES if any(r["type"] == t for r in records)]
    modalities = [m for m in MODALITIES if any(r["modality"] == m for r in records)]
    colour = alt.Color(
        "type:N",
        title="Event type (colour)",
        scale=alt.Scale(domain=types, range=[TYPE_COLOURS[t] for t in types]),
        legend=alt.Legend(symbolType="square", symbolOpacity=1),
    )
    label_expr = "''"
    for row, center in reversed(list(centers.items())):
        label_expr = f"datum.value == {center} ? {json.dumps(row)} : {label_expr}"
    y_scale = alt.Scale(domain=[0, total], reverse=True, nice=False, zero=False)
    y_axis = alt.Axis(
        values=list(centers.values()),
        labelExpr=label_expr,
        grid=False,
        ticks=False,
        title="Actors",
        labelLimit=220,
    )
    x_scale = alt.Scale(domain=[first_day.isoformat(), last_day.isoformat()], padding=12)
    base = alt.Chart(alt.Data(values=records))
    tooltip = ["label:N", "type:N", "actors:N", "modality:N"]
    spans_layer = (
        base.transform_filter(alt.datum.precision != "day")
        .mark_bar(cornerRadius=2)
        .encode(
            x=alt.X("date:T", scale=x_scale, title=None),
            x2="end:T",
            opacity=alt.condition(alt.datum.modality == "asserted", alt.value(0.8), alt.value(0.3)),
            y=alt.Y("y_low:Q", scale=y_scale, axis=y_axis),
            y2="y_high:Q",
            color=colour,
            tooltip=tooltip,
        )
    )
    points = (
        base.transform_filter(alt.datum.precision == "day")
        .mark_point(filled=True, opacity=0.9, size=60, stroke="white", strokeWidth=0.5)
        .encode(
            x=alt.X("date:T", scale=x_scale, title="Event date"),
            y=alt.Y("y:Q", scale=y_scale, axis=y_axis),
            color=colour,
            shape=alt.Shape(
                "modality:N",
                title="Modality (shape)",
                scale=alt.Scale(domain=modalities),
                legend=alt.Legend(symbolFillColor="#666", symbolStrokeColor="#666"),
            ),
            tooltip=tooltip,
        )
    )
    layers = [spans_layer, points]
    if separators[:-1]:
        layers.insert(
            0,
            alt.Chart(alt.Data(values=separators[:-1]))
            .mark_rule(color="#d0d0d0", strokeDash=[3, 3])
            .encode(y=alt.Y("y:Q", scale=y_scale, axis=y_axis)),
        )
    subtitle = [
        "Points: events dated to a day. Bars: dated only to a month or a year "
        "(faded: not asserted, e.g. a plan)."
    ]
    if hidden:
        subtitle.append(
            f"{hidden} more sets of actors ({hidden_events} events) are not drawn: see the Events table."
        )
    chart = alt.layer(*layers).properties(
        title=alt.Title("Events over time", subtitle=subtitle),
        width=WIDTH,
        height=max(60, round(total * LANE_HEIGHT)),
    )
    return chart.configure(font=FONT).to_dict()


def trends_spec(comparison: Comparison | None, names: Mapping[str, str]) -> dict[str, Any] | None:
    """Cooperative (+) and restrictive (−) counts per period, one panel per series, freeze-out below.

    ``names`` maps party codes and group names to display names.
    """
    if comparison is None or not comparison.periods:
        return None
    order = list(comparison.periods)

    def label(code: str) -> str:
        return names.get(code, code)

    def series_name(s) -> str:
        return f"{label(s.party)} with {label(s.counterpart)}"

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
    peak = max([1, *(abs(r["count"]) for r in rows)])
    base = alt.Chart()
    bars = base.mark_bar().encode(
        x=alt.X("period:O", title=f"Period ({comparison.by})", sort=order),
        y=alt.Y(
            "count:Q",
            title="Events (+ cooperative, − restrictive)",
            scale=alt.Scale(domain=[-peak, peak]),
            axis=alt.Axis(format="d", tickMinStep=1),
        ),
        color=alt.Color(
            "stance:N",
            title="Stance",
            scale=alt.Scale(domain=list(STANCE_COLOURS), range=list(STANCE_COLOURS.values())),
            legend=alt.Legend(symbolType="square"),
        ),
        tooltip=["series:N", "period:N", "stance:N", "count:Q"],
    )
    zero = base.mark_rule(color="#444").encode(y=alt.datum(0))
    panels = (
        alt.layer(bars, zero, data=alt.Data(values=rows))
        .properties(width=WIDTH, height=120)
        .facet(
            row=alt.Row(
                "series:N",
                sort=series_names,
                title=None,
                header=alt.Header(
                    labelAngle=0,
                    labelAlign="left",
                    labelAnchor="start",
                    labelOrient="top",
                    labelFontWeight="bold",
                    labelFontSize=12,
                ),
            ),
            title="Engagements per period",
        )
    )
    parts: list[alt.TopLevelMixin] = [panels]
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
            alt.Chart(alt.Data(values=points))
            .mark_line(point=True)
            .encode(
                x=alt.X("period:O", title=f"Period ({comparison.by})", sort=order),
                y=alt.Y("value:Q", title="Freeze-out"),
                color=alt.Color("indicator:N", title="Indicator"),
            )
        )
        zero_line = alt.Chart(alt.Data(values=[{"y": 0}])).mark_rule(color="#444").encode(y="y:Q")
        parts.append(
            alt.layer(line, zero_line).properties(
                width=WIDTH,
                height=150,
                title="Freeze-out indicator (net cooperation rate difference)",
            )
        )
    chart = alt.vconcat(*parts).resolve_scale(color="independent")
    return chart.configure(font=FONT).to_dict()


def _whole_ticks(values: Sequence[float]) -> list[int]:
    """Up to three whole numbers spanning ``values`` (for size legends; never 0.2 of an event)."""
    low, high = int(min(values)), int(round(max(values)))
    low = max(1, low)
    if high <= low:
        return [low]
    mid = (low + high) // 2
    return sorted({low, mid, high})


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
                    "weight:Q",
                    title="Engagements (edge)",
                    scale=alt.Scale(range=[1, 8]),
                    legend=alt.Legend(
                        values=_whole_ticks([e["weight"] for e in edges]), format="d"
                    ),
                ),
            )
        )
    base = alt.Chart(alt.Data(values=nodes))
    layers.append(
        base.mark_circle(opacity=1, stroke="white", strokeWidth=1.5).encode(
            x=x,
            y=y,
            size=alt.Size(
                "engagements:Q",
                title="Engagements (party)",
                scale=alt.Scale(range=[120, 1200]),
                legend=alt.Legend(
                    values=_whole_ticks([n["engagements"] for n in nodes]),
                    format="d",
                    symbolFillColor="#2e86c1",
                    symbolStrokeColor="white",
                ),
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
    return chart.configure(font=FONT).to_dict()


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
