"""The quality gate: scores must not fall below floors pinned for a corpus.

After trafilatura's ``eval_gate.py``. A floors file (JSON) holds, for one corpus part,
the floors of :data:`GATE_METRICS`, the F1 floor of each document, a noise ``margin``
(default :data:`DEFAULT_MARGIN`) and the SHA-256 of the corpus part it was measured on
(:func:`mildip.evaluate.corpora.corpus_fingerprint`):

* :func:`check_floors` lists why a score fails its floors (a changed corpus fails on
  its own, since the floors were measured on other data);
* :func:`repin` makes new floors from a score, each metric rounded down to four
  decimals, and refuses to lower any floor unless ``allow_lower``.

A gates file (TOML) lists the gated corpora, one line each; :func:`read_gates` reads it
into :class:`Gate` objects, which :func:`check_gate` and :func:`pin_gate` take with the
:class:`~mildip.evaluate.corpora.CorpusRun` of their corpus, so that several gates on
one corpus (its tuning and sealed parts) share one extraction::

    shared = "../../shared"        # the shared data folder, relative to this file
    gates = [                      # paths relative to this file; {shared} as above
      { name = "dev", corpus = "{shared}/corpus/dev", floors = "quality_floors.json" },
      { name = "heldout-sealed", corpus = "data/heldout", part = "sealed", floors = "..." },
      { name = "probes", corpus = "data/probes", floors = "...", optional = true },
    ]

``$MILDIP_SHARED`` overrides ``shared``. An ``optional`` gate is left out while its
corpus directory does not exist.
"""

from __future__ import annotations

import json
import math
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from mildip._exceptions import DataFileError, QualityGateError
from mildip.evaluate.corpora import (
    PART_CHOICES,
    CorpusRun,
    corpus_fingerprint,
    read_corpus,
    shared_dir,
)
from mildip.evaluate.scoring import Score
from mildip.settings import Settings

GATE_METRICS: tuple[str, ...] = ("f1", "precision", "recall", "date_exact_rate", "round_accuracy")
"""Metrics the quality gate pins (see :meth:`Score.gate_metrics`)."""

DEFAULT_MARGIN = 0.01
"""How far below a floor a metric may fall before the gate fails."""

_GATE_KEYS = frozenset({"name", "corpus", "floors", "part", "optional"})


def check_floors(
    score: Score,
    floors: Mapping[str, Any],
    fingerprint: str,
    repin_command: str | None = None,
) -> list[str]:
    """Reasons the gate fails (empty: it passes).

    A metric fails when it is below its floor minus the floors file's ``margin``
    (default :data:`DEFAULT_MARGIN`); a per-document F1 likewise. A changed corpus
    fails on its own, naming ``repin_command`` (default: the ``--pin`` form of
    ``python -m mildip.evaluate`` for the floors' corpus and part).
    """
    failures = []
    pinned = floors.get("corpus_sha256")
    if pinned != fingerprint:
        command = repin_command or (
            f"python -m mildip.evaluate --pin {floors.get('corpus') or 'CORPUS'} FLOORS "
            f"--part {floors.get('part') or 'all'}"
        )
        failures.append(
            f"the gold corpus changed (sha256 {fingerprint[:12]}..., floors pinned for "
            f"{str(pinned)[:12]}...): re-pin with `{command}`"
        )
    margin = float(floors.get("margin", DEFAULT_MARGIN))
    measured = score.gate_metrics()
    for metric, floor in sorted((floors.get("floors") or {}).items()):
        value = measured.get(metric)
        if floor is None:
            continue
        if value is None:
            failures.append(f"{metric}: pinned at {floor:.4f} but cannot be measured now")
        elif value < floor - margin:
            failures.append(f"{metric}: {value:.4f} is below its floor {floor:.4f} - {margin}")
    for doc, floor in sorted((floors.get("per_document_f1") or {}).items()):
        counts = score.per_doc.get(doc)
        if counts is None:
            failures.append(f"document {doc}: pinned at F1 {floor:.4f} but not scored")
        elif counts.f1 < floor - margin:
            failures.append(
                f"document {doc}: F1 {counts.f1:.4f} is below its floor {floor:.4f} - {margin}"
            )
    return failures


def repin(
    score: Score,
    fingerprint: str,
    previous: Mapping[str, Any] | None = None,
    allow_lower: bool = False,
    corpus_label: str | None = None,
    extractor_version: str | None = None,
    part: str = "all",
) -> dict[str, Any]:
    """New floors from ``score`` (each metric rounded down to 4 decimals).

    Raises :class:`QualityGateError` when a floor of ``previous`` would go down,
    unless ``allow_lower``. The margin of ``previous`` is kept. Documents the score
    could not read are listed under ``unreadable`` (their F1 floor is what was
    measured: nothing found).
    """
    previous = previous or {}
    floors = {m: _floor4(v) for m, v in score.gate_metrics().items() if v is not None}
    per_doc = {d: _floor4(c.f1) for d, c in score.per_doc.items()}
    lowered = [
        f"{m}: {old:.4f} -> {floors.get(m, 0.0):.4f}"
        for m, old in sorted((previous.get("floors") or {}).items())
        if old is not None and floors.get(m, 0.0) < old
    ]
    lowered += [
        f"document {d}: {old:.4f} -> {per_doc[d]:.4f}"
        for d, old in sorted((previous.get("per_document_f1") or {}).items())
        if d in per_doc and per_doc[d] < old
    ]
    if lowered and not allow_lower:
        raise QualityGateError(
            "re-pinning would lower these floors: "
            + "; ".join(lowered)
            + ". Fix the regression, or pass --allow-lower if it is intended."
        )
    return {
        "corpus": corpus_label,
        "part": part,
        "corpus_sha256": fingerprint,
        "extractor_version": extractor_version,
        "pinned_on": date.today().isoformat(),
        "margin": previous.get("margin", DEFAULT_MARGIN),
        "floors": floors,
        "per_document_f1": per_doc,
        "unreadable": dict(score.unreadable),
    }


def pin_floors(
    corpus: str | Path,
    floors_path: str | Path,
    settings: Settings | None = None,
    allow_lower: bool = False,
    part: str = "all",
    run: CorpusRun | None = None,
    corpus_label: str | None = None,
) -> dict[str, Any]:
    """Score ``part`` of ``corpus`` (from ``run`` when given, else by extracting it) and
    write its floors to ``floors_path`` (see :func:`repin`)."""
    from mildip._version import EXTRACTOR_VERSION

    path = Path(floors_path)
    previous = read_floors(path) if path.is_file() else None
    run = run or read_corpus(corpus, settings)
    floors = repin(
        run.score(part),
        corpus_fingerprint(corpus, part),
        previous,
        allow_lower=allow_lower,
        corpus_label=corpus_label or Path(corpus).as_posix(),
        extractor_version=EXTRACTOR_VERSION,
        part=part,
    )
    path.write_text(json.dumps(floors, indent=2, ensure_ascii=False) + "\n", "utf-8")
    return floors


def read_floors(path: str | Path) -> dict[str, Any]:
    """A floors file; an unreadable or malformed one is a :class:`DataFileError`."""
    p = Path(path)
    try:
        data = json.loads(p.read_text("utf-8"))
    except OSError as exc:
        raise DataFileError(f"{p}: cannot read the floors ({exc.strerror})") from None
    except json.JSONDecodeError as exc:
        raise DataFileError(f"{p}: the floors are not valid JSON ({exc.msg})") from None
    if not isinstance(data, dict) or not isinstance(data.get("floors"), dict):
        raise DataFileError(f"{p}: a floors file is a JSON object with a 'floors' object")
    return data


@dataclass(frozen=True)
class Gate:
    """One gated corpus part, as a gates file lists it (paths resolved)."""

    name: str
    corpus: Path
    floors: Path
    part: str = "all"
    optional: bool = False
    label: str = ""
    """The corpus as the gates file writes it (``{shared}/corpus/dev``): machine-independent."""
    gates_file: str = "GATES"
    """The gates file as the caller named it (for the re-pin command)."""

    @property
    def available(self) -> bool:
        """Whether the corpus directory exists."""
        return self.corpus.is_dir()

    @property
    def pin_command(self) -> str:
        """The command that (re-)pins this gate's floors."""
        return f"python -m mildip.evaluate --gates {self.gates_file} --gate {self.name} --pin"


def read_gates(path: str | Path) -> tuple[Gate, ...]:
    """The gates of a gates file (see the module docstring), in file order."""
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text("utf-8"))
    except OSError as exc:
        raise DataFileError(f"{p}: cannot read the gates ({exc.strerror})") from None
    except tomllib.TOMLDecodeError as exc:
        raise DataFileError(f"{p}: the gates are not valid TOML ({exc})") from None
    base = p.resolve().parent
    shared = shared_dir(base / data.get("shared", "../shared"))
    entries = data.get("gates")
    if not entries or not isinstance(entries, list):
        raise DataFileError(f"{p}: 'gates' must be a non-empty list of gates")
    gates, names = [], set()
    for number, entry in enumerate(entries, start=1):
        where = f"{p}: gate {number}"
        if not isinstance(entry, dict) or not {"name", "corpus", "floors"} <= set(entry):
            raise DataFileError(f"{where} needs a name, a corpus and a floors file")
        if set(entry) - _GATE_KEYS:
            raise DataFileError(f"{where} has unknown keys {sorted(set(entry) - _GATE_KEYS)}")
        if entry["name"] in names:
            raise DataFileError(f"{where}: the name {entry['name']!r} is used twice")
        part = entry.get("part", "all")
        if part not in PART_CHOICES:
            raise DataFileError(f"{where}: part must be one of {', '.join(PART_CHOICES)}")
        names.add(entry["name"])
        corpus = entry["corpus"]
        resolved = base / corpus.replace("{shared}", str(shared))
        gates.append(
            Gate(
                name=entry["name"],
                corpus=Path(os.path.normpath(resolved)),
                floors=Path(os.path.normpath(base / entry["floors"])),
                part=part,
                optional=bool(entry.get("optional", False)),
                label=corpus,
                gates_file=str(path),
            )
        )
    return tuple(gates)


def check_gate(gate: Gate, run: CorpusRun) -> list[str]:
    """Reasons ``gate`` fails on ``run`` (the run of ``gate.corpus``); empty: it passes."""
    if not gate.floors.is_file():
        return [
            f"gate {gate.name}: no floors pinned ({gate.floors}); pin with `{gate.pin_command}`"
        ]
    floors = read_floors(gate.floors)
    failures = check_floors(
        run.score(gate.part),
        floors,
        corpus_fingerprint(gate.corpus, gate.part),
        repin_command=gate.pin_command,
    )
    return [f"gate {gate.name}: {reason}" for reason in failures]


def pin_gate(gate: Gate, run: CorpusRun, allow_lower: bool = False) -> dict[str, Any]:
    """(Re-)pin the floors of ``gate`` from ``run`` (see :func:`pin_floors`)."""
    return pin_floors(
        gate.corpus,
        gate.floors,
        allow_lower=allow_lower,
        part=gate.part,
        run=run,
        corpus_label=gate.label,
    )


def _floor4(value: float) -> float:
    return math.floor(value * 10_000 + 1e-9) / 10_000
