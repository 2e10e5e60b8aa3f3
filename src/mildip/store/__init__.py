"""The mildip database: documents, event mentions, resolved events, extraction runs.

::

    from mildip.store import open_store
    with open_store("sqlite:///mildip.db") as store:
        doc_id, added = store.add_document(doc)
        store.save_mentions(doc_id, mentions, EXTRACTOR_VERSION)
        store.save_events(resolved)
        store.events(party=["CHN", "USA"], type="CANCEL", since="2022-08")

Modules: :mod:`~mildip.store.schema` (tables), :mod:`~mildip.store.convert`
(records ↔ rows), :mod:`~mildip.store.migrate` (engines, Alembic),
:mod:`~mildip.store.repository` (the :class:`Store`).
"""

from mildip.store.repository import ExtractionRun, Store, open_store

__all__ = ["ExtractionRun", "Store", "open_store"]
