"""The plain-text reports of a :class:`~mildip.evaluate.scoring.Score` and of an
:class:`~mildip.evaluate.corpora.Evaluation` (several corpora, or parts of one)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mildip.evaluate.corpora import CorpusResult, Evaluation
    from mildip.evaluate.scoring import Agreement, Counts, Score

ROUND_LABEL = "round right wherever the gold has one"


def format_score(score: Score, show_errors: bool = True, per_doc: bool = True) -> str:
    """P/R/F1 overall and per type, optional gold found, attribute agreement, the
    documents that could not be read, (``per_doc``) P/R/F1 per document and
    (``show_errors``) the misses, false alarms and optional gold not found, each with
    its evidence quote."""
    labels = [ROUND_LABEL, *score.per_type, *(score.per_doc if per_doc else ())]
    w = max(len(label) for label in labels) + 2
    lines = [
        (
            f"{len(score.documents)} documents, {score.n_gold} gold records "
            f"({score.n_scored} scored, {score.optional_found.total} optional), "
            f"{score.n_predicted} predicted"
        ),
        "",
        _counts_header("type", w),
        _counts_row("overall", score.overall, w),
    ]
    lines += [_counts_row(f"  {t}", c, w) for t, c in score.per_type.items()]
    found = score.optional_found
    lines += [
        "",
        f"optional gold found: {found.agree}/{found.total} (neither hits nor false alarms)",
        "",
        f"attribute agreement on {len(score.matches)} matched pairs:",
    ]
    lines += [_agreement_row(a, g, w) for a, g in score.attributes.items()]
    lines.append(_agreement_row(ROUND_LABEL, score.round_where_gold_has_one, w))
    if score.unreadable:
        lines += ["", f"unreadable documents, scored as finding nothing ({len(score.unreadable)}):"]
        lines += [f"  {doc}: {reason}" for doc, reason in score.unreadable.items()]
    if per_doc:
        lines += ["", _counts_header("document", w)]
        lines += [_counts_row(d, c, w) for d, c in score.per_doc.items()]
    if show_errors:
        for title, records in (
            ("misses", score.misses),
            ("false alarms", score.false_alarms),
            ("optional gold not found", score.optional_misses),
        ):
            lines += ["", f"{title} ({len(records)}):"]
            lines += [describe(r) for r in records]
    return "\n".join(lines) + "\n"


def format_evaluation(evaluation: Evaluation, show_errors: bool = True) -> str:
    """One corpus without parts: its :func:`format_score`. Otherwise a summary table (a
    row per corpus and part, and for all corpora together), then each corpus's report
    under a ``== LABEL ==`` heading, then the per-type table of all corpora together."""
    results = evaluation.results
    if len(results) == 1 and not results[0].parts:
        return format_score(results[0].score, show_errors=show_errors)
    out = [format_summary([*results, *filter(None, [evaluation.combined])]), ""]
    for result in results:
        out += [f"== {result.label} ({result.part}) ==", format_score(result.score, show_errors)]
    if evaluation.combined is not None:
        combined = evaluation.combined
        out += [
            f"== {combined.label} ({combined.part}) ==",
            format_score(combined.score, show_errors=False, per_doc=False),
        ]
    return "\n".join(out)


def format_summary(results: list[CorpusResult]) -> str:
    """A table with one row per corpus and part: documents, scored gold, predictions,
    P/R/F1 with tp/fp/fn, the exact-date rate and the rounds right."""
    rows = []
    for result in results:
        scores = result.parts or {result.part: result.score}
        rows += [(result.label, part, s) for part, s in scores.items()]
    w = max(len("corpus"), *(len(label) for label, _, _ in rows)) + 2
    header = (
        f"{'corpus':<{w}} {'part':<7} {'docs':>5} {'gold':>5} {'pred':>5} "
        f"{'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4} {'date=':>6} {'rounds':>7}"
    )
    lines = [header]
    for label, part, s in rows:
        c, dates, rounds = s.overall, s.attributes["date_exact"], s.round_where_gold_has_one
        lines.append(
            f"{label:<{w}} {part:<7} {len(s.documents):5d} {s.n_scored:5d} {s.n_predicted:5d} "
            f"{c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f} {c.tp:4d} {c.fp:4d} {c.fn:4d} "
            f"{_rate(dates):>6} {f'{rounds.agree}/{rounds.total}':>7}"
        )
    return "\n".join(lines) + "\n"


def describe(record: Mapping[str, Any]) -> str:
    """One record on a line (doc, type, actors, date, attributes), its quote below."""
    actors = ",".join(sorted(record.get("actors") or ()))
    parts = [f"  [{record.get('doc')}] {record.get('type')} {actors} {record.get('date') or '?'}"]
    if record.get("initiator"):
        parts.append(f"initiator={record['initiator']}")
    if record.get("mechanism"):
        parts.append(f"mechanism={record['mechanism']!r}")
    if record.get("round") is not None:
        parts.append(f"round={record['round']}")
    if record.get("modality") not in (None, "asserted"):
        parts.append(f"modality={record['modality']}")
    line = " ".join(parts)
    if record.get("evidence"):
        line += f"\n      \u201c{record['evidence']}\u201d"
    return line


def _rate(a: Agreement) -> str:
    return "-" if a.rate is None else f"{a.rate:.3f}"


def _counts_header(label: str, width: int) -> str:
    return f"{label:<{width}} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4}"


def _counts_row(label: str, c: Counts, width: int) -> str:
    return (
        f"{label:<{width}} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f} "
        f"{c.tp:4d} {c.fp:4d} {c.fn:4d}"
    )


def _agreement_row(label: str, a: Agreement, width: int) -> str:
    rate = "     -" if a.rate is None else f"{a.rate:6.3f}"
    return f"  {label:<{width - 2}} {a.agree:4d}/{a.total:<4d} {rate}"
