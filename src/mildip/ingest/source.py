"""What a format reader hands to the document builder: text plus the metadata it found."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mildip.ingest.metadate import PublishedDate


@dataclass(frozen=True)
class SourceText:
    """The text of one input and its metadata, before precedence rules and inference.

    ``published`` is a date given by the input itself (a header ``DATE``, HTML
    metadata, a manifest ``date``), at its precision; ``meta`` goes to
    ``Document.meta`` as is (``meta["warnings"]`` lists one-line notes).
    """

    text: str
    media_type: str
    title: str | None = None
    url: str | None = None
    author: str | None = None
    publication: str | None = None
    language: str | None = None
    published: PublishedDate | None = None
    meta: dict[str, Any] = field(default_factory=dict)
