"""The mildip database: documents and their versions, event mentions, resolved events,
extraction runs, fetch records, ingest runs and feed state.

::

    from mildip.store import open_store
    with open_store("sqlite:///mildip.db") as store:
        doc_id, added = store.add_document(doc)
        store.save_mentions(doc_id, mentions, EXTRACTOR_VERSION)
        store.save_events(resolved)
        store.events(party=["CHN", "USA"], type="CANCEL", since="2022-08")

Modules: :mod:`~mildip.store.schema` (tables), :mod:`~mildip.store.convert`
(records ↔ rows), :mod:`~mildip.store.migrate` (engines, Alembic),
:mod:`~mildip.store.repository` (the :class:`Store`), and the store extensions
:mod:`~mildip.store.overrides`, :mod:`~mildip.store.versions` (identity, versions,
retirement), :mod:`~mildip.store.fetches` (fetched bytes), :mod:`~mildip.store.runs`
(recorded ingest runs) and :mod:`~mildip.store.feeds` (what ``watch`` remembers).
Importing this package registers every table with the metadata.
"""

from mildip.store import feeds, fetches, overrides, runs, versions
from mildip.store.repository import ExtractionRun, Store, open_store

__all__ = [
    "ExtractionRun",
    "Store",
    "feeds",
    "fetches",
    "open_store",
    "overrides",
    "runs",
    "versions",
]
