"""Benchmark: the workbench's events page on a store of many events.

::

    python benchmarks/bench_web.py                         # 100,000 events, 30 requests each
    python benchmarks/bench_web.py --events 2000 --repeat 5
    python benchmarks/bench_web.py --db /tmp/bench-web.db  # keep the store for the next run

Builds a SQLite store of ``--events`` resolved events (invented with ``random.Random(seed)``:
12 parties, every type and modality, dates 2005-2025, one passage, up to two
participants; one event in a hundred rejected, one in fifty accepted, through the store
as the pipeline saves them), starts the workbench app in-process, signs in a viewer,
and times complete requests through FastAPI's test client (routing, session, query,
template): the first page of ``/events`` and a few filtered pages. Prints a Markdown
table (``--markdown``) and writes JSON (``--out``). The budget of the first page is
300 ms (median).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

PARTIES = ("CHN", "USA", "JPN", "AUS", "IND", "PHL", "VNM", "KOR", "RUS", "GBR", "FRA", "IDN")
QUERIES = (
    ("first page", "/events"),
    ("pair + type", "/events?pair=CHN-USA&type=MEET&type=CALL"),
    ("quote search", "/events?q=naval"),
    ("sorted, page 200", "/events?sort=type&order=desc&page=200"),
    ("awaiting review", "/events?review=machine&since=2020"),
)
BUDGET_MS = 300.0
WORDS = ("defence", "naval", "talks", "dialogue", "exercise", "maritime", "security", "staff")


def build_events(n: int, seed: int):
    from mildip.model import EVENT_TYPES, MODALITIES, Event, Evidence, Participant

    rng = random.Random(seed)
    first = date(2005, 1, 1)
    events = []
    for i in range(n):
        a, b = rng.sample(PARTIES, 2)
        day = first + timedelta(days=rng.randrange(7300))
        precision = rng.choice((10, 10, 10, 7, 4))
        quote = f"Event {i}: {a} and {b} held {rng.choice(WORDS)} {rng.choice(WORDS)} on {day}."
        doc = f"doc-{i // 5:06d}"
        people = (
            [Participant(f"Official {rng.randrange(500)}", "Minister", a)]
            if rng.random() < 0.5
            else []
        )
        review = "rejected" if i % 100 == 0 else "accepted" if i % 50 == 1 else "machine"
        events.append(
            Event(
                type=rng.choice(EVENT_TYPES),
                actors=(a, b),
                date=day.isoformat()[:precision],
                modality=rng.choice(MODALITIES) if rng.random() < 0.2 else "asserted",
                mechanism=f"{a}-{b} Defence Talks" if rng.random() < 0.3 else None,
                round=rng.randrange(1, 30) if rng.random() < 0.1 else None,
                participants=people,
                evidence=[Evidence(doc, 0, len(quote), quote, "bench")],
                n_sources=rng.randrange(1, 4),
                review=review,
                version=0 if review == "machine" else 1,
            )
        )
    return events


def build_store(url: str, n: int, seed: int) -> float:
    """Create the store (documents and events); returns the seconds it took."""
    from mildip.model import Document
    from mildip.review.accounts import add_user
    from mildip.store import open_store

    started = time.perf_counter()
    with open_store(url) as store:
        events = build_events(n, seed)
        for d in sorted({e.evidence[0].doc_id for e in events})[: max(1, n // 5)]:
            store.add_document(
                Document(d, f"Text of {d}.", publication="Bench Wire", published=date(2020, 1, 1))
            )
        store.save_events(events)
        add_user(store, "bench", "viewer", "bench-password")
    return time.perf_counter() - started


def time_requests(url: str, repeat: int) -> list[dict]:
    from fastapi.testclient import TestClient

    from mildip.settings import Settings
    from mildip.store import open_store
    from mildip.web.app import create_app

    settings = Settings(db_url=url, use_parser=False)
    results = []
    with open_store(url) as store, TestClient(create_app(settings, store)) as client:
        page = client.get("/login").text
        token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
        client.post(
            "/login", data={"name": "bench", "password": "bench-password", "csrf_token": token}
        )
        for label, path in QUERIES:
            for _ in range(2):
                assert client.get(path).status_code == 200, path
            times = []
            for _ in range(repeat):
                t0 = time.perf_counter()
                answer = client.get(path)
                times.append((time.perf_counter() - t0) * 1000)
                assert answer.status_code == 200
            found = answer.text.split(" found</small>", 1)[0].rsplit("<small>", 1)[1]
            results.append(
                {
                    "query": label,
                    "path": path,
                    "events_found": int(found),
                    "median_ms": round(statistics.median(times), 1),
                    "p95_ms": round(sorted(times)[max(0, int(len(times) * 0.95) - 1)], 1),
                    "min_ms": round(min(times), 1),
                }
            )
    return results


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


def markdown(result: dict) -> str:
    lines = [
        (
            f"{result['events']} events, seed {result['seed']}; {result['machine']}; "
            f"{result['when']}. "
            + (
                f"Store built in {result['build_s']} s."
                if result["build_s"]
                else "Store reused (--db)."
            )
        ),
        "",
        "| request | events found | median ms | p95 ms | min ms |",
        "|---|---:|---:|---:|---:|",
    ]
    for r in result["requests"]:
        lines.append(
            f"| {r['query']} (`{r['path']}`) | {r['events_found']} | {r['median_ms']} | {r['p95_ms']} | {r['min_ms']} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--db", type=Path, help="SQLite file to build (reused when it exists)")
    parser.add_argument("--out", type=Path, help="write the result as JSON here")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args(argv)
    folder = None
    if args.db is None:
        folder = tempfile.TemporaryDirectory(prefix="mildip-bench-web-")
        db = Path(folder.name) / "bench.db"
    else:
        db = args.db
    url = f"sqlite:///{db}"
    build_s = 0.0 if db.exists() else build_store(url, args.events, args.seed)
    result = {
        "events": args.events,
        "seed": args.seed,
        "machine": machine(),
        "when": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "build_s": round(build_s, 1),
        "budget_ms": BUDGET_MS,
        "requests": time_requests(url, args.repeat),
    }
    if folder is not None:
        folder.cleanup()
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(markdown(result) if args.markdown else json.dumps(result, indent=2))
    first = result["requests"][0]["median_ms"]
    verdict = "within" if first <= BUDGET_MS else "OVER"
    print(
        f"first page: {first} ms median, {verdict} the {BUDGET_MS:.0f} ms budget", file=sys.stderr
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
