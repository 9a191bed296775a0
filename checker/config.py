"""Configuration files: ``ilo-check.yaml`` in the working directory or a parent, or ``[tool.ilo-check]``
in ``pyproject.toml`` (the nearest folder wins; in one folder, ``ilo-check.yaml`` comes first). Keys are
the command-line options' names; paths in a file are relative to the file. Errors are told as one line
with the file and, for YAML, the line and column."""

from __future__ import annotations

import fnmatch
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker import limits
from checker.errors import UsageError
from checker.files import TooLargeError, read_within
from checker.model import Suppression
from checker.schemas import validate
from checker.yamlsource import Mark, SourceYaml, load_yaml

__all__ = ["CONFIG_FILE", "Config", "ConfigSuppression", "Origin", "find_config", "load_config"]

CONFIG_FILE = "ilo-check.yaml"
PYPROJECT = "pyproject.toml"
_TOOL = "ilo-check"
_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_TOML_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]")
_TOML_KEY = re.compile(r"^\s*(?:\"([^\"]+)\"|'([^']+)'|([A-Za-z0-9_-]+))\s*[=.]")


@dataclass(frozen=True)
class Origin:
    """Where a setting was given: an option on the command line, or a key of a configuration file."""

    name: str  # "--require", or the configuration's key "require"
    marks: SourceYaml | None = None  # the configuration file it is a key of

    def error(self, message: str, *, entry: str | None = None, hint: str | None = None) -> UsageError:
        """A UsageError about the setting's value, told where it was given: at the `entry` of the key's
        list or mapping when the configuration has it, else at the key (line and column where known)."""
        if self.marks is None:
            return UsageError(f"{self.name}: {message}", hint=hint)
        place: tuple[str | int, ...] = (self.name,)
        value = self.marks.data.get(self.name) if isinstance(self.marks.data, dict) else None
        if entry is not None and isinstance(value, list) and entry in value:
            place += (value.index(entry),)
        elif entry is not None and isinstance(value, dict) and entry in value:
            place += (entry,)
        return self.marks.error(UsageError, f"{self.name}: {message}", place, key=len(place) > 1, hint=hint)


@dataclass(frozen=True)
class ConfigSuppression:
    """A gap accepted in the configuration, for every submission or for those matching `files`."""

    item_id: str
    reason: str
    files: str | None
    origin: str
    folder: Path = Path()  # where the configuration is: `files` is relative to it

    def applies_to(self, path: str) -> bool:
        """Whether the suppression covers the submission at `path` (as given on the command line)."""
        if self.files is None or fnmatch.fnmatch(Path(path).name, self.files):
            return True
        try:
            relative = Path(path).resolve().relative_to(self.folder.resolve())
        except ValueError:
            return False
        return fnmatch.fnmatch(relative.as_posix(), self.files)

    def suppression(self) -> Suppression:
        """The suppression as the audit records it."""
        return Suppression(self.item_id, self.reason, self.origin)


@dataclass(frozen=True)
class Config:
    """The settings a configuration file gives; empty when there is none."""

    origin: str | None = None
    values: Mapping[str, Any] = field(default_factory=dict)
    suppressions: tuple[ConfigSuppression, ...] = ()
    marks: SourceYaml | None = field(default=None, compare=False, repr=False)  # the file, as written

    def source(self, key: str) -> Origin:
        """Where the value of `key` is written."""
        return Origin(key, self.marks)

    def get(self, key: str, default: Any = None) -> Any:
        """The value of a key, as written in the file (paths already resolved)."""
        return self.values.get(key, default)


def find_config(start: Path | None = None) -> Path | None:
    """The configuration that governs `start` (the working directory): the nearest ilo-check.yaml, or
    pyproject.toml with a [tool.ilo-check] table, in it or a parent folder."""
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        if (candidate / CONFIG_FILE).is_file():
            return candidate / CONFIG_FILE
        pyproject = candidate / PYPROJECT
        if pyproject.is_file() and _TOOL in _pyproject_tools(pyproject, _read_text(pyproject)):
            return pyproject
    return None


def _read_text(path: Path) -> str:
    try:
        return read_within(path, limits.MAX_CONFIG_BYTES).decode("utf-8")
    except TooLargeError as over:
        raise UsageError(f"too large to read: {over.told} for a configuration file", path=str(path)) from None
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"cannot read: {error}", path=str(path)) from None


def _pyproject_tools(path: Path, text: str) -> Mapping[str, Any]:
    try:
        tools: Mapping[str, Any] = tomllib.loads(text).get("tool", {})
    except tomllib.TOMLDecodeError as error:
        # tomllib tells the place only in its message (attributes came in Python 3.14).
        message = str(error)
        place = _TOML_POSITION.search(message)
        raise UsageError(
            f"invalid TOML: {message[: place.start()] if place else message}",
            path=str(path),
            line=int(place.group(1)) if place else None,
            column=int(place.group(2)) if place else None,
        ) from None
    return tools if isinstance(tools, dict) else {}


def _table_marks(text: str) -> dict[tuple[str | int, ...], Mark]:
    """Where each key of the [tool.ilo-check] table stands (its sub-tables at their headers): tomllib
    keeps no positions, and an error in the configuration should name its line."""
    marks: dict[tuple[str | int, ...], Mark] = {}
    prefix = f"tool.{_TOOL}"
    table: tuple[str | int, ...] | None = None  # the path of the table being read, inside ours
    arrays: dict[tuple[str | int, ...], int] = {}  # how many tables each [[array]] has had so far
    for number, line in enumerate(text.splitlines(), start=1):
        place = Mark(number, len(line) - len(line.lstrip()) + 1)
        if header := _TOML_HEADER.match(line):
            name = header.group(1).replace('"', "").replace("'", "").replace(" ", "")
            table = tuple(name.removeprefix(prefix).split(".")[1:]) if name.startswith(prefix) else None
            if table and line.lstrip().startswith("[["):
                arrays[table] = arrays.get(table, -1) + 1
                marks.setdefault(table, place)
                table = (*table, arrays[table])
            if table:
                marks.setdefault(table, place)
        elif table is not None and (key := _TOML_KEY.match(line)):
            marks.setdefault((*table, next(group for group in key.groups() if group)), place)
    return marks


def _source(path: Path) -> SourceYaml:
    text = _read_text(path)
    if path.name == PYPROJECT:
        marks = _table_marks(text)
        return SourceYaml(str(path), _pyproject_tools(path, text).get(_TOOL), marks, marks)
    return load_yaml(text, str(path), UsageError)


_PATH_KEYS = ("rules", "output", "baseline")


def _shown(path: Path) -> str:
    """The path as the user sees it: relative to the working directory when the file is under it (a
    result saved as a baseline then reads the same on every machine)."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def load_config(path: Path) -> Config:
    """Load and validate one configuration file."""
    source = _source(path)
    data = source.data if source.data is not None else {}
    if not isinstance(data, dict):
        raise UsageError(
            "the configuration must be a mapping of option names", path=str(path), line=1, column=1
        )
    checked = SourceYaml(source.path, data, source.values, source.keys)
    validate(checked, "config", UsageError)
    for index, entry in enumerate(data.get("suppress", [])):
        if not entry["reason"].strip():
            raise checked.error(
                UsageError, "suppress: a suppression needs a reason", ("suppress", index, "reason")
            )
    values = dict(data)
    for key in _PATH_KEYS:
        if isinstance(values.get(key), str):
            values[key] = str(path.parent / values[key])
        elif isinstance(values.get(key), list):
            values[key] = [str(path.parent / value) for value in values[key]]
    suppressions = tuple(
        ConfigSuppression(
            entry["item"],
            entry["reason"].strip(),
            entry.get("files"),
            f"{_shown(path)}:{mark.line}" if (mark := source.mark(("suppress", index))) else _shown(path),
            path.parent,
        )
        for index, entry in enumerate(values.pop("suppress", []))
    )
    return Config(str(path), values, suppressions, checked)
