"""Ingest as a background job: files uploaded (or text pasted) in the workbench are
written to a private temporary folder and ingested by
:func:`mildip.pipeline.ingest_paths` in a thread, which reports its progress.

:class:`IngestJobs` keeps the jobs of one server process (in memory; a restart
forgets finished jobs, never their result, which is in the store).
"""

from __future__ import annotations

import re
import shutil
import tempfile
import threading
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from mildip.pipeline import ingest_paths
from mildip.settings import Settings
from mildip.store import Store

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_name(name: str, fallback: str) -> str:
    """A file name without folders or odd characters (uploads choose their own names)."""
    base = Path(name.replace("\\", "/")).name
    cleaned = _UNSAFE.sub("-", base).strip(".-")
    return cleaned[:120] or fallback


@dataclass
class IngestJob:
    job_id: str
    author: str
    files: list[str]
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    status: str = "queued"
    done: int = 0
    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    events: int = 0
    error: str | None = None

    @property
    def total(self) -> int:
        return len(self.files)

    def to_dict(self) -> dict[str, Any]:
        return {
            "job_id": self.job_id,
            "author": self.author,
            "created_at": self.created_at.isoformat(),
            "status": self.status,
            "files": list(self.files),
            "total": self.total,
            "done": self.done,
            "added": list(self.added),
            "unchanged": list(self.unchanged),
            "failed": [{"file": f, "reason": r} for f, r in self.failed],
            "events": self.events,
            "error": self.error,
        }


class IngestJobs:
    """Start ingest jobs and look them up by id."""

    def __init__(self, store: Store, settings: Settings):
        self.store = store
        self.settings = settings
        self._jobs: dict[str, IngestJob] = {}
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []

    def get(self, job_id: str) -> IngestJob | None:
        return self._jobs.get(job_id)

    def recent(self, n: int = 10) -> list[IngestJob]:
        return sorted(self._jobs.values(), key=lambda j: j.created_at, reverse=True)[:n]

    def start(
        self,
        author: str,
        uploads: list[tuple[str, bytes]],
        published: date | None = None,
    ) -> IngestJob:
        """Write ``uploads`` (name, content) to a temporary folder and ingest them in a
        thread; ``published`` is the publication date of files that state none."""
        if not uploads:
            raise ValueError("choose at least one file, or paste a text")
        folder = Path(tempfile.mkdtemp(prefix="mildip-ingest-"))
        names = []
        for i, (name, content) in enumerate(uploads, 1):
            target = folder / safe_name(name, f"upload-{i}.txt")
            while target.exists():
                target = target.with_name(f"{target.stem}-{i}{target.suffix}")
            target.write_bytes(content)
            names.append(target.name)
        job = IngestJob(uuid.uuid4().hex[:12], author, names)
        with self._lock:
            self._jobs[job.job_id] = job
        thread = threading.Thread(
            target=self._run,
            args=(job, folder, published),
            name=f"ingest-{job.job_id}",
            daemon=True,
        )
        self._threads.append(thread)
        thread.start()
        return job

    def _run(self, job: IngestJob, folder: Path, published: date | None) -> None:
        job.status = "running"

        def progress(_item: str) -> None:
            job.done = min(job.total, job.done + 1)

        try:
            paths = [str(folder / name) for name in job.files]
            report = ingest_paths(paths, self.store, self.settings, published, on_item=progress)
            job.added = report.added + [new for new, _ in report.new_versions] + report.resumed
            # a text already stored (under another file name) is not stored again
            job.unchanged = report.unchanged + [doc for _, doc in report.duplicates]
            job.failed = [(Path(src).name, reason) for src, reason in report.failed]
            job.events = report.events
            job.done = job.total
            job.status = "done"
        except Exception as exc:  # noqa: BLE001 - the job reports it; the server goes on
            job.status = "failed"
            job.error = f"{type(exc).__name__}: {exc}"
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def wait(self, timeout: float = 60.0) -> None:
        """Wait for every started job (tests and shutdown)."""
        for thread in list(self._threads):
            thread.join(timeout)
