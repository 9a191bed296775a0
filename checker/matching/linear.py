"""Python's regular expressions in the syntax of RE2, the linear-time engine (google-re2).

A backtracking engine such as Python's `re` may take exponential time on a pattern that can match one
text in many ways; RE2 never does. A pattern's *exact form* matches what Python's pattern matches, at
the same places, in text without line breaks (the normal form every sentence is matched in). A pattern
has none when it uses what RE2 cannot run (lookarounds, word boundaries ``\\b``, possessive repeats,
atomic groups, case-insensitive matching) or may match the empty string (Python and RE2 step past an
empty match differently); backreferences, conditional groups and the ASCII, locale and verbose flags
have no form in RE2 at all (`UntranslatableError`).

Python's classes are spelt out as Python reads them in text: ``\\w`` is every letter, number and the
underscore, not ASCII alone as in RE2. RE2 takes a hundred times longer (4 ms) to compile a class of
every letter of Unicode, so each form is also spelt for text all in ASCII, as most sentences of an
English report are, where the classes hold their ASCII characters only.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import re2

__all__ = ["LinearForm", "LinearPattern", "UntranslatableError", "bounded", "exact"]

# Python's classes as it reads them in text (str.isalnum, str.isspace, Unicode digits), in RE2's terms;
# and as it reads them in ASCII text.
_UNICODE = {"w": r"\pL\pN_", "s": r"\t-\r\x{1c}-\x{1f}\x{85}\pZ", "d": r"\p{Nd}"}
_ASCII = {"w": r"0-9A-Za-z_", "s": r"\t-\r\x{1c}-\x{1f} ", "d": r"0-9"}
_LOOKAROUNDS = ("(?=", "(?!", "(?<=", "(?<!")
_QUANTIFIER = re.compile(r"[*+?]|\{(\d*)(,?)(\d*)\}")
_FLAGS = re.compile(r"\(\?([a-zA-Z]*)(?:-([a-zA-Z]*))?([:)])")
# RE2's largest repeat count.
_MOST_REPEATS = 1000


class UntranslatableError(ValueError):
    """A construct that RE2 cannot run in any form: the message names it."""


@dataclass(frozen=True)
class LinearForm:
    """A pattern in RE2's syntax, spelt for any text and for text all in ASCII. `group`: the part of a
    match that is the hit; `behind`: the pattern reads a boundary before the hit by consuming the
    character there (see `bounded`)."""

    unicode: str
    ascii: str
    group: int = 0
    behind: bool = False


def exact(source: str) -> LinearForm | None:
    """The exact form of the valid Python regular expression `source` in RE2's syntax; None when it has
    none. UntranslatableError: RE2 cannot run it in any form."""
    unicode, matches_alike = _Translation(source, _UNICODE).run()
    # Without lookarounds, a pattern matches nothing somewhere only if it matches the empty text.
    if not matches_alike or re.fullmatch(source, ""):
        return None
    return LinearForm(unicode, _in_ascii(unicode))


def _in_ascii(unicode: str) -> str:
    """A form spelt for any text, spelt for ASCII text: the classes' Unicode spellings appear nowhere
    else in a form (literals are written as letters, digits or code points)."""
    for name, spelling in _UNICODE.items():
        unicode = unicode.replace(spelling, _ASCII[name])
    return unicode


def bounded(body: str, *, starts: bool, ends: bool) -> LinearForm | None:
    """The exact form of the regex `body` matched where no word character stands before it (if it
    `starts` with a word) nor after it (if it `ends` with one), as a phrase is: RE2 has no lookaround,
    so the characters beside the hit are consumed, and the hit is the first group."""
    form = exact(body)
    if form is None:
        return None
    not_word = f"[^{_UNICODE['w']}]"
    before = f"(?:^|{not_word})" if starts else ""
    after = f"(?:{not_word}|$)" if ends else ""
    spelt = f"{before}({form.unicode}){after}"
    return LinearForm(spelt, _in_ascii(spelt), group=1, behind=starts)


class _Translation:
    """One pass over a pattern's source, writing RE2's form of each construct."""

    def __init__(self, source: str, classes: dict[str, str]) -> None:
        self.source = source
        self.classes = classes
        self.at = 0
        self.alike = True

    def run(self) -> tuple[str, bool]:
        """RE2's form of the whole pattern, and whether it matches exactly as Python's does (else it
        matches at least where Python's does: what RE2 cannot run is left out)."""
        translated = self._alternatives()
        if self.at != len(self.source):  # a ")" with no "(": `re` would have refused it
            raise UntranslatableError("unbalanced parenthesis")
        return translated, self.alike

    def _inexact(self) -> None:
        self.alike = False

    def _alternatives(self) -> str:
        branches = [self._sequence()]
        while self.source.startswith("|", self.at):
            self.at += 1
            branches.append(self._sequence())
        return "|".join(branches)

    def _sequence(self) -> str:
        items = []
        while self.at < len(self.source) and self.source[self.at] not in "|)":
            atom = self._atom()
            repeat = self._quantifier()
            if atom is not None:  # a dropped assertion takes its quantifier with it
                items.append(atom + repeat)
        return "".join(items)

    def _quantifier(self) -> str:
        found = _QUANTIFIER.match(self.source, self.at)
        if found is None or (found.group().startswith("{") and not (found.group(1) or found.group(2))):
            return ""
        self.at = found.end()
        token = found.group()
        if token.startswith("{"):
            low, comma, high = found.groups()
            if max(int(low or 0), int(high or 0)) > _MOST_REPEATS:
                raise UntranslatableError(f"a repeat count above {_MOST_REPEATS}")
            token = "{" + (low or "0") + comma + high + "}"
        if self.source.startswith("?", self.at):  # lazy: RE2 reads it as Python does
            self.at += 1
            return token + "?"
        if self.source.startswith("+", self.at):  # possessive: RE2 has none
            self.at += 1
            self._inexact()
        return token

    def _atom(self) -> str | None:
        char = self.source[self.at]
        if char == "(":
            return self._group()
        if char == "[":
            return self._class()
        if char == "\\":
            return self._escape()
        self.at += 1
        if char in ".^$":
            return char
        return _literal(char)

    def _group(self) -> str | None:
        rest = self.source[self.at :]
        if rest.startswith(_LOOKAROUNDS):
            self.at += 4 if rest.startswith("(?<") else 3
            self._inexact()
            self._alternatives()
            self._close()
            return None
        if rest.startswith("(?#"):
            self.at = self.source.index(")", self.at) + 1
            return ""
        if rest.startswith(("(?P=", "(?(")):
            raise UntranslatableError("a backreference" if rest.startswith("(?P=") else "a conditional group")
        if rest.startswith("(?>"):
            self.at += 3
            self._inexact()
            prefix = "(?:"
        elif rest.startswith("(?P<"):
            self.at = self.source.index(">", self.at) + 1
            prefix = "(?:"  # no capture: the pattern's groups are never read
        elif rest.startswith("(?"):
            return self._flags()
        else:
            self.at += 1
            prefix = "(?:"
        inner = self._alternatives()
        self._close()
        return prefix + inner + ")"

    def _flags(self) -> str:
        found = _FLAGS.match(self.source, self.at)
        if found is None:
            raise UntranslatableError("an extension group RE2 does not know")
        on, off, end = found.group(1), found.group(2) or "", found.group(3)
        if set(on + off) - set("imsu"):
            raise UntranslatableError(f"the flags {on + off!r} (RE2 knows i, m and s)")
        if "i" in on + off:  # Python and RE2 fold case differently beyond ASCII
            self._inexact()
        self.at = found.end()
        flags = on.replace("u", "") + ("-" + off if off else "")
        if end == ")":
            return f"(?{flags})" if flags.strip("-") else ""
        inner = self._alternatives()
        self._close()
        return f"(?{flags}:{inner})" if flags.strip("-") else f"(?:{inner})"

    def _close(self) -> None:
        if not self.source.startswith(")", self.at):
            raise UntranslatableError("missing ')'")
        self.at += 1

    def _escape(self) -> str | None:
        letter = self.source[self.at + 1 : self.at + 2]
        if letter.lower() in self.classes:
            self.at += 2
            return f"[{'^' if letter.isupper() else ''}{self.classes[letter.lower()]}]"
        if letter in "bB":
            self.at += 2
            self._inexact()
            return None
        if letter == "A":
            self.at += 2
            return r"\A"
        if letter == "Z":
            self.at += 2
            return r"\z"
        if letter.isdigit() and letter != "0" and not _octal(self.source, self.at + 1):
            raise UntranslatableError("a backreference")
        return _literal(self._escaped_char())

    def _escaped_char(self) -> str:
        """The character the escape at the current position stands for (`re` has accepted it)."""
        text, self.at = _char_escape(self.source, self.at)
        return text

    def _class(self) -> str:
        """A character class, its members spelt out as RE2 reads them. A class with a negated member
        (``\\W``, ``\\S``, ``\\D``) has no exact form: it is read as any character."""
        self.at += 1
        negated = self.source.startswith("^", self.at)
        self.at += negated
        members: list[str] = []
        any_char = False
        first = True
        while first or self.source[self.at] != "]":
            first = False
            char = self.source[self.at]
            if char == "\\":
                letter = self.source[self.at + 1]
                if letter.lower() in "wsd":
                    any_char = any_char or letter.isupper()
                    members.append(self.classes[letter.lower()])
                    self.at += 2
                    continue
                if letter == "b":  # a backspace, in a class
                    members.append(r"\x{8}")
                    self.at += 2
                    continue
                members.append(_literal(self._escaped_char(), in_class=True))
                continue
            self.at += 1
            members.append("-" if char == "-" else _literal(char, in_class=True))
        self.at += 1
        if any_char:
            self._inexact()
            return r"(?s:.)"
        return "[" + ("^" if negated else "") + "".join(members) + "]"


def _octal(source: str, at: int) -> bool:
    """Whether the digits at `at` are an octal escape (three octal digits) rather than a group's number."""
    return bool(re.match(r"[0-7]{3}", source[at : at + 3]))


def _char_escape(source: str, at: int) -> tuple[str, int]:
    """The character of the escape at `at` (after its backslash) and the position after it."""
    letter = source[at + 1]
    simple = {"a": "\a", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}
    if letter in simple:
        return simple[letter], at + 2
    if letter in "xuU":
        digits = {"x": 2, "u": 4, "U": 8}[letter]
        return chr(int(source[at + 2 : at + 2 + digits], 16)), at + 2 + digits
    if letter == "N":
        end = source.index("}", at)
        return unicodedata.lookup(source[at + 3 : end]), end + 1
    octal = re.match(r"[0-7]{1,3}", source[at + 1 : at + 4])
    if octal:
        return chr(int(octal.group(), 8)), at + 1 + octal.end()
    return letter, at + 2


def _literal(char: str, *, in_class: bool = False) -> str:
    """`char` as a literal in RE2's syntax: letters, digits and spaces as they are, everything else
    written by its code point, which no syntax of either engine reads as an operator."""
    if char.isalnum() or char == " " or (char == "_" and not in_class):
        return char
    return r"\x{" + format(ord(char), "x") + "}"


# Errors are the loader's to report, in one line: RE2 is not to log them to stderr. The memory bounds
# the automaton RE2 builds for a pattern, far above what any phrase needs.
_OPTIONS = re2.Options()
_OPTIONS.log_errors = False
_OPTIONS.max_mem = 64 << 20
_UNANCHORED = re2._Anchor.UNANCHORED


def _compiled(source: str) -> Any:
    regexp = re2._re2.RE2(source.encode(), _OPTIONS)
    if not regexp.ok():
        raise UntranslatableError(regexp.error().decode(errors="replace"))
    return regexp


def runs(form: LinearForm) -> bool:
    """Whether RE2 compiles `form` within its memory bound (a large repeat of a repeat does not)."""
    try:
        _compiled(form.unicode)
    except UntranslatableError:
        return False
    return True


class LinearPattern:
    """A pattern compiled by RE2: where it matches a text, in characters, found in linear time. Each
    spelling of its form is compiled when a text first needs it."""

    __slots__ = ("_ascii", "_form", "_unicode")

    def __init__(self, form: LinearForm) -> None:
        self._form = form
        self._ascii: Any = None
        self._unicode: Any = None

    def _regexp(self, text: str) -> Any:
        if text.isascii():
            if self._ascii is None:
                self._ascii = _compiled(self._form.ascii)
            return self._ascii
        if self._unicode is None:
            self._unicode = _compiled(self._form.unicode)
        return self._unicode

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where the pattern matches `text`, left to right and never overlapping, in characters: the
        hits Python's `finditer` gives for the pattern translated, those of no length left out."""
        regexp, group, behind = self._regexp(text), self._form.group, self._form.behind
        data = text.encode()
        found = []
        at, end = 0, len(data)
        while at < end:
            start, stop = regexp.Match(_UNANCHORED, data, at, end)[group]
            if start < 0:
                break
            if stop > start:
                found.append((start, stop))
                # After a boundary read by consuming a character, the next search starts at the hit's
                # last character: it may stand before the next hit, as a lookbehind sees it in Python.
                at = max(_char_start(data, stop - 1) if behind else stop, _next_char(data, at))
            else:
                at = _next_char(data, start)
        if len(data) != len(text):  # bytes to characters, once for all the hits
            found = [(_chars(data, start), _chars(data, stop)) for start, stop in found]
        return found


def _char_start(data: bytes, offset: int) -> int:
    """The first byte of the UTF-8 character holding the byte at `offset`."""
    while offset > 0 and data[offset] & 0xC0 == 0x80:
        offset -= 1
    return offset


def _next_char(data: bytes, offset: int) -> int:
    """The first byte of the UTF-8 character after the one that begins at `offset`."""
    offset += 1
    while offset < len(data) and data[offset] & 0xC0 == 0x80:
        offset += 1
    return offset


def _chars(data: bytes, offset: int) -> int:
    return len(data[:offset].decode())
