"""YAML (and JSON, its subset) loaded safely, with the line and column of every value kept.

Rule packs and structured submissions are written by people, so every error must point at the place to
fix. PyYAML's node graph keeps ``start_mark`` on every node; this module turns nodes into plain Python
values itself, remembering each value's position by its path, and refuses what a safe loader must:
tags that construct objects (``!!python/...``), alias expansion beyond a budget of values ("billion
laughs") or of characters (one long text repeated by thousands of aliases), nesting too deep to walk, and
duplicate keys, which YAML silently resolves to the last one.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from checker import limits
from checker.errors import CheckerError

# PyYAML is imported where a document is read, not with this module: a tenth of the start-up of
# auditing a text report went to importing it, and neither a text report nor a cached rule pack needs it.
if TYPE_CHECKING:
    import yaml

__all__ = ["Mark", "Path", "SourceYaml", "load_json", "load_yaml"]

Path = tuple[str | int, ...]
ErrorType = TypeVar("ErrorType", bound=CheckerError)

_STANDARD_TAG = "tag:yaml.org,2002:"
# Plain data only: every tag that builds an object ("!!python/object:os.system") is refused.
_PLAIN_TAGS = frozenset(
    _STANDARD_TAG + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map", "merge")
)


@dataclass(frozen=True)
class Mark:
    """A 1-based line and column in a YAML file."""

    line: int
    column: int


@dataclass(frozen=True)
class SourceYaml:
    """Plain data loaded from YAML, with the position of every value and mapping key."""

    path: str
    data: object
    values: dict[Path, Mark] = field(default_factory=dict)
    keys: dict[Path, Mark] = field(default_factory=dict)

    def mark(self, path: Path, *, key: bool = False) -> Mark | None:
        """Where the value at `path` (or its key) starts; the nearest enclosing value when unknown."""
        if key and path in self.keys:
            return self.keys[path]
        for end in range(len(path), -1, -1):
            if path[:end] in self.values:
                return self.values[path[:end]]
        return None

    def error(
        self,
        error_type: type[ErrorType],
        message: str,
        path: Path,
        *,
        key: bool = False,
        hint: str | None = None,
    ) -> ErrorType:
        """An error of `error_type` placed at the value (or key) at `path`."""
        mark = self.mark(path, key=key)
        return error_type(
            message,
            path=self.path,
            line=mark.line if mark else None,
            column=mark.column if mark else None,
            hint=hint,
        )


def _mark(node: yaml.Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


class _Builder:
    """Walks a composed node graph into plain data, recording marks and enforcing limits."""

    def __init__(self, path: str, error_type: type[CheckerError], loader: yaml.SafeLoader) -> None:
        self.loaded = SourceYaml(path, None)
        self._error_type = error_type
        self._loader = loader
        self._budget = limits.MAX_YAML_NODES
        # Characters of the document as expanded: each scalar counts every time it is reached, through
        # an alias as often as directly. Counted from the node, before a value is built or copied.
        self._characters = limits.MAX_YAML_CHARACTERS

    def fail(self, message: str, node: yaml.Node, hint: str | None = None) -> CheckerError:
        mark = _mark(node)
        return self._error_type(message, path=self.loaded.path, line=mark.line, column=mark.column, hint=hint)

    def build(self, node: yaml.Node, path: Path) -> object:
        import yaml

        self._budget -= 1
        if self._budget < 0:
            raise self.fail(
                "document expands to too many values", node, hint="aliases repeated beyond any real report"
            )
        if node.tag not in _PLAIN_TAGS and not (isinstance(node, yaml.ScalarNode) and node.tag == "!"):
            raise self.fail(f"tag {node.tag!r} is not allowed", node, hint="only plain YAML data is read")
        if isinstance(node, yaml.ScalarNode):
            self._characters -= len(node.value)
            if self._characters < 0:
                raise self.fail(
                    "document expands to too much text",
                    node,
                    hint=f"over {limits.MAX_YAML_CHARACTERS:,} characters with its aliases expanded: "
                    "aliases repeated beyond any real report",
                )
        self.loaded.values[path] = _mark(node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, (*path, index)) for index, child in enumerate(node.value)]
        try:
            return self._loader.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as error:
            raise self.fail(str(error.problem or "value cannot be read"), node) from None
        except (ValueError, KeyError, AttributeError, TypeError, OverflowError) as error:
            # A value its tag cannot build: "2020-02-30", "!!int abc".
            raise self.fail(
                f"value {node.value!r} cannot be read as {node.tag.rsplit(':', 1)[-1]} ({error})", node
            ) from None

    def _mapping(self, node: yaml.MappingNode, path: Path) -> dict[object, object]:
        result: dict[object, object] = {}
        merged: set[object] = set()  # keys merged in with "<<", which the mapping's own keys override
        for key_node, value_node, from_merge in _merged_pairs(node):
            key = self.build(key_node, (*path, "<key>"))
            if not isinstance(key, str | int | float | bool) and key is not None:
                raise self.fail("a mapping key must be a plain value", key_node)
            if key in result and not (from_merge or key in merged):
                raise self.fail(f"duplicate key {key!r}", key_node)
            if from_merge and key in result:
                continue
            if from_merge:
                merged.add(key)
            else:
                merged.discard(key)
            child: Path = (*path, key if isinstance(key, str | int) else str(key))
            self.loaded.keys[child] = _mark(key_node)
            result[key] = self.build(value_node, child)
        self.loaded.values.pop((*path, "<key>"), None)
        return result


def _merged_pairs(node: yaml.MappingNode) -> Iterator[tuple[yaml.Node, yaml.Node, bool]]:
    """Mapping pairs, with YAML merge keys (``<<: *defaults``) spliced in and marked as merged."""
    import yaml

    for key_node, value_node in node.value:
        if key_node.tag == _STANDARD_TAG + "merge":
            sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
            for source in sources:
                if isinstance(source, yaml.MappingNode):
                    yield from ((key, value, True) for key, value, _ in _merged_pairs(source))
            continue
        yield key_node, value_node, False


def _reader_error(
    error: yaml.reader.ReaderError, text: str, path: str, error_type: type[CheckerError]
) -> CheckerError:
    """A character YAML does not allow in a document, placed at its line and column."""
    position = min(error.position, len(text))
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    character = f"#x{error.character:04x}" if isinstance(error.character, int) else repr(error.character)
    return error_type(
        f"invalid YAML: character {character} is not allowed", path=path, line=line, column=column
    )


def load_yaml(text: str, path: str, error_type: type[CheckerError]) -> SourceYaml:
    """Load one YAML document from `text`; errors of `error_type` name `path`, line and column."""
    import yaml

    try:
        loader = yaml.SafeLoader(text)
    except yaml.reader.ReaderError as error:
        raise _reader_error(error, text, path, error_type) from None
    try:
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            problem = error.problem or error.context or "invalid YAML"
            raise error_type(
                f"invalid YAML: {problem}",
                path=path,
                line=mark.line + 1 if mark else None,
                column=mark.column + 1 if mark else None,
            ) from None
        except yaml.reader.ReaderError as error:
            raise _reader_error(error, text, path, error_type) from None
        except yaml.YAMLError as error:
            raise error_type(f"invalid YAML: {error}", path=path) from None
        except RecursionError:
            # The composer recurses once per level; the reader stopped where the nesting went too deep.
            mark = loader.get_mark()
            raise error_type(
                "invalid YAML: nesting is too deep to read",
                path=path,
                line=mark.line + 1,
                column=mark.column + 1,
            ) from None
        if node is None:
            return SourceYaml(path, None)
        builder = _Builder(path, error_type, loader)
        try:
            data = builder.build(node, ())
        except RecursionError:
            raise error_type("nesting is too deep to read", path=path) from None
        return SourceYaml(path, data, builder.loaded.values, builder.loaded.keys)
    finally:
        loader.dispose()


def load_json(text: str, path: str, error_type: type[CheckerError], what: str = "") -> Any:
    """`text` parsed as JSON, which is stricter than the YAML that reads it for its marks; errors of
    `error_type` name `path`, line and column, after `what` ("not a baseline: ") when given."""
    try:
        return json.loads(text, parse_constant=_not_json)
    except json.JSONDecodeError as error:
        raise error_type(
            f"{what}invalid JSON: {error.msg}", path=path, line=error.lineno, column=error.colno
        ) from None
    except RecursionError:
        raise error_type(f"{what}invalid JSON: nesting is too deep to read", path=path) from None
    except ValueError as error:  # NaN or Infinity; a number of more digits than Python converts
        raise error_type(f"{what}invalid JSON: {str(error).split(';')[0]}", path=path) from None


def _not_json(constant: str) -> Any:
    """Python's reader takes NaN and Infinity, which JSON does not have (and which pass any bound)."""
    raise ValueError(f"{constant} is not a JSON value")
