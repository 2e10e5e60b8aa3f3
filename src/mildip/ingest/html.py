"""HTML pages through trafilatura: the main article text and its metadata.

The page is extracted twice at most: first favouring precision (menus and footers
left out), then, if that finds no sentence, with trafilatura's default balance. An
extraction with no line of at least :data:`MIN_SENTENCE_WORDS` words (or
:data:`MIN_SENTENCE_IDEOGRAPHS` Chinese or Japanese characters, scripts written without
spaces) is a page with no article (a portal, a menu, a login form) and is refused.

The date comes from the page's metadata only (``extensive_search`` off), so a date
read from the article body is left to :mod:`mildip.ingest.pubdate` and marked as
inferred. trafilatura's ``filedate`` (today) is never used. A page date that is
no date is ignored with a warning in ``meta["warnings"]``. trafilatura is imported
on first use, so ``import mildip.ingest`` stays cheap.
"""

from __future__ import annotations

import re

from mildip._exceptions import EmptyInputError
from mildip.ingest.metadate import published_or_error
from mildip.ingest.source import SourceText

MIN_SENTENCE_WORDS = 6
"""An extracted text needs one line with at least this many words to count as an article."""
MIN_SENTENCE_IDEOGRAPHS = 15
"""...or, in a script written without spaces (Chinese, Japanese), this many ideographs/kana."""
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def _is_sentence(line: str) -> bool:
    return (
        len(line.split()) >= MIN_SENTENCE_WORDS
        or len(_UNSPACED.findall(line)) >= MIN_SENTENCE_IDEOGRAPHS
    )


def _has_sentence(text: str | None) -> bool:
    return bool(text) and any(_is_sentence(line) for line in text.splitlines())


def _extract(html: str, **options: bool):
    import trafilatura

    return trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        date_extraction_params=_DATE_PARAMS,
        **options,
    )


def read_html(html: str, source: str) -> SourceText:
    """The article of ``html`` with title, date, author, URL and site name."""
    result = _extract(html, favor_precision=True)
    if result is None or not _has_sentence(result.text):
        result = _extract(html)
    if result is None or not _has_sentence(result.text):
        raise EmptyInputError(source, "no article text found in the HTML page")
    meta: dict = {k: v for k, v in (("hostname", result.hostname),) if v}
    published, warnings = None, []
    if result.date:
        try:
            published = published_or_error(result.date, "page date", warnings)
        except ValueError as exc:
            warnings.append(f"{exc}; the page date is ignored")
    if warnings:
        meta["warnings"] = warnings
    return SourceText(
        text=result.text,
        media_type="text/html",
        title=result.title or None,
        url=result.url or None,
        author=result.author or None,
        publication=result.sitename or None,
        language=result.language or None,
        published=published,
        meta=meta,
    )
