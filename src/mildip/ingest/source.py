"""What a format reader hands to the document builder: text plus the metadata it found."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True)
class SourceText:
    """The text of one input and its metadata, before precedence rules and inference.

    ``published`` is a date given by the input itself (a header ``DATE``, HTML
    metadata, a manifest ``date``); ``meta`` goes to ``Document.meta`` as is.
    """

    text: str
    media_type: str
    title: str | None = None
    url: str | None = None
    author: str | None = None
    publication: str | None = None
    language: str | None = None
    published: date | None = None
    meta: dict[str, Any] = field(default_factory=dict)
