"""Compiled rule packs kept between runs.

Loading a pack (parsing its YAML, validating it against the schema, compiling its phrases) costs more
than auditing a short report, and a pack rarely changes; so a loaded pack is stored, and the next run
with the same pack takes it from the store.

The store is the folder named by ``ILO_CHECK_CACHE_DIR``, else ``$XDG_CACHE_HOME/ilo-check``, else
``~/.cache/ilo-check``; ``ILO_CHECK_CACHE_DIR=`` (empty) turns it off. An entry's name is a digest of
everything the compiled pack depends on: every file of the pack, the modules that compile it, the
tool's and Python's versions. An edited pack is therefore never served stale. The store only saves
time: one that cannot be read or written is passed over in silence.

An entry is a pickle, and loading a pickle runs what it says: an entry is only read when it is the
user's own and no one else may write it (as this module writes it), so that a store in a shared folder
cannot be used to run someone else's code.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from checker import __version__, limits
from checker.errors import RuleError
from checker.files import TooLargeError, not_a_file, read_within
from checker.model import RulePack

__all__ = ["cache_dir", "cached_pack", "yaml_files"]

# The modules, packages and schemas whose code shapes a compiled pack.
_COMPILERS = ("model.py", "matching", "rules.py", "yamlsource.py", "schemas")
_KEPT_ENTRIES = 16  # older entries (of packs since edited) are removed


def cache_dir() -> Path | None:
    """Where compiled packs are kept; None when the store is turned off."""
    configured = os.environ.get("ILO_CHECK_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ilo-check"


def yaml_files(folder: Path) -> list[Path]:
    """A pack folder's YAML files, named .yaml or .yml, in name order: its manifest and its rules.
    RuleError for one that is no file: a named pipe would keep every command waiting for a writer."""
    found = sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])
    for path in found:
        if kind := not_a_file(path):
            raise RuleError(
                f"{kind}, not a rule file", path=str(path), hint="a rule pack's folder holds files"
            )
    return found


def _files(folder: Path) -> list[Path]:
    package = Path(__file__).resolve().parent
    compilers = []
    for name in _COMPILERS:
        path = package / name
        compilers += sorted([*path.glob("*.py"), *path.glob("*.json")]) if path.is_dir() else [path]
    # The cues of the languages it reads are compiled into it too.
    profiles = sorted((package / "language" / "profiles").glob("*.cues.yaml"))
    return [*compilers, *profiles, *yaml_files(folder)]


def _key(folder: Path) -> str:
    # The folder too: a pack's messages name its files.
    digest = hashlib.sha256(f"{__version__}|{sys.version_info[:2]}|{folder.resolve()}".encode())
    for path in _files(folder):
        digest.update(path.name.encode() + b"\0" + read_within(path, limits.MAX_RULE_FILE_BYTES) + b"\0")
    return digest.hexdigest()[:32]


def _trusted(entry: Path) -> bool:
    """Whether the entry is the user's own and writable by no one else (where the system tells owners)."""
    if not hasattr(os, "getuid"):
        return True
    status = entry.stat()
    return status.st_uid == os.getuid() and not status.st_mode & 0o022


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector paused: while a pack of a hundred thousand objects is unpickled, it
    would walk them again and again, for as long as the unpickling itself takes."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _read(entry: Path) -> RulePack | None:
    try:
        if not _trusted(entry):
            return None
        with entry.open("rb") as stream, _collector_paused():
            pack = pickle.load(stream)
    except Exception:  # a damaged or foreign entry is rebuilt, whatever is wrong with it
        return None
    return pack if isinstance(pack, RulePack) else None


def _write(store: Path, entry: Path, pack: RulePack) -> None:
    with contextlib.suppress(OSError, pickle.PicklingError):
        store.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=store, prefix=".pack-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                pickle.dump(pack, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, entry)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
        entries = sorted(store.glob("pack-*.pickle"), key=lambda path: path.stat().st_mtime, reverse=True)
        for stale in entries[_KEPT_ENTRIES:]:
            stale.unlink(missing_ok=True)


def cached_pack(folder: Path, build: Callable[[], RulePack]) -> RulePack:
    """The pack in `folder`, from the store when it holds this very pack, else `build()` and stored."""
    store = cache_dir()
    if store is None:
        return build()
    try:
        entry = store / f"pack-{_key(folder)}.pickle"
    except (OSError, TooLargeError):
        return build()  # a file of the pack cannot be read: building it says so properly
    cached = _read(entry) if entry.is_file() else None
    if cached is not None:
        return cached
    pack = build()
    _write(store, entry, pack)
    return pack
