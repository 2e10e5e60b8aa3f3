"""Publishable briefs: :func:`build_report` gathers the data, :func:`render_html` and
:func:`render_markdown` turn it into text, :func:`write_report` does all three to a file.

::

    from mildip.report import build_report, render_html
    report = build_report(events, documents, settings, parties=("CHN", "USA"), since="2022-01")
    Path("brief.html").write_text(render_html(report), "utf-8")
"""

from mildip.report.build import BoardLine, EventRow, Report, SourceQuote, build_report
from mildip.report.render import render_html, render_markdown, write_report

__all__ = [
    "BoardLine",
    "EventRow",
    "Report",
    "SourceQuote",
    "build_report",
    "render_html",
    "render_markdown",
    "write_report",
]
