"""The package's JSON Schemas (rule files, pack manifests, submissions, audit results) and how their
validation errors are told: one line at the file, line and column of the offending value."""

from __future__ import annotations

import difflib
import json
import math
import re
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any, cast

from checker.errors import CheckerError

if TYPE_CHECKING:
    import jsonschema

    from checker.model import RulePack
    from checker.yamlsource import Path, SourceYaml

__all__ = ["dotted", "problems", "schema", "schema_errors", "submission_schema", "validate"]

_NAMES = ("rule", "pack", "submission", "result", "config")


@cache
def schema(name: str) -> dict[str, Any]:
    """One of the package's JSON Schemas by name: rule, pack, submission, result."""
    text = resources.files(__name__).joinpath(f"{name}.schema.json").read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


@cache
def _validator(name: str) -> jsonschema.Draft202012Validator:
    # Imported here: jsonschema costs a tenth of a second to import, and a run with a cached rule pack
    # and no configuration file validates nothing.
    import jsonschema
    import referencing

    registry: referencing.Registry[Any] = referencing.Registry().with_resources(
        (schema(other)["$id"], referencing.Resource.from_contents(schema(other))) for other in _NAMES
    )
    # A number is a finite one: YAML's .nan, TOML's nan and JSON's NaN pass every bound ("minimum": 0 is
    # not broken by NaN), and a threshold of NaN would let every gate pass.
    base = jsonschema.Draft202012Validator
    finite = base.TYPE_CHECKER.redefine("number", lambda checker, value: _finite_number(base, value))
    extend: Callable[..., type[jsonschema.Draft202012Validator]] = jsonschema.validators.extend  # untyped
    return extend(base, type_checker=finite)(schema(name), registry=registry)


def _finite_number(base: type[jsonschema.Draft202012Validator], value: object) -> bool:
    # An integer is finite, and math.isfinite cannot take one too large for a float.
    number = base.TYPE_CHECKER.is_type(value, "number")
    return number and (isinstance(value, int) or math.isfinite(cast(float, value)))


def problems(name: str, data: object) -> list[jsonschema.ValidationError]:
    """Everything that keeps `data` from being valid against schema `name`, outermost first."""
    return sorted(_validator(name).iter_errors(data), key=lambda error: list(error.absolute_path))


def dotted(path: Path) -> str:
    """A data path as people write it: ``answers.prevention.awareness.text``, ``[3].evidence``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _properties(error: jsonschema.ValidationError) -> list[str]:
    """The keys the schema that refused a key knows, with those of the definition it builds on (a
    `$ref` to one of the package's "#/$defs/...")."""
    if not isinstance(error.schema, dict):
        return []
    known = list(error.schema.get("properties", {}))
    reference = str(error.schema.get("$ref", ""))
    if reference.startswith("#/$defs/"):
        name = reference.removeprefix("#/$defs/")
        defined = (schema(each).get("$defs", {}) for each in _NAMES)
        known += next((list(each[name].get("properties", {})) for each in defined if name in each), [])
    return known


def _messages(
    source: SourceYaml, error: jsonschema.ValidationError, subject: str, error_type: type[CheckerError]
) -> list[CheckerError]:
    """What one schema error says, as errors at the place to fix: one per unknown key."""
    path: Path = tuple(error.absolute_path)
    # A block built on a definition ("$ref" and "unevaluatedProperties": false) refuses a key as one
    # that stands alone does.
    refused_key = error.validator in ("additionalProperties", "unevaluatedProperties")
    if refused_key and isinstance(error.instance, dict) and isinstance(error.schema, dict):
        known = _properties(error)
        told = []
        patterns = [re.compile(pattern) for pattern in error.schema.get("patternProperties", {})]
        for unknown in sorted(
            str(key)
            for key in error.instance
            if key not in known and not any(pattern.search(str(key)) for pattern in patterns)
        ):
            close = difflib.get_close_matches(unknown, known, n=1)
            hint = (
                f"did you mean {close[0]!r}?"
                if close
                else "known keys: " + ", ".join(known)
                if known
                else None
            )
            told.append(
                source.error(
                    error_type, f"{subject}unknown key {unknown!r}", (*path, unknown), key=True, hint=hint
                )
            )
        return told
    if error.validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return [source.error(error_type, f"{subject}missing required key {missing!r}", path)]
    return [source.error(error_type, f"{subject}{error.message}", path)]


def schema_errors(
    source: SourceYaml,
    name: str,
    error_type: type[CheckerError],
    subject: Any = None,
) -> list[tuple[Path, CheckerError]]:
    """Everything that keeps loaded YAML from being valid against schema `name`, each as one line with
    the data path of the value it is about, in the order of the values in the file.

    `subject(source, path)` may name what an error is about (e.g. "rule prevention.awareness: ").
    """
    errors = list(_validator(name).iter_errors(source.data))
    if not errors:
        return []
    from jsonschema.exceptions import best_match

    def position(error: jsonschema.ValidationError) -> tuple[int, int]:
        mark = source.mark(tuple(error.absolute_path))
        return (mark.line, mark.column) if mark else (0, 0)

    found: list[tuple[Path, CheckerError]] = []
    told: set[str] = set()
    # Stable: of two errors at one value, the one the validator found first comes first.
    for error in sorted(errors, key=position):
        # The most telling of the errors it stands for (inside an anyOf, say).
        telling = best_match([error])
        path: Path = tuple(telling.absolute_path)
        described = subject(source, path) if subject else (f"{dotted(path)}: " if path else "")
        for problem in _messages(source, telling, described, error_type):
            # Two keywords failing at one value (an anyOf and a type) may say the same thing.
            if str(problem) not in told:
                told.add(str(problem))
                found.append((tuple(error.absolute_path), problem))
    return found


def validate(
    source: SourceYaml,
    name: str,
    error_type: type[CheckerError],
    subject: Any = None,
) -> None:
    """Validate loaded YAML against schema `name`; raise the first error (by position) as one line.

    `subject(source, path)` may name what the error is about (e.g. "rule prevention.awareness: ").
    """
    errors = schema_errors(source, name, error_type, subject)
    if errors:
        raise errors[0][1]


def submission_schema(pack: RulePack) -> dict[str, Any]:
    """The submission schema with every item of `pack` spelt out, for editors and validators."""
    generated: dict[str, Any] = json.loads(json.dumps(schema("submission")))
    generated["title"] = f"ilo-check structured submission ({pack.name} {pack.version})"
    answers = generated["properties"]["answers"]
    answers["properties"] = {
        rule.id: {
            "$ref": "#/$defs/answer",
            "title": rule.label,
            "description": f"{rule.provision}. {rule.question} {rule.guidance}",
        }
        for rule in pack.rules
    }
    answers["additionalProperties"] = False
    return generated
