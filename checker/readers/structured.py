"""Structured submissions: YAML or JSON with the answers keyed by item id.

    instrument: P029
    country: Examplestan
    years: [2025]
    answers:
      ratification.status: "Ratified on 12 March 2016 and registered with the ILO."
      prevention.awareness:
        status: reported            # optional: what the drafter declares; the text is still judged
        text: |
          Seminars on forced labour were held in 55 cities ...

Each answer becomes a block of its own, its lines numbered where the text stands in the file. Item ids
the rule pack does not know are the engine's concern (a warning with the nearest valid id), not the
reader's: the reader only checks the shape, against `submission.schema.json`.
"""

from __future__ import annotations

import re

from checker.errors import InputError
from checker.model import (
    Block,
    BlockKind,
    Document,
    DocumentKind,
    Location,
    Paragraphs,
    SourceLine,
    Status,
    Suppression,
)
from checker.readers.encoding import decode, split_lines
from checker.readers.markdown import metadata_from
from checker.schemas import validate
from checker.yamlsource import Mark, SourceYaml, load_json, load_yaml

__all__ = ["read"]

# A block scalar's indicator (| or >), after any &anchor or !tag: its text starts on the next line.
_BLOCK_SCALAR = re.compile(r"(?:[&!]\S*[ \t]+)*[|>]")


def _text_lines(text: str, mark: Mark | None, raw_lines: list[str]) -> tuple[SourceLine, ...]:
    """The answer's lines, numbered where they stand in the file."""
    if not text.strip():
        return ()
    first = 1
    if mark is not None:
        # Matched in place, not sliced: a JSON file on one line holds every answer on that line.
        line = raw_lines[mark.line - 1] if mark.line <= len(raw_lines) else ""
        block = _BLOCK_SCALAR.match(line, mark.column - 1) is not None
        first = mark.line + 1 if block else mark.line
    return tuple(
        SourceLine(line, Location(line=first + number))
        for number, line in enumerate(split_lines(text.rstrip("\n")))
    )


def _suppression(item_id: str, answer: object, source: SourceYaml) -> Suppression | None:
    """An answer's ``ignore: reason``: a gap the drafter accepts; a reason is required."""
    if not isinstance(answer, dict) or "ignore" not in answer:
        return None
    reason = answer["ignore"]
    mark = source.mark(("answers", item_id, "ignore"))
    if not isinstance(reason, str) or not reason.strip():
        raise source.error(
            InputError,
            f"answers.{item_id}.ignore: a suppression needs a reason",
            ("answers", item_id, "ignore"),
            hint="ignore: why the gap is accepted",
        )
    return Suppression(item_id, " ".join(reason.split()), f"{source.path}:{mark.line if mark else '?'}")


def _answer_block(item_id: str, answer: object, source: SourceYaml, raw_lines: list[str]) -> Block:
    """The answer to `item_id`, placed at its key: where a reviewer adds text to an empty answer."""
    key = source.mark(("answers", item_id), key=True)
    place = Location(line=key.line) if key is not None else None
    if isinstance(answer, dict):
        text = answer.get("text") or ""
        declared = Status(answer["status"]) if "status" in answer else None
        mark = source.mark(("answers", item_id, "text"))
    else:
        text, declared = str(answer or ""), None
        mark = source.mark(("answers", item_id))
    lines = _text_lines(text, mark, raw_lines)
    return Block(BlockKind.ANSWER, lines, item_id=item_id, declared=declared, place=place)


def read(path: str, data: bytes) -> Document:
    """Read a structured (YAML or JSON) submission."""
    text, _ = decode(data, path)
    if path.lower().endswith(".json"):
        load_json(text, path, InputError)  # only to refuse what is YAML but not JSON, at its place
    source = load_yaml(text, path, InputError)
    if not isinstance(source.data, dict):
        kind = "empty" if source.data is None else type(source.data).__name__
        raise InputError(
            f"a structured submission must be a mapping with 'answers', not {kind}",
            path=path,
            line=1,
            column=1,
        )
    validate(source, "submission", InputError)
    raw_lines = split_lines(text)
    answers = source.data["answers"]
    blocks = tuple(
        _answer_block(str(item_id), answer, source, raw_lines) for item_id, answer in answers.items()
    )
    suppressions = tuple(
        suppression
        for item_id, answer in answers.items()
        if (suppression := _suppression(str(item_id), answer, source)) is not None
    )
    metadata = metadata_from(source.data, path)
    return Document(
        path,
        "structured",
        blocks,
        metadata,
        suppressions=suppressions,
        paragraphs=Paragraphs.LOOSE,
        kind=DocumentKind.STRUCTURED,  # laid out by its answers' keys alone, whatever they say
    )
