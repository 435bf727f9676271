"""Where a store lives: a folder (embedded Oxigraph) or an http(s) URL (a SPARQL 1.1 server)."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

__all__ = ["is_remote", "store_folder", "oxigraph_dir"]


def is_remote(location: str | os.PathLike[str] | None) -> bool:
    """True when ``location`` is an http(s) URL rather than a folder.

    >>> is_remote("http://127.0.0.1:7878"), is_remote("output/store")
    (True, False)
    """
    return isinstance(location, str) and urlsplit(location).scheme in ("http", "https")


def store_folder(location: str | os.PathLike[str]) -> Path:
    """The store folder a user means: ``location``, or ``location/store`` when given a build folder.

    ``kg build corpus -o OUT`` keeps its store in ``OUT/store``; commands that read the
    store accept ``OUT`` too.
    """
    path = Path(location)
    if not (path / "CURRENT").is_file() and not (path / "oxigraph" / "CURRENT").is_file():
        if (path / "store" / "oxigraph" / "CURRENT").is_file():
            return path / "store"
    return path


def oxigraph_dir(location: str | os.PathLike[str]) -> Path:
    """The RocksDB folder of a store folder: ``STORE/oxigraph``, or STORE itself when it is one.

    Accepting a bare Oxigraph folder (one with a ``CURRENT`` file) lets kg query and serve
    databases made by ``oxigraph load`` too, and a build folder (``OUT``) stands for its store.
    """
    path = store_folder(location)
    return path if (path / "CURRENT").is_file() else path / "oxigraph"
