"""The learned scorer: how likely an extracted candidate is a real event of the text.

The frames over-generate on purpose (weak trigger words, parties completed from the
narrative, nominal mentions); the scorer weighs each candidate by what produced it -
its type and trigger, how its parties were found, its modality and how it was dated, the
shape of its sentence - and drops those below the model's threshold.

The model is data (``mildip/data/scorer.json``): a logistic regression trained by
``mildip train`` (:mod:`mildip.train`, scikit-learn) on annotated corpora, stored as
its feature names, weights, intercept and threshold, with the fingerprint of its
training data and the command that rebuilds it (``make model``). Applying it is a dot
product over the features of :func:`features`; nothing is learned at extraction time.
A user model trained on other gold is chosen with the ``scorer_model`` setting.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from mildip._exceptions import DataFileError
from mildip.resources import data_text

MODEL_FILE = "scorer.json"
FORMAT = "mildip-scorer/1"

_BUCKETS = ((0, "0"), (1, "1"), (2, "2"), (3, "3"), (5, "4-5"))


def _bucket(n: int) -> str:
    for limit, label in _BUCKETS:
        if n <= limit:
            return label
    return "6+"


def features(f: dict[str, Any]) -> dict[str, float]:
    """Sparse binary features of a candidate from the attributes the builder recorded
    (:attr:`mildip.extract.build.Built.features`)."""
    t = str(f["type"])
    out: dict[str, float] = {
        "bias_type=" + t: 1.0,
        "frame=" + str(f["frame"]): 1.0,
        "lemma=" + str(f["lemma"]): 1.0,
        "type|lemma=" + t + "|" + str(f["lemma"]): 1.0,
        "pos=" + str(f["pos"]): 1.0,
        "modality=" + str(f["modality"]): 1.0,
        "type|modality=" + t + "|" + str(f["modality"]): 1.0,
        "date=" + str(f["date_how"]): 1.0,
        "type|date=" + t + "|" + str(f["date_how"]): 1.0,
        "actors=" + _bucket(int(f["n_actors"])): 1.0,
        "sentence_parties=" + _bucket(int(f["n_parties_sentence"])): 1.0,
        "dep=" + str(f["trigger_dep"]): 1.0,
        "tag=" + str(f["tag"]): 1.0,
        "verb=" + str(f["verb_lemma"]): 1.0,
        "position=" + _bucket(int(f["sentence_index"])): 1.0,
    }
    for flag in ("weak", "context", "mechanism", "registered", "round", "initiator", "heading"):
        if f.get(flag):
            out[flag] = 1.0
            out["type|" + flag + "=" + t] = 1.0
    if f.get("participants"):
        out["participants"] = 1.0
    out["military_words=" + _bucket(int(f.get("military_words", 0)))] = 1.0
    for flag in ("defence_title", "leader_title", "list_item", "reported"):
        if f.get(flag):
            out[flag] = 1.0
            out["type|" + flag + "=" + t] = 1.0
    gap = int(f.get("years_before_publication", -1))
    out["age=" + ("unknown" if gap < 0 else _bucket(gap))] = 1.0
    out["type|age=" + t + "|" + ("unknown" if gap < 0 else _bucket(gap))] = 1.0
    out["verb_tag=" + str(f.get("verb_tag", ""))] = 1.0
    out["quote_words=" + _bucket(int(f.get("quote_words", 0)) // 8)] = 1.0
    for g in f.get("governors", ()):
        out["governor=" + g] = 1.0
    for source in f.get("sources", ()):
        out["source=" + source] = 1.0
        out["type|source=" + t + "|" + source] = 1.0
    if not any(s.split(":")[0] in ("subject", "object", "with", "agent", "modifier") for s in f.get("sources", ())):
        out["no_role_party"] = 1.0
    return out


@dataclass(frozen=True)
class Scorer:
    """A stored linear model (see the module docstring)."""

    weights: dict[str, float]
    intercept: float
    threshold: float
    meta: dict[str, Any]

    def probability(self, feats: dict[str, Any]) -> float:
        """P(the candidate is an event of the text) for builder attributes ``feats``."""
        z = self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in features(feats).items())
        return 1.0 / (1.0 + math.exp(-z))

    def keep(self, feats: dict[str, Any]) -> bool:
        return self.probability(feats) >= self.threshold

    @property
    def digest(self) -> str:
        return str(self.meta.get("digest", ""))

    @classmethod
    def from_json(cls, text: str, origin: str) -> Scorer:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise DataFileError(f"{origin}: not a scorer model ({exc})") from None
        if data.get("format") != FORMAT:
            raise DataFileError(f"{origin}: not a {FORMAT} model (format {data.get('format')!r})")
        weights = data.get("weights")
        if not isinstance(weights, dict) or not weights:
            raise DataFileError(f"{origin}: the model has no weights")
        return cls(
            weights={str(k): float(v) for k, v in weights.items()},
            intercept=float(data["intercept"]),
            threshold=float(data["threshold"]),
            meta={k: v for k, v in data.items() if k not in ("weights",)},
        )


@lru_cache(maxsize=4)
def load_scorer(path: str = "") -> Scorer:
    """The model at ``path``, or the shipped one (``mildip/data/scorer.json``)."""
    if path:
        p = Path(path)
        try:
            text = p.read_text("utf-8")
        except OSError as exc:
            raise DataFileError(f"{p}: cannot read the scorer model ({exc.strerror})") from None
        return Scorer.from_json(text, str(p))
    return Scorer.from_json(data_text(MODEL_FILE), MODEL_FILE)
