"""The language of a document's text, detected offline with py3langid's bundled model.

py3langid (a maintained fork of langid.py) ships its naive-Bayes model inside the
wheel (``py3langid/data/model.npz.xz``, 97 languages), so detection needs no
download and no network; the model is loaded once per process, on first use
(about a second).

:func:`detect_language` returns :class:`Detection` ``(code, confidence, script_share)``
or None for a text with too few letters to judge. :func:`choose_language` turns a
detection and a declared language (a header ``LANGUAGE``, an HTML ``lang``) into the
language stored, and says where it came from:

1. a confident detection (``confidence >= settings.language_min_confidence``), or a
   text whose letters are mostly outside the Latin script (a Chinese, Russian or
   Arabic text is not English, whatever its page template declares) → ``detected``;
2. otherwise the declared language → ``metadata``;
3. otherwise ``en`` → ``default``.

Codes are ISO 639-1 in lower case, without a region (``zh-CN`` → ``zh``).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache

MIN_LETTERS = 20
"""Texts with fewer letters than this are not judged."""
SAMPLE_CHARS = 20_000
"""Only the first characters are scored: enough for any language, fast on a long text."""
NON_LATIN_SHARE = 0.5
"""A text with more than this share of non-Latin letters is taken in the detected language."""


@dataclass(frozen=True)
class Detection:
    """``code`` detected with ``confidence`` (0-1); ``non_latin`` is the share of the
    letters outside the Latin script."""

    code: str
    confidence: float
    non_latin: float


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def normalise_code(value: str | None) -> str | None:
    """``"zh-CN"`` → ``"zh"``, ``"EN_us"`` → ``"en"``; None for an empty or odd value."""
    if not value or not isinstance(value, str):
        return None
    code = value.strip().replace("_", "-").split("-")[0].lower()
    return code if code.isascii() and code.isalpha() and 2 <= len(code) <= 3 else None


def _non_latin_share(text: str) -> tuple[int, float]:
    letters = latin = 0
    for ch in text:
        if ch.isalpha():
            letters += 1
            if ch.isascii() or "LATIN" in unicodedata.name(ch, ""):
                latin += 1
    return letters, (1 - latin / letters) if letters else 0.0


def detect_language(text: str) -> Detection | None:
    """The detected language of ``text``, or None with fewer than :data:`MIN_LETTERS` letters."""
    sample = text[:SAMPLE_CHARS]
    letters, non_latin = _non_latin_share(sample)
    if letters < MIN_LETTERS:
        return None
    code, confidence = _identifier().classify(sample)
    return Detection(str(code), round(float(confidence), 4), round(non_latin, 4))


def choose_language(
    detection: Detection | None, declared: str | None, min_confidence: float
) -> tuple[str, str]:
    """``(language, origin)``: origin ``detected``, ``metadata`` or ``default`` (see above)."""
    if detection is not None and (
        detection.confidence >= min_confidence or detection.non_latin > NON_LATIN_SHARE
    ):
        return detection.code, "detected"
    declared = normalise_code(declared)
    if declared:
        return declared, "metadata"
    return "en", "default"
