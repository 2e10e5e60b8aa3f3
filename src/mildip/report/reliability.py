"""The report's "How reliable is this" box: what the numbers of a brief rest on.

:func:`reliability` gathers, for the events of a brief:

* the extractor versions that produced their evidence, and the version installed now;
* the measured precision and recall of the extractor, read from the data file
  ``extraction_quality.toml`` (a copy of the "Current scores" table of
  ``docs/evaluation.md``; a test keeps the two in step), with a warning when the events
  were extracted by another version than the one measured;
* review-status counts (:attr:`~mildip.model.Event.review`: ``machine``, ``accepted``,
  ``edited``; rejected events are not in a brief, and are counted apart if given);
* the share of events reported by more than one independent origin (``n_sources > 1``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from mildip._exceptions import DataFileError
from mildip._version import EXTRACTOR_VERSION
from mildip.analysis.filters import SHOWN_REVIEW_STATES
from mildip.model import Event
from mildip.resources import load_toml

QUALITY_FILE = "extraction_quality.toml"


@dataclass(frozen=True)
class MeasuredQuality:
    """One scored corpus of ``extraction_quality.toml``."""

    name: str
    documents: int
    gold: int
    precision: float
    recall: float
    f1: float
    note: str = ""


@dataclass(frozen=True)
class QualityFile:
    """The contents of ``extraction_quality.toml``: when, on which version, which row to quote."""

    measured: str
    extractor_version: str
    estimate: MeasuredQuality
    corpora: tuple[MeasuredQuality, ...]


@cache
def load_quality() -> QualityFile:
    """The measured quality shipped with mildip (DataFileError when the file is malformed)."""
    data = load_toml(QUALITY_FILE)
    try:
        corpora = tuple(MeasuredQuality(**row) for row in data["corpus"])
        estimate = next(c for c in corpora if c.name == data["estimate"])
        return QualityFile(str(data["measured"]), str(data["extractor_version"]), estimate, corpora)
    except (KeyError, TypeError, StopIteration) as exc:
        raise DataFileError(f"{QUALITY_FILE}: malformed ({exc!r}); see its header") from None


@dataclass(frozen=True)
class Reliability:
    """What the box shows (see the module docstring)."""

    n_events: int
    extractor_versions: tuple[str, ...]
    current_version: str
    quality: QualityFile
    review_counts: dict[str, int] = field(default_factory=dict)
    multi_origin: int = 0

    @property
    def multi_origin_share(self) -> float:
        """Share of events with more than one independent origin (0 without events)."""
        return self.multi_origin / self.n_events if self.n_events else 0.0

    @property
    def version_warning(self) -> str | None:
        """A sentence when the events were not extracted by the measured version."""
        others = [v for v in self.extractor_versions if v != self.quality.extractor_version]
        if not others:
            return None
        return (
            f"The figures were measured on {self.quality.extractor_version}; these events come "
            f"from {', '.join(others)}, so they may not apply."
        )

    def to_dict(self) -> dict[str, Any]:
        estimate = self.quality.estimate
        return {
            "n_events": self.n_events,
            "extractor_versions": list(self.extractor_versions),
            "current_version": self.current_version,
            "measured": self.quality.measured,
            "measured_version": self.quality.extractor_version,
            "precision": estimate.precision,
            "recall": estimate.recall,
            "f1": estimate.f1,
            "review_counts": dict(self.review_counts),
            "multi_origin": self.multi_origin,
            "multi_origin_share": self.multi_origin_share,
        }


def reliability(events: Sequence[Event]) -> Reliability:
    """The reliability facts of ``events`` (see the module docstring)."""
    versions = sorted({e.extractor_version for ev in events for e in ev.evidence})
    counts = Counter(e.review for e in events)
    review = {s: counts.get(s, 0) for s in SHOWN_REVIEW_STATES}
    review.update({s: n for s, n in counts.items() if s not in review})
    return Reliability(
        n_events=len(events),
        extractor_versions=tuple(versions),
        current_version=EXTRACTOR_VERSION,
        quality=load_quality(),
        review_counts=review,
        multi_origin=sum(1 for e in events if e.n_sources > 1),
    )
