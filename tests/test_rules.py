"""A rule pack is validated on load; everything wrong with it is one line, FILE:LINE:COL: message."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from checker.errors import RuleError
from checker.phrases import Near, Phrase
from checker.rules import bundled_pack_dir, load_rules


def _pack_with(tmp_path: Path, file: str, old: str, new: str) -> Path:
    """A copy of the bundled pack with one piece of text in one file replaced."""
    folder = tmp_path / "pack"
    shutil.copytree(bundled_pack_dir(), folder)
    target = folder / file
    text = target.read_text(encoding="utf-8")
    assert old in text, old
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


def _line_of(folder: Path, file: str, needle: str) -> int:
    """The last line holding `needle`: a duplicate is reported where it is repeated."""
    lines = (folder / file).read_text(encoding="utf-8").split("\n")
    return max(number for number, line in enumerate(lines, start=1) if needle in line)


BROKEN = [
    pytest.param(
        "ratification.yaml",
        '  provision: "P029 Art. 8(1)',
        '  provison: "P029 Art. 8(1)',
        "provison:",
        r"rule ratification.status: unknown key 'provison' \(did you mean 'provision'\?\)",
        id="unknown key",
    ),
    pytest.param(
        "ratification.yaml",
        "  weight: 3",
        "  weight: three",
        "weight: three",
        r"rule ratification.status: weight: 'three' is not of type 'integer'",
        id="wrong type",
    ),
    pytest.param(
        "policy.yaml",
        "- id: policy.data",
        "- id: policy.coordination",
        "- id: policy.coordination",
        r"duplicate item id 'policy.coordination' \(first defined at .*policy.yaml:\d+\)",
        id="duplicate id",
    ),
    pytest.param(
        "ratification.yaml",
        '- "impediment* to ... ratif*"',
        '- "impediment (to|of) ratif*"',
        "impediment (to|of)",
        r"'\(' has no meaning in a phrase",
        id="invalid phrase",
    ),
    pytest.param(
        "ratification.yaml",
        '- regex: "\\\\(ratification',
        '- regex: "(\\\\(ratification',
        "(\\\\(ratification",
        r"invalid regular expression",
        id="invalid regex",
    ),
    pytest.param(
        "ratification.yaml",
        '- regex: "\\\\(ratification',
        '- regex: "(?:\\\\w+ ?)*\\\\(ratification',
        "(?:\\\\w+ ?)*",
        r"a repetition inside a repetition: backtracking may take exponential time",
        id="catastrophic regex",
    ),
    pytest.param(
        "pack.yaml",
        "item: remedies.non_prosecution}",
        "item: remedies.non_prosecutoin}",
        "remedies.non_prosecutoin",
        r"item 'remedies.non_prosecutoin' is not defined by any rule "
        r"\(did you mean 'remedies.non_prosecution'\?\)",
        id="undefined item",
    ),
    pytest.param(
        "policy.yaml",
        "  area: policy\n  label: Systematic",
        "  area: polcy\n  label: Systematic",
        "area: polcy",
        r"area 'polcy' is not declared in pack.yaml \(did you mean 'policy'\?\)",
        id="unknown area",
    ),
    pytest.param(
        "promotion.yaml",
        "  weight: 1\n",
        "  weight: [1\n",
        "weight: [1",
        r"invalid YAML",
        id="invalid yaml",
    ),
    pytest.param(
        "promotion.yaml",
        "  weight: 1\n",
        "  weight: !!python/object:os.system 1\n",
        "!!python",
        r"tag 'tag:yaml.org,2002:python/object:os.system' is not allowed",
        id="unsafe tag",
    ),
    pytest.param(
        "promotion.yaml",
        "  weight: 1\n",
        "  weight: 1\n  weight: 2\n",
        "weight: 2",
        r"duplicate key 'weight'",
        id="duplicate key",
    ),
]


@pytest.mark.parametrize(("file", "old", "new", "needle", "message"), BROKEN)
def test_broken_pack(tmp_path: Path, file: str, old: str, new: str, needle: str, message: str) -> None:
    """A broken pack is refused with its file, the line of the fault, a column and a clear message."""
    folder = _pack_with(tmp_path, file, old, new)
    with pytest.raises(RuleError) as raised:
        load_rules(folder)
    where = re.escape(str(folder / file))
    assert re.match(rf"^{where}:(\d+):(\d+): .*{message}", str(raised.value)), str(raised.value)
    # A YAML syntax error is marked where the parser notices it, at most a line after the fault.
    fault = _line_of(folder, file, needle)
    assert raised.value.line in ({fault, fault + 1} if "YAML" in message else {fault})
    assert "\n" not in str(raised.value)


def test_missing_required_key(tmp_path: Path) -> None:
    """A rule without guidance is refused, naming the rule, the missing key and the rule's line."""
    folder = _pack_with(
        tmp_path,
        "promotion.yaml",
        "  guidance: >\n    Name the initiative or the progress (a first conviction, a new body, a pilot programme, "
        "measurably\n    better results than the year before) and what it achieved.\n",
        "",
    )
    with pytest.raises(
        RuleError,
        match=r"promotion.yaml:\d+:3: rule promotion.special_initiatives: missing required key 'guidance'",
    ):
        load_rules(folder)


@pytest.mark.parametrize("layout", ["missing", "no manifest"])
def test_not_a_pack(tmp_path: Path, layout: str) -> None:
    """A folder that does not exist, or has no pack.yaml, is not a rule pack."""
    folder = tmp_path / "pack"
    if layout == "no manifest":
        folder.mkdir()
    with pytest.raises(
        RuleError, match="no such rule pack folder" if layout == "missing" else "needs a pack.yaml"
    ):
        load_rules(folder)


def test_bundled_pack() -> None:
    """The bundled pack loads: 44 rules in 10 areas, in questionnaire order, with compiled evidence."""
    pack = load_rules()
    assert (pack.name, len(pack.rules), len(pack.areas)) == ("p029", 44, 10)
    assert [area.id for area in pack.areas] == list(dict.fromkeys(rule.area for rule in pack.rules))
    status = pack.rule("ratification.status").evidence.match
    assert any(isinstance(part, Near) for part in getattr(status, "parts", ()))
    assert isinstance(pack.cues.negation.parts[0], Phrase)  # type: ignore[union-attr]


def test_pack_from_another_folder(tmp_path: Path) -> None:
    """A pack elsewhere loads the same way, and a rule's origin names its file and line."""
    folder = tmp_path / "copy"
    shutil.copytree(bundled_pack_dir(), folder)
    pack = load_rules(folder)
    assert pack.rule("ratification.status").origin == f"{folder / 'ratification.yaml'}:3"
