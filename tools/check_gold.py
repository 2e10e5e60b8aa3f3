"""Check a gold corpus (``NAME.txt`` + ``NAME.gold.jsonl``) against docs/spec events.md.

::

    python tools/check_gold.py tests/data/heldout            # problems, then counts
    python tools/check_gold.py ../shared/corpus/dev tests/data/heldout --quiet

Exit status 1 when any problem is found. Checked, per corpus directory:

* every ``NAME.txt`` opens with a ``Key: value`` header holding ``URL``, ``TITLE``,
  ``PUBLICATION`` and ``DATE`` (``YYYY-MM-DD``, or ``YYYY-MM`` / ``YYYY`` where the
  outlet dates a text only to the month or year) above a ``---`` line, and has a
  ``NAME.gold.jsonl`` beside it (and every gold file has its text);
* every gold line is a JSON object with exactly the record fields of the spec
  (``responds_to`` allowed), ``doc`` equal to the file stem, a known ``type`` and
  ``modality``, actors sorted, distinct and coded (``CHN``, ``EU``, ``NATO`` ...),
  an initiator among the actors (required for PROPOSE, REJECT, SUSPEND, CANCEL and
  INCIDENT), a valid partial ISO date that is not after the publication date when
  the event is asserted, a positive integer round, boolean ``resumed``/``optional``,
  participants with ``name``/``title``/``party`` and a party among the actors, an
  ISO3 location, and an ``evidence`` string found verbatim in the text body (after
  the ``---`` line); ``responds_to`` names a type present in the same document.

Standard library only, so it runs without mildip installed and cannot lean on the
extractor it is meant to judge.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path

TYPES = frozenset(
    {
        "MEET",
        "CALL",
        "DIALOGUE",
        "EXERCISE",
        "PORT_CALL",
        "AGREE",
        "ESTABLISH",
        "PROPOSE",
        "REJECT",
        "SUSPEND",
        "CANCEL",
        "RESUME",
        "INCIDENT",
    }
)
DIRECTED = frozenset({"PROPOSE", "REJECT", "SUSPEND", "CANCEL", "INCIDENT"})
MODALITIES = frozenset({"asserted", "future", "hypothetical", "negated"})
FIELDS = (
    "doc",
    "type",
    "actors",
    "initiator",
    "date",
    "modality",
    "mechanism",
    "round",
    "resumed",
    "participants",
    "location",
    "evidence",
    "optional",
)
EXTRA_FIELDS = frozenset({"responds_to"})
HEADER_KEYS = ("URL", "TITLE", "PUBLICATION", "DATE")
PARTICIPANT_FIELDS = frozenset({"name", "title", "party"})

_ACTOR = re.compile(r"^[A-Z]{2,5}$")
_ISO3 = re.compile(r"^[A-Z]{3}$")
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*)\s*:\s*(.*?)\s*$")


def split_text(text: str) -> tuple[dict[str, str], str | None]:
    """``(header, body)`` of a corpus text; ``body`` is None without a ``---`` line."""
    header: dict[str, str] = {}
    lines = text.splitlines(keepends=True)
    offset = 0
    for line in lines:
        offset += len(line)
        stripped = line.strip()
        if stripped == "---":
            return header, text[offset:]
        m = _HEADER_LINE.match(stripped)
        if m:
            header[m.group(1).upper()] = m.group(2)
    return header, None


def parse_partial_date(value: object) -> tuple[int, ...] | None:
    """``(year,)``, ``(year, month)`` or ``(year, month, day)``; None if not a valid date."""
    if not isinstance(value, str):
        return None
    m = _PARTIAL_DATE.match(value)
    if m is None:
        return None
    parts = tuple(int(g) for g in m.groups() if g is not None)
    try:
        date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return None
    return parts


def check_record(
    rec: object, doc: str, body: str, published: date | tuple[int, ...] | None
) -> list[str]:
    """Problems with one gold record (an empty list when it follows the spec).

    ``published`` is the header DATE, a ``date`` or a partial ``(year[, month[, day]])``;
    an asserted event may not postdate it at the coarser of the two precisions.
    """
    if not isinstance(rec, dict):
        return ["not a JSON object"]
    problems: list[str] = []
    missing = [f for f in FIELDS if f not in rec]
    unknown = sorted(set(rec) - set(FIELDS) - EXTRA_FIELDS)
    if missing:
        problems.append(f"missing fields {missing}")
    if unknown:
        problems.append(f"unknown fields {unknown}")
    if missing:
        return problems
    if rec["doc"] != doc:
        problems.append(f"doc {rec['doc']!r} is not the file stem {doc!r}")
    if rec["type"] not in TYPES:
        problems.append(f"type {rec['type']!r} is not one of {sorted(TYPES)}")
    actors = rec["actors"]
    if not (isinstance(actors, list) and all(isinstance(a, str) for a in actors)):
        problems.append("actors must be a list of codes")
        actors = []
    else:
        if len(actors) < 2:
            problems.append(f"actors {actors} name fewer than two parties")
        if actors != sorted(actors) or len(set(actors)) != len(actors):
            problems.append(f"actors {actors} are not sorted and distinct")
        bad = [a for a in actors if not _ACTOR.match(a)]
        if bad:
            problems.append(f"actors {bad} are not ISO3/organisation codes")
    initiator = rec["initiator"]
    if initiator is not None and initiator not in actors:
        problems.append(f"initiator {initiator!r} is not among the actors")
    if initiator is None and rec["type"] in DIRECTED:
        problems.append(f"{rec['type']} is directed and needs an initiator")
    when = parse_partial_date(rec["date"])
    if when is None:
        problems.append(f"date {rec['date']!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    elif published is not None and rec["modality"] == "asserted":
        if isinstance(published, date):
            published = (published.year, published.month, published.day)
        depth = min(len(when), len(published))
        if when[:depth] > published[:depth]:
            shown = "-".join(f"{n:02d}" for n in published)
            problems.append(f"asserted event dated {rec['date']} after publication {shown}")
    if rec["modality"] not in MODALITIES:
        problems.append(f"modality {rec['modality']!r} is not one of {sorted(MODALITIES)}")
    mechanism = rec["mechanism"]
    if mechanism is not None and not (isinstance(mechanism, str) and mechanism.strip()):
        problems.append("mechanism must be a non-empty string or null")
    rnd = rec["round"]
    if rnd is not None and (isinstance(rnd, bool) or not isinstance(rnd, int) or rnd < 1):
        problems.append(f"round {rnd!r} must be a positive integer or null")
    for flag in ("resumed", "optional"):
        if not isinstance(rec[flag], bool):
            problems.append(f"{flag} must be true or false")
    problems.extend(_participant_problems(rec["participants"], actors))
    location = rec["location"]
    if location is not None and not (isinstance(location, str) and _ISO3.match(location)):
        problems.append(f"location {location!r} must be an ISO3 code or null")
    evidence = rec["evidence"]
    if not (isinstance(evidence, str) and evidence.strip()):
        problems.append("evidence must be a non-empty string")
    elif evidence not in body:
        problems.append(f"evidence not found verbatim in the text body: {evidence[:60]!r}")
    if "responds_to" in rec and rec["responds_to"] not in TYPES:
        problems.append(f"responds_to {rec['responds_to']!r} is not an event type")
    return problems


def _participant_problems(participants: object, actors: list[str]) -> list[str]:
    if not isinstance(participants, list):
        return ["participants must be a list"]
    problems = []
    for i, part in enumerate(participants):
        if not isinstance(part, dict) or set(part) != PARTICIPANT_FIELDS:
            problems.append(f"participant {i} must have exactly name, title and party")
            continue
        if not all(v is None or isinstance(v, str) for v in part.values()):
            problems.append(f"participant {i} fields must be strings or null")
        if part["party"] not in actors:
            problems.append(f"participant {i} party {part['party']!r} is not among the actors")
    return problems


def check_document(text_path: Path) -> list[str]:
    """Problems with one ``NAME.txt`` and its ``NAME.gold.jsonl``, each prefixed by place."""
    doc = text_path.stem
    header, body = split_text(text_path.read_text(encoding="utf-8"))
    problems: list[str] = []
    if body is None:
        return [f"{text_path.name}: no '---' line ends the header"]
    for key in HEADER_KEYS:
        if not header.get(key):
            problems.append(f"{text_path.name}: header has no {key}")
    published = None
    if header.get("DATE"):
        published = parse_partial_date(header["DATE"])
        if published is None:
            problems.append(
                f"{text_path.name}: header DATE {header['DATE']!r} is not YYYY-MM-DD"
                " (nor YYYY-MM or YYYY)"
            )
    gold_path = text_path.with_name(f"{doc}.gold.jsonl")
    if not gold_path.exists():
        return problems + [f"{text_path.name}: no {gold_path.name} beside it"]
    records = []
    for lineno, line in enumerate(gold_path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{gold_path.name}:{lineno}: invalid JSON ({exc.msg})")
            continue
        records.append(rec)
        problems.extend(
            f"{gold_path.name}:{lineno}: {p}" for p in check_record(rec, doc, body, published)
        )
    types = {r.get("type") for r in records if isinstance(r, dict)}
    for lineno, rec in enumerate(records, 1):
        wanted = rec.get("responds_to") if isinstance(rec, dict) else None
        if wanted in TYPES and wanted not in types:
            problems.append(f"{gold_path.name}: responds_to {wanted} but the document has none")
    return problems


def check_corpus(directory: Path) -> list[str]:
    """Problems with every document of a corpus directory (empty when all is well)."""
    texts = sorted(directory.glob("*.txt"))
    if not texts:
        return [f"{directory}: no *.txt documents"]
    problems = [p for t in texts for p in check_document(t)]
    stems = {t.stem for t in texts}
    for gold in sorted(directory.glob("*.gold.jsonl")):
        if gold.name.removesuffix(".gold.jsonl") not in stems:
            problems.append(f"{gold.name}: no text beside it")
    return problems


def count_records(directory: Path) -> Counter[tuple[str, bool]]:
    """How many gold records of each ``(type, optional)`` a corpus holds."""
    counts: Counter[tuple[str, bool]] = Counter()
    for gold in sorted(directory.glob("*.gold.jsonl")):
        for line in gold.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                counts[(rec["type"], bool(rec["optional"]))] += 1
    return counts


def format_counts(counts: Counter[tuple[str, bool]]) -> str:
    """A small table: type, required, optional, with a total row."""
    rows = [f"{'type':<10} {'required':>8} {'optional':>8}"]
    for kind in sorted({k for k, _ in counts}):
        rows.append(f"{kind:<10} {counts[(kind, False)]:>8} {counts[(kind, True)]:>8}")
    req = sum(n for (_, opt), n in counts.items() if not opt)
    opt = sum(n for (_, o), n in counts.items() if o)
    rows.append(f"{'total':<10} {req:>8} {opt:>8}")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpora", nargs="+", type=Path, help="corpus directories")
    parser.add_argument("--quiet", action="store_true", help="print problems only")
    args = parser.parse_args(argv)
    failed = False
    for directory in args.corpora:
        problems = check_corpus(directory)
        failed = failed or bool(problems)
        for problem in problems:
            print(f"{directory}: {problem}")
        if not args.quiet:
            n_docs = len(list(directory.glob("*.txt")))
            print(f"{directory}: {n_docs} documents, {len(problems)} problems")
            print(format_counts(count_records(directory)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
