"""Opening a store (a folder, a URL or memory) and removing documents from one."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from kg.locks import refuse_if_served
from kg.store.embedded import EmbeddedBackend, open_oxigraph
from kg.store.kgstore import KGStore
from kg.store.locations import is_remote, oxigraph_dir, store_folder
from kg.store.remote import RemoteBackend
from kg.store.rows import ClaimRows

__all__ = ["open_store", "remove_documents"]


def open_store(
    location: str | os.PathLike[str] | None,
    *,
    read_only: bool = False,
    create: bool = True,
    update_url: str | None = None,
    rows_dir: str | os.PathLike[str] | None = None,
) -> KGStore:
    """Open (or create) a kg store.

    Parameters
    ----------
    location
        A store folder (created when missing unless ``create`` is False or ``read_only``),
        an ``http(s)://`` URL of a SPARQL 1.1 store, or None for a throwaway in-memory store.
    read_only
        Open without the write lock: several readers may share the folder.
    update_url
        The SPARQL Update endpoint of a remote store, when it is not ``URL/update``.
    rows_dir
        The folder of the claim rows (:mod:`kg.store.rows`); defaults to ``STORE/claims``
        for a folder, and to memory for a URL or None.

    Raises
    ------
    StoreError
        When the folder is locked by another process, is not a store, or does not exist
        (read-only or ``create=False``).
    """
    rows = Path(rows_dir) if rows_dir is not None else None
    if location is None:
        backend = EmbeddedBackend(ox.Store(), ":memory:")
        return KGStore(backend, ClaimRows(rows), read_only=False)
    if is_remote(location):
        return KGStore(RemoteBackend(str(location), update_url), ClaimRows(rows, read_only=read_only), read_only=read_only)
    folder = store_folder(location)
    database = oxigraph_dir(folder)
    if not read_only and (create or (database / "CURRENT").is_file()):
        refuse_if_served(folder)  # a read-only server takes no RocksDB lock; kg serve takes this one
    backend = EmbeddedBackend(open_oxigraph(folder, read_only=read_only, create=create), str(folder))
    if rows is None and database != folder:
        rows = folder / "claims"
    try:
        claim_rows = ClaimRows(rows, read_only=read_only)
    except BaseException:
        backend.close(flush=False)
        raise
    return KGStore(backend, claim_rows, read_only=read_only)


def remove_documents(location: str | os.PathLike[str], doc_ids: Iterable[str]) -> tuple[list[str], list[str]]:
    """Drop documents from the store at ``location``; returns (removed, not found).

    Each document is one transaction; the outputs in the build folder are not rewritten
    (the next ``kg build`` does that).
    """
    from kg.corroboration import refresh_assertions  # it reads the store: import when used
    from kg.summaries import mark_pending, refresh_summaries  # kg.summaries: the named queries' kept rows

    removed: list[str] = []
    missing: list[str] = []
    with open_store(location, create=False) as store:
        doc_ids = list(doc_ids)
        mark_pending(store, doc_ids)  # kg.summaries: refreshed below, even after a kill
        for doc_id in doc_ids:
            (removed if store.remove_document(doc_id) else missing).append(doc_id)
        if removed:
            # The removed documents' claims no longer count towards any assertion.
            refresh_assertions(store, removed)
        refresh_summaries(store, removed)  # kg.summaries: the named queries' kept rows
    return removed, missing
