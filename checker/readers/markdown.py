"""Markdown reports and drafts: front matter, headings as sections, comments left out.

A draft written with ``ilo-check init --format markdown`` has YAML front matter (instrument, country,
years) and one heading per item; the text under a heading is that item's answer. HTML comments (the
question and guidance `init` writes, reviewers' notes) are not part of any answer: their characters are
blanked so that every other character keeps its line and column. A comment
``<!-- ilo-check: ignore ITEM -- reason -->`` suppresses a gap the drafter accepts, for the CI gate.
"""

from __future__ import annotations

import re

from checker.errors import InputError
from checker.model import (
    Block,
    BlockKind,
    Document,
    Location,
    Metadata,
    Paragraphs,
    SourceLine,
    Suppression,
)
from checker.readers.encoding import decode, split_lines
from checker.yamlsource import load_yaml

__all__ = ["metadata_from", "read", "suppressions_in"]

# The patterns below never offer two ways to match the same white space: a line of a million spaces
# must not take a million squared steps to fail. (An ATX heading's closing hashes are taken off in code.)
_ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*))?$")
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_TABLE_RULE = re.compile(r"^\s*(?:\|\s*)?:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*(?:\|\s*)?$")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_COMMENT_END = "-->"
# <!-- ilo-check: ignore ITEM[, ITEM...] -- reason -->: a gap the drafter accepts, with the reason.
_DIRECTIVE = re.compile(r"<!--\s*ilo-check:\s*(?P<verb>[\w-]+)(?P<body>.*?)-->", re.DOTALL)
_REASON = re.compile(r"\s--\s")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_FRONT_MATTER_FENCE = "---"


def _closed(text: str) -> int:
    """Where the comments that can be closed end: after the last "-->". A comment opened after it never
    closes, and the patterns would look for its end from every such opening, in quadratic time."""
    end = text.rfind(_COMMENT_END)
    return end + len(_COMMENT_END) if end >= 0 else 0


def _blank_comments(text: str) -> str:
    """Comments replaced by spaces, line breaks kept, so positions do not move."""
    end = _closed(text)
    return _COMMENT.sub(lambda match: re.sub(r"[^\n\r]", " ", match.group()), text[:end]) + text[end:]


def _atx_heading(line: str) -> tuple[int, str] | None:
    """An ATX heading's level and text, without the closing hashes ("## Title ##"); None for other lines."""
    match = _ATX_HEADING.match(line)
    if match is None:
        return None
    text = (match.group(2) or "").rstrip(" \t")
    # Closing hashes count only after white space: "## C#" is about C#.
    opened = text.rstrip("#")
    if opened != text and opened[-1:] in (" ", "\t"):
        text = opened.rstrip(" \t")
    return len(match.group(1)), text


def suppressions_in(text: str, path: str) -> tuple[Suppression, ...]:
    """The ``<!-- ilo-check: ignore ITEM -- reason -->`` comments of a draft; InputError for a directive
    it does not know or a suppression without a reason."""
    found = []
    line, counted = 1, 0
    for match in _DIRECTIVE.finditer(text, 0, _closed(text)):
        # Lines counted as split_lines counts them, from the previous directive on (linear time).
        line += len(_LINE_BREAK.findall(text, counted, match.start()))
        counted = match.start()
        if match.group("verb") != "ignore":
            raise InputError(
                f"unknown ilo-check directive {match.group('verb')!r}",
                path=path,
                line=line,
                hint="'ignore' is the only one",
            )
        parts = _REASON.split(match.group("body"), maxsplit=1)
        items = [item for item in re.split(r"[\s,]+", parts[0].strip()) if item]
        reason = " ".join(parts[1].split()) if len(parts) == 2 else ""
        if not items or not reason:
            raise InputError(
                "a suppression needs an item and a reason",
                path=path,
                line=line,
                hint="<!-- ilo-check: ignore ITEM -- why the gap is accepted -->",
            )
        found += [Suppression(item, reason, f"{path}:{line}") for item in items]
    return tuple(found)


def metadata_from(data: object, path: str) -> Metadata:
    """Metadata from a mapping with `instrument`, `country` and `years` (front matter or a submission)."""
    if not isinstance(data, dict):
        return Metadata()
    years = data.get("years", data.get("year"))
    years_list = years if isinstance(years, list) else [] if years is None else [years]
    country = data.get("country")
    instrument = data.get("instrument")
    return Metadata(
        country=str(country) if country is not None else None,
        years=tuple(str(year) for year in years_list if year is not None),
        instrument=str(instrument) if instrument is not None else None,
    )


def _front_matter(lines: list[str], path: str) -> tuple[Metadata, int]:
    """Metadata from YAML front matter, and the number of lines it takes."""
    if not lines or lines[0].strip() != _FRONT_MATTER_FENCE:
        return Metadata(), 0
    for end in range(1, len(lines)):
        if lines[end].strip() in (_FRONT_MATTER_FENCE, "..."):
            try:
                source = load_yaml("\n".join(lines[1:end]), path, InputError)
            except InputError as error:
                if error.line is not None:
                    error.line += 1  # the front matter starts on the file's second line
                raise
            if source.data is not None and not isinstance(source.data, dict):
                raise InputError("front matter must be a mapping", path=path, line=2, column=1)
            return metadata_from(source.data, path), end + 1
    return Metadata(), 0


class _Blocks:
    """Collects lines into text blocks, cut at headings."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.text: list[SourceLine] = []

    def line(self, line: SourceLine) -> None:
        self.text.append(line)

    def heading(self, level: int, line: SourceLine) -> None:
        self.end_text()
        self.blocks.append(Block(BlockKind.HEADING, (line,), level=level))

    def end_text(self) -> None:
        if self.text:
            self.blocks.append(Block(BlockKind.TEXT, tuple(self.text)))
            self.text = []


def read(path: str, data: bytes) -> Document:
    """Read a Markdown report or draft."""
    text, _ = decode(data, path)
    metadata, skip = _front_matter(split_lines(text), path)
    lines = split_lines(_blank_comments(text))
    blocks = _Blocks()
    in_fence = False
    for number in range(skip, len(lines)):
        line, location = lines[number], Location(line=number + 1)
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        heading = None if in_fence else _atx_heading(line)
        following = lines[number + 1] if number + 1 < len(lines) else ""
        if heading:
            blocks.heading(heading[0], SourceLine(heading[1], location))
        elif (
            not in_fence
            and line.strip()
            and _SETEXT_UNDERLINE.match(following)
            and not _TABLE_RULE.match(line)
        ):
            blocks.heading(1 if following.strip().startswith("=") else 2, SourceLine(line.strip(), location))
        elif (
            _SETEXT_UNDERLINE.match(line)
            and blocks.blocks
            and blocks.blocks[-1].kind is BlockKind.HEADING
            and not blocks.text
        ):
            continue  # the underline of a setext heading
        elif _TABLE_RULE.match(line):
            blocks.line(SourceLine("", location))
        else:
            blocks.line(SourceLine(line, location))
    blocks.end_text()
    suppressions = suppressions_in(text, path)
    return Document(
        path,
        "markdown",
        tuple(blocks.blocks),
        metadata,
        suppressions=suppressions,
        paragraphs=Paragraphs.LOOSE,
    )
