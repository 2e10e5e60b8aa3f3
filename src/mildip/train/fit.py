"""Fitting the scorer: scikit-learn's logistic regression over the candidate features,
model selection by grouped cross-validation, and the stored JSON model."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from mildip._exceptions import MildipError
from mildip.extract.scorer import FORMAT, features
from mildip.settings import Settings
from mildip.train.examples import CorpusUse, Example, examples

C_GRID = (0.003, 0.01, 0.03, 0.1, 0.3, 1.0)
MIN_GAIN = 0.02
"""The out-of-fold F1 a threshold must add over keeping every candidate to be used."""
FOLDS = 5
SEED = 13


class TrainingError(MildipError):
    """The corpora give nothing to learn from (no candidates, or one class only)."""


def _matrix(items: Sequence[Example]):
    from sklearn.feature_extraction import DictVectorizer

    vec = DictVectorizer(sparse=True, sort=True)
    x = vec.fit_transform([features(e.features) for e in items])
    return vec, x


def _model(c: float):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, solver="lbfgs", max_iter=5000, random_state=SEED)


def _out_of_fold(items: Sequence[Example], x, y, c: float) -> list[float]:
    from sklearn.model_selection import GroupKFold

    groups = [f"{e.corpus}/{e.doc}" for e in items]
    folds = GroupKFold(n_splits=min(FOLDS, len(set(groups))))
    probs = [0.0] * len(items)
    for train_idx, test_idx in folds.split(x, y, groups):
        if len(set(y[i] for i in train_idx)) < 2:
            continue
        model = _model(c).fit(x[train_idx], [y[i] for i in train_idx])
        for i, p in zip(test_idx, model.predict_proba(x[test_idx])[:, 1], strict=True):
            probs[i] = float(p)
    return probs


def _best_threshold(
    items: Sequence[Example], probs: Sequence[float], golds, settings: Settings
) -> tuple[float, float]:
    """(threshold, F1) maximising the F1 of the **events** left after coreference, scored
    by the spec's rule against the gold: what extraction will actually output."""
    from mildip.evaluate.scoring import score
    from mildip.resolve.coref import merge_events

    by_doc: dict[tuple[str, str], list[tuple[float, Any]]] = {}
    for e, p in zip(items, probs, strict=True):
        by_doc.setdefault((e.corpus, e.doc), []).append((p, e.event))
    gold = [r for key in sorted(golds) for r in golds[key]]

    def f1_at(t: float) -> float:
        predicted = []
        for (_corpus, doc), pairs in sorted(by_doc.items(), key=lambda kv: kv[0]):
            kept = [ev for p, ev in pairs if p >= t]
            predicted += [ev.to_record(doc) for ev in merge_events(kept, settings)]
        return score(predicted, gold).overall.f1

    keep_all = f1_at(0.0)
    best = (0.0, keep_all)
    for step in range(30, 71, 5):
        t = step / 100
        f1 = f1_at(t)
        if f1 > best[1] + 1e-9:
            best = (t, f1)
    if best[1] - keep_all < MIN_GAIN:
        # a gain this small out of fold is noise: the scorer keeps every candidate
        return 0.0, keep_all
    return best


def _log_loss(probs: Sequence[float], y: Sequence[int]) -> float:
    from sklearn.metrics import log_loss

    return float(log_loss(list(y), [min(max(p, 1e-6), 1 - 1e-6) for p in probs], labels=[0, 1]))


def fit(items: Sequence[Example], golds, settings: Settings) -> dict[str, Any]:
    """The model (as the plain data :func:`model_json` writes) fitted on ``items``."""
    y = [e.label for e in items]
    if not items or len(set(y)) < 2:
        raise TrainingError(
            "nothing to learn: the corpora gave no candidates, or only right or only wrong ones"
        )
    vec, x = _matrix(items)
    scored = [(_log_loss(_out_of_fold(items, x, y, c), y), c) for c in C_GRID]
    loss, c = min(scored)
    probs = _out_of_fold(items, x, y, c)
    threshold, cv_f1 = _best_threshold(items, probs, golds, settings)
    model = _model(c).fit(x, y)
    names = vec.get_feature_names_out()
    weights = {
        str(n): round(float(w), 6) for n, w in zip(names, model.coef_[0], strict=True) if abs(w) >= 1e-6
    }
    return {
        "weights": dict(sorted(weights.items())),
        "intercept": round(float(model.intercept_[0]), 6),
        "threshold": threshold,
        "regularisation_C": c,
        "cross_validation": {"log_loss": round(loss, 4), "event_f1": round(cv_f1, 4)},
        "candidates": len(items),
        "positives": sum(y),
    }


def model_json(model: dict[str, Any], used: Sequence[CorpusUse], command: str) -> str:
    """The stored model file: the fitted model, what it was trained on and how."""
    import sklearn

    body = {
        "format": FORMAT,
        "command": command,
        "trained_on": [
            {"corpus": u.path, "part": u.part, "documents": u.documents, "sha256": u.fingerprint}
            for u in used
        ],
        "library": f"scikit-learn {sklearn.__version__}",
        **model,
    }
    digest = hashlib.sha256(json.dumps(body, sort_keys=True).encode("utf-8")).hexdigest()
    body["digest"] = digest
    return json.dumps(body, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def train(
    corpora: Sequence[tuple[str | Path, str]], out: str | Path, settings: Settings, command: str
) -> dict[str, Any]:
    """Extract and label ``corpora``, fit, write the model to ``out``; returns the model."""
    items, used, golds = examples(list(corpora), settings)
    model = fit(items, golds, settings)
    Path(out).write_text(model_json(model, used, command), "utf-8")
    return model
