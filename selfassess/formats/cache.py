"""A cache of results that depend only on file contents, in the user's cache folder.

Keys are hashes of everything a result depends on (the file's bytes, the framework's and settings'
hashes, the tool's version and :data:`FORMAT`, the as-of date where it matters), so a stale entry can
never be served: a changed input is simply a different key. Any problem reading or writing the cache
is a miss, never an error. ``SELFASSESS_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import contextlib
import copyreg
import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from types import MappingProxyType
from typing import Any

_VERSION: str | None = None

#: The results' format: bump it whenever the readers, the checks or the personal-data patterns change
#: (the package version alone stays 0.1.0 between releases). ``tests/test_cache_format.py`` fails when
#: their sources change and this does not.
FORMAT = 20


def _mappingproxy(items: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    return MappingProxyType(items)


def _reduce_mappingproxy(proxy: MappingProxyType[Any, Any]) -> tuple[Any, ...]:
    return _mappingproxy, (dict(proxy),)


# Frameworks and settings hold read-only mappings, which pickle cannot store by itself.
copyreg.pickle(MappingProxyType, _reduce_mappingproxy)


def tool_version() -> str:
    global _VERSION
    if _VERSION is None:
        try:
            from importlib.metadata import version

            _VERSION = version("selfassess")
        except Exception:
            _VERSION = "unknown"
    return _VERSION


def cache_folder() -> Path | None:
    if os.environ.get("SELFASSESS_NO_CACHE"):
        return None
    from platformdirs import user_cache_path  # only when the cache is used

    return user_cache_path("selfassess", appauthor=False)


def make_key(kind: str, *parts: str) -> str:
    digest = hashlib.sha256()
    for part in (kind, tool_version(), str(FORMAT), *parts):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return f"{kind}-{digest.hexdigest()}"


def get(key: str) -> Any | None:
    folder = cache_folder()
    if folder is None:
        return None
    try:
        with open(folder / key[-2:] / key, "rb") as handle:
            return pickle.load(handle)
    except Exception:
        return None


def put(key: str, value: Any) -> None:
    folder = cache_folder()
    if folder is None:
        return
    target = folder / key[-2:] / key
    with contextlib.suppress(Exception):
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise


class Batch:
    """Many small results kept in one cache entry, read once and written once (if anything changed).

    Writing one entry per file made the cache a fifth of a cold ``validate``: creating the temporary
    file is most of a write. Each result is stored under a name (a file's place) with the full key it
    was computed for, so a result is served only for exactly that key; a new result replaces the old
    one of the same name, so the entry grows with the number of names, not with every change.
    """

    def __init__(self, key: str) -> None:
        self.key = key
        self._entries: dict[str, tuple[str, Any]] | None = None
        self._changed = False

    def _loaded(self) -> dict[str, tuple[str, Any]]:
        if self._entries is None:
            value = get(self.key)
            self._entries = value if isinstance(value, dict) else {}
        return self._entries

    def get(self, name: str, key: str) -> Any | None:
        entry = self._loaded().get(name)
        if isinstance(entry, tuple) and len(entry) == 2 and entry[0] == key:
            return entry[1]
        return None

    def put(self, name: str, key: str, value: Any) -> None:
        self._loaded()[name] = (key, value)
        self._changed = True

    def save(self) -> None:
        if self._changed and self._entries is not None:
            put(self.key, self._entries)
            self._changed = False
