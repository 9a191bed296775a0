"""The store of compiled rule packs: used when the very pack was loaded before, never stale, never fatal."""

from __future__ import annotations

import gc
import os
import shutil
from pathlib import Path

import pytest

from checker.errors import RuleError
from checker.matching.expressions import leaves
from checker.matching.search import find
from checker.model import RulePack
from checker.packcache import cache_dir, cached_pack
from checker.rules import _build, bundled_pack_dir, load_rules


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty store of the test's own."""
    folder = tmp_path / "store"
    monkeypatch.setenv("ILO_CHECK_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def pack_copy(tmp_path: Path) -> Path:
    """A copy of the bundled pack that a test may edit."""
    return Path(shutil.copytree(bundled_pack_dir(), tmp_path / "pack"))


class _Builds:
    """Counts how often a pack is really built."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.count = 0

    def __call__(self) -> RulePack:
        self.count += 1
        return _build(self.folder)


def test_a_pack_loaded_before_comes_from_the_store(store: Path, pack_copy: Path) -> None:
    """The second load of the same pack is not built again, and equals the built one."""
    builds = _Builds(pack_copy)
    first = cached_pack(pack_copy, builds)
    second = cached_pack(pack_copy, builds)
    assert builds.count == 1
    assert second == first
    assert second is not first
    assert len(list(store.glob("pack-*.pickle"))) == 1


def test_an_edited_pack_is_built_afresh(store: Path, pack_copy: Path) -> None:
    """Changing any file of the pack changes its entry: the edit is seen at once."""
    builds = _Builds(pack_copy)
    cached_pack(pack_copy, builds)
    manifest = pack_copy / "pack.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("version:", "# edited\nversion:", 1))
    cached_pack(pack_copy, builds)
    assert builds.count == 2


def test_an_edited_yml_rule_file_is_built_afresh(store: Path, pack_copy: Path) -> None:
    """A rule file named .yml is part of the pack's entry too: its edit is seen at once."""
    rules = pack_copy / "ratification.yaml"
    rules = rules.rename(pack_copy / "ratification.yml")
    builds = _Builds(pack_copy)
    cached_pack(pack_copy, builds)
    rules.write_text("# edited\n" + rules.read_text(encoding="utf-8"), encoding="utf-8")
    cached_pack(pack_copy, builds)
    assert builds.count == 2


def test_a_damaged_entry_is_rebuilt(store: Path, pack_copy: Path) -> None:
    """An entry that cannot be read (a crash while it was written elsewhere, a foreign file) is replaced."""
    builds = _Builds(pack_copy)
    cached_pack(pack_copy, builds)
    (entry,) = store.glob("pack-*.pickle")
    entry.write_bytes(b"not a pickle")
    assert cached_pack(pack_copy, builds).name == "p029"
    assert builds.count == 2
    assert entry.read_bytes() != b"not a pickle"


def test_an_entry_others_may_write_is_not_loaded(store: Path, pack_copy: Path) -> None:
    """Loading a pickle runs its code: an entry that someone else could have written is rebuilt, and the
    rebuilt one is the user's alone again."""
    builds = _Builds(pack_copy)
    cached_pack(pack_copy, builds)
    (entry,) = store.glob("pack-*.pickle")
    entry.chmod(0o666)
    cached_pack(pack_copy, builds)
    assert builds.count == 2
    assert entry.stat().st_mode & 0o777 == 0o600


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root gives files away")
def test_an_entry_of_another_user_is_not_loaded(store: Path, pack_copy: Path) -> None:
    """An entry owned by another user (planted in a shared store) is never loaded."""
    builds = _Builds(pack_copy)
    cached_pack(pack_copy, builds)
    (entry,) = store.glob("pack-*.pickle")
    os.chown(entry, 12345, 12345)
    cached_pack(pack_copy, builds)
    assert builds.count == 2
    assert entry.stat().st_uid == os.getuid()


def test_a_store_that_cannot_be_written_only_costs_time(
    tmp_path: Path, pack_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the store's place is taken by a file, packs are built every time, without an error."""
    blocked = tmp_path / "blocked"
    blocked.write_text("a file, not a folder")
    monkeypatch.setenv("ILO_CHECK_CACHE_DIR", str(blocked / "store"))
    builds = _Builds(pack_copy)
    cached_pack(pack_copy, builds)
    cached_pack(pack_copy, builds)
    assert builds.count == 2


def test_an_empty_setting_turns_the_store_off(monkeypatch: pytest.MonkeyPatch, pack_copy: Path) -> None:
    """ILO_CHECK_CACHE_DIR set to nothing means no store at all."""
    monkeypatch.setenv("ILO_CHECK_CACHE_DIR", "")
    assert cache_dir() is None
    builds = _Builds(pack_copy)
    cached_pack(pack_copy, builds)
    cached_pack(pack_copy, builds)
    assert builds.count == 2


def test_the_store_defaults_to_the_user_s_cache_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Without a setting, the store is in XDG_CACHE_HOME (or ~/.cache), in a folder of its own."""
    monkeypatch.delenv("ILO_CHECK_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "ilo-check"


def test_a_broken_pack_is_reported_and_not_stored(store: Path, pack_copy: Path) -> None:
    """A pack with an error raises it on every load; nothing is stored for it."""
    (pack_copy / "extra.yaml").write_text("- id: broken\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(RuleError):
            load_rules(pack_copy)
    assert not list(store.glob("pack-*.pickle"))


def test_a_stored_pack_is_loaded_without_compiling_its_patterns(store: Path, pack_copy: Path) -> None:
    """The store keeps phrases and regexes as their sources, even those compiled before it was written:
    the loaded pack compiles none until a report needs it, and then finds what the built one did."""
    built = _build(pack_copy)
    first = [leaf for expr in built.expressions() for leaf in leaves(expr)]
    for leaf in first:
        _ = leaf.pattern
    cached_pack(pack_copy, lambda: built)
    loaded = cached_pack(pack_copy, _Builds(pack_copy))
    again = [leaf for expr in loaded.expressions() for leaf in leaves(expr)]
    assert again == first
    assert not any("pattern" in vars(leaf) for leaf in again)
    text = "forced labour victims were identified and referred to shelters"
    assert [len(find(leaf, text)) for leaf in again] == [len(find(leaf, text)) for leaf in first]


def test_loading_a_pack_leaves_the_garbage_collector_on(store: Path, pack_copy: Path) -> None:
    """The collector is paused while a stored pack is unpickled (it would walk the growing pack again and
    again), and on again after it."""
    builds = _Builds(pack_copy)
    cached_pack(pack_copy, builds)
    cached_pack(pack_copy, builds)
    assert builds.count == 1
    assert gc.isenabled()
