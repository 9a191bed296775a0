"""The JSON Schemas' patterns hold for the whole string, in Python as in ECMA-262.

jsonschema checks `pattern`, `patternProperties` (and with it `additionalProperties` and
`unevaluatedProperties`) and `propertyNames` with Python's ``re.search``, where ``$`` also matches before a
final line break: "p029\\n" would pass ``^[a-z0-9][a-z0-9_-]*$`` and split a table row or a CSV cell.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from importlib import resources
from typing import Any

import jsonschema
import pytest

# A string each pattern of the schemas matches. Every pattern must have one: a new pattern without a
# sample fails `test_every_pattern_has_a_sample`, and so is checked below.
SAMPLES = {
    r"^[a-z0-9][a-z0-9_-]*$(?!\n)": "p029",
    r"^[0-9]+\.[0-9]+\.[0-9]+$(?!\n)": "1.0.0",
    r"^[a-z]{2}$(?!\n)": "en",
    r"^[a-z][a-z0-9_]*$(?!\n)": "prevention",
    r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$(?!\n)": "prevention.awareness",
    r"^[0-9a-f]{64}$(?!\n)": "9801fec608b1c05e" * 4,
}


def _schemas() -> dict[str, Any]:
    """Every schema file of the package, by file name."""
    folder = resources.files("checker.schemas")
    return {
        entry.name: json.loads(entry.read_text(encoding="utf-8"))
        for entry in folder.iterdir()
        if entry.name.endswith(".schema.json")
    }


def _patterns(node: object) -> Iterator[str]:
    """The patterns of a schema: those of `pattern` (`propertyNames` among them) and `patternProperties`."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "pattern" and isinstance(value, str):
                yield value
            if key == "patternProperties" and isinstance(value, dict):
                yield from value
            yield from _patterns(value)
    elif isinstance(node, list):
        for value in node:
            yield from _patterns(value)


def _found() -> dict[str, list[str]]:
    """Each pattern of the schemas, with the files it is in."""
    found: dict[str, list[str]] = {}
    for name, schema in sorted(_schemas().items()):
        for pattern in _patterns(schema):
            found.setdefault(pattern, []).append(name)
    return found


def test_the_schemas_are_found() -> None:
    """The walk sees the schemas and their patterns (an empty walk would pass every test below)."""
    assert {"pack.schema.json", "rule.schema.json", "result.schema.json"} <= set(_schemas())
    assert set(_found()["^[a-z]{2}$(?!\\n)"]) == {
        "pack.schema.json",
        "rule.schema.json",
        "result.schema.json",
    }


def test_every_pattern_has_a_sample() -> None:
    """Every pattern of every schema has a sample in SAMPLES, and SAMPLES holds no pattern they lost."""
    assert set(_found()) == set(SAMPLES)


@pytest.mark.parametrize(("pattern", "sample"), SAMPLES.items(), ids=SAMPLES.values())
def test_a_pattern_holds_for_the_whole_string(pattern: str, sample: str) -> None:
    """A pattern matches its sample, and not the sample with a line break after it or before it."""
    assert re.search(pattern, sample)
    for around in (sample + "\n", "\n" + sample, sample + "\n\n", sample + "\r\n"):
        assert re.search(pattern, around) is None, repr(around)


@pytest.mark.parametrize(("pattern", "sample"), SAMPLES.items(), ids=SAMPLES.values())
def test_a_pattern_holds_for_the_whole_string_in_every_keyword(pattern: str, sample: str) -> None:
    """As jsonschema applies it, to a value and to a key: each of these keywords matches it on its own
    (an override of `pattern` alone would leave the keys open)."""
    keywords: dict[str, tuple[dict[str, Any], Any, Any]] = {
        "pattern": ({"pattern": pattern}, sample, sample + "\n"),
        "propertyNames": ({"propertyNames": {"pattern": pattern}}, {sample: 1}, {sample + "\n": 1}),
        "additionalProperties": (
            {"patternProperties": {pattern: {}}, "additionalProperties": False},
            {sample: 1},
            {sample + "\n": 1},
        ),
        "unevaluatedProperties": (
            {"patternProperties": {pattern: {}}, "unevaluatedProperties": False},
            {sample: 1},
            {sample + "\n": 1},
        ),
    }
    for keyword, (schema, valid, invalid) in keywords.items():
        validator = jsonschema.Draft202012Validator(schema)
        assert validator.is_valid(valid), keyword
        assert not validator.is_valid(invalid), keyword


def test_the_patterns_read_alike_in_python_and_ecma_262() -> None:
    """Every pattern is anchored at both ends as its schema's $comment says, and uses no escape that
    reads otherwise in ECMA-262 (Python's \\d matches any Unicode digit; \\Z is Python's alone)."""
    for pattern, files in _found().items():
        assert pattern.startswith("^") and pattern.endswith("$(?!\\n)"), pattern
        assert re.search(r"\\[dDwWsSbBAZz]", pattern) is None, pattern
        for name in files:
            assert "$(?!\\n)" in _schemas()[name].get("$comment", ""), name
