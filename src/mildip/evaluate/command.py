"""``python -m mildip.evaluate``: score corpora, check or pin floors, run the gates.

::

    python -m mildip.evaluate CORPUS [CORPUS ...] [--part P] [--by-part] [--format json]
    python -m mildip.evaluate --check CORPUS FLOORS [--part P]     # exit 1 below a floor
    python -m mildip.evaluate --pin CORPUS FLOORS [--part P] [--allow-lower]
    python -m mildip.evaluate --gates GATES [--gate NAME ...] [--pin [--allow-lower]]

Scores use the shipped settings only, so they can be reproduced. Errors in the input
are one line on standard error and exit status 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from mildip._exceptions import MildipError
from mildip.evaluate.corpora import (
    PART_CHOICES,
    CorpusResult,
    corpus_fingerprint,
    evaluate_corpora,
    read_corpus,
    read_jsonl,
)
from mildip.evaluate.gate import (
    check_floors,
    check_gate,
    pin_floors,
    pin_gate,
    read_floors,
    read_gates,
)
from mildip.evaluate.report import format_summary


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m mildip.evaluate",
        description="Score mildip on gold corpora; check or pin the quality floors.",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="CORPUS",
        help="directories of NAME.txt + NAME.gold.jsonl; with --pin or --check: CORPUS FLOORS",
    )
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--pin", action="store_true", help="write the current scores as floors")
    action.add_argument("--check", action="store_true", help="exit 1 when a floor is missed")
    parser.add_argument("--allow-lower", action="store_true", help="let --pin lower a floor")
    parser.add_argument(
        "--part", choices=PART_CHOICES, help="score only this part (default: all, or the floors')"
    )
    parser.add_argument("--by-part", action="store_true", help="add a row for each part")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="report format")
    parser.add_argument(
        "--no-errors", action="store_true", help="leave out misses and false alarms"
    )
    parser.add_argument("--predictions", help="score this JSONL of records instead of extracting")
    parser.add_argument("--gates", metavar="GATES", help="check (or --pin) the gates of this file")
    parser.add_argument(
        "--gate", action="append", default=[], metavar="NAME", help="only this gate (repeatable)"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit status (0 ok, 1 a floor missed, 2 bad input)."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.gates:
        if args.paths or args.check:
            parser.error("--gates takes no CORPUS and no --check (it checks unless --pin)")
    elif args.pin or args.check:
        if len(args.paths) != 2:
            parser.error("--pin and --check need the floors file after the corpus")
    elif not args.paths:
        parser.error("give at least one CORPUS (or --gates GATES)")
    try:
        if args.gates:
            return _run_gates(args)
        if args.pin:
            corpus, floors_path = args.paths
            floors = pin_floors(
                corpus, floors_path, allow_lower=args.allow_lower, part=args.part or "all"
            )
            print(f"pinned {floors_path}: " + json.dumps(floors["floors"]))
            return 0
        if args.check:
            return _check(*args.paths, part=args.part)
        predictions = read_jsonl(args.predictions) if args.predictions else None
        evaluation = evaluate_corpora(
            args.paths, part=args.part or "all", by_part=args.by_part, predictions=predictions
        )
        if args.format == "json":
            print(json.dumps(evaluation.to_dict(errors=not args.no_errors), indent=2))
        else:
            print(evaluation.format_text(show_errors=not args.no_errors), end="")
        return 0
    except MildipError as exc:
        print(f"mildip.evaluate: error: {exc}", file=sys.stderr)
        return 2


def _check(corpus: str, floors_path: str, part: str | None) -> int:
    floors = read_floors(floors_path)
    part = part or floors.get("part") or "all"
    result = read_corpus(corpus).score(part)
    print(result.format_text(show_errors=False), end="")
    command = f"python -m mildip.evaluate --pin {corpus} {floors_path} --part {part}"
    failures = check_floors(result, floors, corpus_fingerprint(corpus, part), command)
    for reason in failures:
        print(f"quality gate: {reason}", file=sys.stderr)
    return 1 if failures else 0


def _run_gates(args: argparse.Namespace) -> int:
    gates = read_gates(args.gates)
    unknown = sorted(set(args.gate) - {g.name for g in gates})
    if unknown:
        raise MildipError(f"{args.gates} has no gate named {', '.join(unknown)}")
    chosen = [g for g in gates if not args.gate or g.name in args.gate]
    runs, rows, failures, missing = {}, [], [], []
    for gate in chosen:
        if not gate.available:
            if gate.optional:
                print(f"gate {gate.name}: skipped, {gate.corpus} does not exist (optional)")
            else:
                missing.append(f"gate {gate.name}: no corpus at {gate.corpus} (set MILDIP_SHARED?)")
            continue
        run = runs.get(gate.corpus) or runs.setdefault(gate.corpus, read_corpus(gate.corpus))
        if args.pin:
            floors = pin_gate(gate, run, allow_lower=args.allow_lower)
            print(f"gate {gate.name}: pinned {gate.floors}: " + json.dumps(floors["floors"]))
        else:
            failures += check_gate(gate, run)
        rows.append(CorpusResult(gate.name, gate.part, run.score(gate.part)))
    if rows:
        print(format_summary(rows), end="")
    for reason in [*missing, *failures]:
        print(f"quality gate: {reason}", file=sys.stderr)
    return 2 if missing else 1 if failures else 0
