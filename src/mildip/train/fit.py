"""Fitting the scorer: scikit-learn's logistic regression over the candidate features,
model selection by grouped cross-validation, and the stored JSON model.

Everything is deterministic: the examples come in a fixed order, the folds are drawn
with the run's seed, lbfgs has no randomness, and every float in the file is rounded
(weights to 6 decimals), so the same inputs and library versions give the same bytes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import Any

from mildip._exceptions import TrainingError
from mildip.extract.scorer import FORMAT, features
from mildip.settings import Settings
from mildip.train.examples import CorpusUse, Example
from mildip.train.fingerprint import Fingerprint, library_versions

C_GRID = (0.003, 0.01, 0.03, 0.1, 0.3, 1.0)
MIN_GAIN = 0.02
"""The out-of-fold F1 a threshold must add over keeping every candidate to be used."""
FOLDS = 5
SEED = 13
"""The default seed: it decides which documents share a cross-validation fold."""


def _matrix(items: Sequence[Example]):
    from sklearn.feature_extraction import DictVectorizer

    vec = DictVectorizer(sparse=True, sort=True)
    x = vec.fit_transform([features(e.features) for e in items])
    return vec, x


def _model(c: float, seed: int):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, solver="lbfgs", max_iter=5000, random_state=seed)


def _folds(items: Sequence[Example], seed: int) -> list[tuple[list[int], list[int]]]:
    """(train, test) indices of up to :data:`FOLDS` folds; a document is never split."""
    from sklearn.model_selection import GroupKFold

    groups = [f"{e.corpus}/{e.doc}" for e in items]
    splitter = GroupKFold(n_splits=min(FOLDS, len(set(groups))), shuffle=True, random_state=seed)
    return [(list(a), list(b)) for a, b in splitter.split(groups, groups=groups)]


def _out_of_fold(items: Sequence[Example], x, y, c: float, seed: int) -> list[float]:
    probs = [0.0] * len(items)
    for train_idx, test_idx in _folds(items, seed):
        if len({y[i] for i in train_idx}) < 2:
            continue
        model = _model(c, seed).fit(x[train_idx], [y[i] for i in train_idx])
        for i, p in zip(test_idx, model.predict_proba(x[test_idx])[:, 1], strict=True):
            probs[i] = float(p)
    return probs


def _best_threshold(
    items: Sequence[Example], probs: Sequence[float], golds, settings: Settings
) -> tuple[float, float, float]:
    """(threshold, its F1, the F1 of keeping every candidate): the threshold maximises
    the F1 of the **events** left after coreference, scored by the spec's rule against
    the gold, which is what extraction will actually output."""
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
        return 0.0, keep_all, keep_all
    return best[0], best[1], keep_all


def _log_loss(probs: Sequence[float], y: Sequence[int]) -> float:
    from sklearn.metrics import log_loss

    return float(log_loss(list(y), [min(max(p, 1e-6), 1 - 1e-6) for p in probs], labels=[0, 1]))


def fit(items: Sequence[Example], golds, settings: Settings, seed: int = SEED) -> dict[str, Any]:
    """The fitted model on ``items`` as plain data: weights (non-zero ones, by feature
    name), intercept, threshold, the regularisation chosen and the cross-validation
    figures; :func:`model_json` adds what it was trained on."""
    y = [e.label for e in items]
    documents = len({(e.corpus, e.doc) for e in items})
    if documents == 1:
        raise TrainingError(
            f"all {len(items)} candidate(s) come from one document; cross-validation "
            "needs at least 2 documents with candidates"
        )
    if len(set(y)) < 2:
        raise TrainingError(
            f"nothing to learn: the corpora gave {len(items)} candidate(s), "
            f"{sum(y)} of them matching the gold; training needs both right and wrong ones"
        )
    vec, x = _matrix(items)
    scored = [(_log_loss(_out_of_fold(items, x, y, c, seed), y), c) for c in C_GRID]
    loss, c = min(scored)
    probs = _out_of_fold(items, x, y, c, seed)
    threshold, cv_f1, keep_all_f1 = _best_threshold(items, probs, golds, settings)
    model = _model(c, seed).fit(x, y)
    names = vec.get_feature_names_out()
    weights = {
        str(n): round(float(w), 6)
        for n, w in zip(names, model.coef_[0], strict=True)
        if abs(w) >= 1e-6
    }
    return {
        "weights": dict(sorted(weights.items())),
        "intercept": round(float(model.intercept_[0]), 6),
        "threshold": threshold,
        "regularisation_C": c,
        "cross_validation": {
            "folds": len(_folds(items, seed)),
            "log_loss": round(loss, 4),
            "event_f1": round(cv_f1, 4),
            "event_f1_keep_all": round(keep_all_f1, 4),
        },
        "features": len(names),
        "candidates": len(items),
        "positives": sum(y),
    }


def model_file(
    model: Mapping[str, Any],
    used: Sequence[CorpusUse],
    fingerprint: Fingerprint,
    settings: Settings,
    command: str,
    seed: int,
) -> dict[str, Any]:
    """The stored model: the fitted ``model``, what it was trained on (corpus names,
    parts, document counts), the fingerprint and its parts, the library versions,
    the seed, the command that rebuilds it, and ``digest``, the SHA-256 of all that."""
    body = {
        "format": FORMAT,
        "command": command,
        "seed": seed,
        "trained_on": [
            {
                "corpus": u.name,
                "part": u.part,
                "documents": u.documents,
                "unreadable": u.unreadable,
                "sha256": u.fingerprint,
            }
            for u in used
        ],
        "fingerprint": fingerprint.value,
        "fingerprint_parts": dict(fingerprint.parts),
        "libraries": library_versions(settings),
        **model,
    }
    body["digest"] = hashlib.sha256(model_text(body).encode("utf-8")).hexdigest()
    return body


def model_text(model: Mapping[str, Any]) -> str:
    """The file text of ``model``: JSON with sorted keys, one space of indent, a final newline."""
    return json.dumps(model, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
