"""Rendering a :class:`~mildip.report.build.Report` as one self-contained HTML file or Markdown.

HTML: inline CSS, figures as inline SVG (rendered offline by vl-convert), no script, no
external stylesheet, font or image; the only external references are the hyperlinks to
source documents. Every event row links to ``#evidence-<event_id>``, the section with
its quotes, document titles and URLs; every evidence section links back to its row.

Markdown: the same sections with tables instead of figures (Markdown has no portable way
to embed SVG); anchors are ``<a id="...">`` tags, which GitHub and most renderers keep.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from os import PathLike
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from mildip import __version__
from mildip.analysis.filters import EventFilter
from mildip.model import Document, Event
from mildip.report.build import Report, build_report
from mildip.report.charts import to_svg
from mildip.settings import Settings

REPORT_SUFFIXES: dict[str, tuple[str, ...]] = {
    "html": (".html", ".htm"),
    "md": (".md", ".markdown"),
}
"""Report formats and the file extensions that mean them."""

FONTS = {
    "serif": '"Noto Serif", Georgia, "Times New Roman", "Noto Serif CJK SC", "Source Han Serif SC", '
    '"Songti SC", SimSun, serif',
    "sans": '"Noto Sans", "Helvetica Neue", Arial, "Noto Sans CJK SC", "Source Han Sans SC", '
    '"PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif',
}
"""CSS font stacks: Latin faces first, then CJK faces (Chinese quotes render wherever one of
them is installed; see docs/report.md)."""

FIGURE_TITLES = {
    "timeline": "Timeline",
    "trends": "Trends and the freeze-out indicator",
    "network": "Who engaged whom",
}


def _environment(autoescape: bool) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("mildip.report", "templates"),
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md_cell"] = md_cell
    env.filters["number"] = _number
    return env


def md_cell(value: Any) -> str:
    """Text safe inside a Markdown table cell or quote: pipes escaped, HTML characters
    escaped (raw HTML in Markdown would be rendered), newlines folded."""
    if value is None:
        return ""
    text = " ".join(str(value).split())
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")


def _number(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".") if value % 1 else f"{value:.0f}"
    return str(value)


def render_html(report: Report) -> str:
    """The report as one self-contained HTML document."""
    figures = {
        name: Markup(to_svg(spec, prefix=f"fig-{name}")) for name, spec in report.charts.items()
    }
    template = _environment(autoescape=True).get_template("report.html.j2")
    return template.render(
        report=report,
        figures=figures,
        titles=FIGURE_TITLES,
        version=__version__,
        fonts={k: Markup(v) for k, v in FONTS.items()},
    )


def render_markdown(report: Report) -> str:
    """The report as Markdown (tables instead of figures)."""
    template = _environment(autoescape=False).get_template("report.md.j2")
    return template.render(report=report, titles=FIGURE_TITLES, version=__version__)


def write_report(
    events: Iterable[Event],
    documents: Iterable[Document],
    settings: Settings | None,
    path: str | PathLike[str],
    *,
    selection: EventFilter | None = None,
    vs_groups: Sequence[str] | None = None,
    fmt: str | None = None,
) -> Path:
    """Build the report and write it to ``path`` (parent folders created); returns the path.

    ``selection`` and ``vs_groups`` are those of :func:`~mildip.report.build.build_report`.
    ``fmt`` is ``"html"`` or ``"md"``; by default ``.md`` files get Markdown, others HTML.
    """
    target = Path(path)
    fmt = fmt or ("md" if target.suffix.lower() in (".md", ".markdown") else "html")
    if fmt not in REPORT_SUFFIXES:
        raise ValueError(f"unknown report format {fmt!r}; expected html or md")
    report = build_report(events, documents, settings, selection, vs_groups=vs_groups)
    text = render_html(report) if fmt == "html" else render_markdown(report)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target
