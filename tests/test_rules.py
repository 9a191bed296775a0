"""A rule pack is validated on load; everything wrong with it is one line, FILE:LINE:COL: message."""

from __future__ import annotations

import re
import shutil
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from checker import rules
from checker.errors import RuleError
from checker.language.profile import cues_file
from checker.matching.expressions import AnyOf, Expr, Near, Phrase, leaves
from checker.readers import read
from checker.rules import bundled_pack_dir, load_packs, load_rules, pack_problems


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
        '- regex: "\\\\((?:ratification',
        '- regex: "(\\\\((?:ratification',
        "(\\\\((?:ratification",
        r"invalid regular expression",
        id="invalid regex",
    ),
    pytest.param(
        "ratification.yaml",
        '- regex: "\\\\((?:ratification',
        '- regex: "(?<!x)(?:\\\\w+ ?)*\\\\((?:ratification',
        "(?<!x)(?:\\\\w+ ?)*",
        r"a repetition inside a repetition: backtracking may take exponential time",
        id="catastrophic regex",
    ),
    pytest.param(
        "ratification.yaml",
        '- regex: "\\\\((?:ratification',
        '- regex: "(a)\\\\1\\\\((?:ratification',
        "(a)\\\\1",
        r"a backreference: it cannot be matched in linear time",
        id="backreference",
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
    pytest.param(
        "promotion.yaml",
        "  label: Special initiatives and progress\n",
        '  label: "Special initiatives\\e[2J and progress"\n',
        "Special initiatives\\e[2J",
        r"rule promotion.special_initiatives: label: a control character \(U\+001B\) in the text",
        id="control character",
    ),
    # A bidirectional control reorders how the text around it reads ("Trojan Source"), in a terminal and
    # in the Markdown of a pull request's comment: refused as a control character is, in a value or a key.
    pytest.param(
        "pack.yaml",
        "{id: challenges, label: Challenges,",
        '{id: challenges, label: "Chall\\u202eenges",',
        "Chall\\u202eenges",
        r"areas\[8\]\.label: a bidirectional control \(U\+202E\) in the text "
        r"\(it reorders how the text around it reads on screen; in a regex, write it as an escape\)",
        id="bidirectional control in a label",
    ),
    pytest.param(
        "ratification.yaml",
        '- "impediment* to ... ratif*"',
        '- "impediment* to\\u2066 ... ratif*"',
        "impediment* to\\u2066",
        r"rule ratification\.[a-z_]+: evidence\.[a-z_.\[\]0-9]+: a bidirectional control \(U\+2066\) in the text",
        id="bidirectional control in a phrase",
    ),
    pytest.param(
        "promotion.yaml",
        "  label: Special initiatives and progress\n",
        '  "la\\u202ebel": Special initiatives and progress\n',
        "la\\u202ebel",
        r"rule promotion\.special_initiatives: a bidirectional control \(U\+202E\) in a key "
        r"\(it reorders how the text around it reads on screen\)",
        id="bidirectional control in a key",
    ),
    pytest.param(
        "pack.yaml",
        "  fr: {instrument:",
        '  "f\\u2069r": {instrument:',
        "f\\u2069r",
        r"translations: a bidirectional control \(U\+2069\) in a key",
        id="bidirectional control in a key of the manifest",
    ),
    # `$` in Python's re.search, which checks the schemas' patterns, matches before a final line break:
    # an id or name ending in one would split a table row or a CSV cell.
    pytest.param(
        "prevention.yaml",
        "- id: prevention.awareness\n",
        '- id: "prevention.awareness\\n"\n',
        'id: "prevention.awareness\\n"',
        r"rule #1: id: 'prevention\.awareness\\n' does not match",
        id="item id ending in a line break",
    ),
    pytest.param(
        "pack.yaml",
        "pack: p029\n",
        'pack: "p029\\n"\n',
        'pack: "p029\\n"',
        r"pack: 'p029\\n' does not match",
        id="pack name ending in a line break",
    ),
    pytest.param(
        "pack.yaml",
        "{id: challenges, label: Challenges,",
        '{id: "challenges\\n", label: Challenges,',
        '"challenges\\n"',
        r"areas\[8\]\.id: 'challenges\\n' does not match",
        id="area id ending in a line break",
    ),
    pytest.param(
        "pack.yaml",
        "  fr: {instrument:",
        '  "fr\\n": {instrument:',
        '"fr\\n": {instrument:',
        r"translations: unknown key 'fr\\n'",
        id="language key ending in a line break",
    ),
    pytest.param(
        "pack.yaml",
        "version: 1.0.0\n",
        'version: "1.0.0\\n"\n',
        'version: "1.0.0\\n"',
        r"version: '1\.0\.0\\n' does not match",
        id="version ending in a line break",
    ),
    pytest.param(
        "pack.yaml",
        "language: en\n",
        'language: "en\\n"\n',
        'language: "en\\n"',
        r"language: 'en\\n' does not match",
        id="language ending in a line break",
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


# Faults in two files of a pack: schema errors (two in one rule), a phrase and a regular expression that
# do not compile, a duplicate id and an undeclared area. As (file, old, new, the text of the faulty line,
# what the message says).
FAULTS = [
    (
        "ratification.yaml",
        '  provision: "P029 Art. 8(1)',
        '  provison: "P029 Art. 8(1)',
        "provison:",
        "unknown key 'provison'",
    ),
    (
        "ratification.yaml",
        "  weight: 3",
        "  weight: three",
        "weight: three",
        "'three' is not of type 'integer'",
    ),
    (
        "ratification.yaml",
        '- "impediment* to ... ratif*"',
        '- "impediment (to|of) ratif*"',
        "impediment (to|of)",
        "has no meaning in a phrase",
    ),
    (
        "policy.yaml",
        '- regex: "\\\\bplans? (?:of',
        '- regex: "(\\\\bplans? (?:of',
        "(\\\\bplans? (?:of",
        "invalid regular expression",
    ),
    (
        "policy.yaml",
        "  area: policy\n  label: Systematic",
        "  area: polcy\n  label: Systematic",
        "area: polcy",
        "area 'polcy' is not declared",
    ),
    (
        "policy.yaml",
        "- id: policy.data",
        "- id: policy.coordination",
        "- id: policy.coordination",
        "duplicate item id 'policy.coordination'",
    ),
    (
        "policy.yaml",
        "  label: National policy and/or plan of action against forced labour\n",
        '  label: "National policy\\u202e and/or plan of action against forced labour"\n',
        "National policy\\u202e",
        "a bidirectional control (U+202E) in the text",
    ),
]


# What follows from them, and is told too: the renamed key is missing from its rule, and the form's
# checklist names the id that the duplicate replaced. As (file, the text of the line, the message).
CONSEQUENCES = [
    ("ratification.yaml", "- id: ratification.status", "missing required key 'provision'"),
    ("pack.yaml", "checklist: [policy.data]", "item 'policy.data' is not defined by any rule"),
]


def _broken_pack(tmp_path: Path) -> Path:
    """A copy of the bundled pack with every fault of FAULTS in it."""
    folder = tmp_path / "pack"
    shutil.copytree(bundled_pack_dir(), folder)
    for file, old, new, _, _ in FAULTS:
        target = folder / file
        text = target.read_text(encoding="utf-8")
        assert old in text, old
        target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


def _expected_faults(folder: Path) -> list[tuple[str, int, str]]:
    """Each fault's (and consequence's) file, line and message, in the order of files and lines."""
    told = [(file, needle, message) for file, _, _, needle, message in FAULTS] + CONSEQUENCES
    return sorted(
        (str(folder / file), _line_of(folder, file, needle), message) for file, needle, message in told
    )


def test_every_problem_of_a_pack_is_found(tmp_path: Path) -> None:
    """pack_problems finds every fault of a pack, across its files, each at its line, in file and line order."""
    folder = _broken_pack(tmp_path)
    problems = pack_problems(folder)
    found = [(problem.path, problem.line, problem.message) for problem in problems]
    expected = _expected_faults(folder)
    assert [(path, line) for path, line, _ in found] == [(path, line) for path, line, _ in expected]
    for (_, _, message), (_, _, told) in zip(found, expected, strict=True):
        assert told in message
    assert all(problem.column is not None for problem in problems)


def test_loading_a_broken_pack_stops_at_its_first_problem(tmp_path: Path) -> None:
    """Loading, for an audit, still refuses a broken pack at its first problem, in one line."""
    folder = _broken_pack(tmp_path)
    with pytest.raises(RuleError) as raised:
        load_rules(folder)
    assert raised.value.path in {str(folder / "policy.yaml"), str(folder / "ratification.yaml")}
    assert "\n" not in str(raised.value)


def test_a_sound_pack_has_no_problems() -> None:
    """The bundled pack has no problem to tell."""
    assert pack_problems() == []


def test_rules_validate_tells_every_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`rules validate` prints every problem on a line of its own, FILE:LINE:COL first, in file and line
    order, then how many the pack has, and exits 2."""
    from checker.cli import main

    folder = _broken_pack(tmp_path)
    code = main(["rules", "validate", str(folder)])
    captured = capsys.readouterr()
    assert (code, captured.out) == (2, "")
    lines = captured.err.splitlines()
    expected = _expected_faults(folder)
    assert len(lines) == len(expected) + 1
    for line, (path, number, told) in zip(lines, expected, strict=False):
        assert re.match(rf"^ilo-check: error: {re.escape(path)}:{number}:\d+: .*{re.escape(told)}", line), (
            line
        )
    assert lines[-1] == f"ilo-check: {len(expected)} errors in {folder}"


def test_a_language_profile_is_held_to_a_pack_s_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The cues of a language profile, compiled with every pack that reads the language, are text of the
    pack: a bidirectional control in one is refused at its file, line and column."""
    profile = tmp_path / "en.cues.yaml"
    shipped = cues_file("en").read_text(encoding="utf-8")
    assert '  - "did not"\n' in shipped
    profile.write_text(shipped.replace('  - "did not"\n', '  - "did\\u202d not"\n', 1), encoding="utf-8")
    monkeypatch.setattr(rules, "cues_file", lambda code: profile if code == "en" else cues_file(code))
    line = _line_of(tmp_path, "en.cues.yaml", "did\\u202d not")
    told = rf"^{re.escape(str(profile))}:{line}:5: negation\[\d+\]: a bidirectional control \(U\+202D\) in the text"
    with pytest.raises(RuleError, match=told):
        load_rules(_extension(tmp_path))


def test_a_pack_refuses_the_format_characters_a_report_has_read_as_spaces(tmp_path: Path) -> None:
    """Rule-pack text is held to what report text is: of the format characters (Unicode's Cf), a pack
    refuses as bidirectional controls those, and only those, that a report's text has read as spaces (the
    embeddings, overrides and isolates): a character added to one list and not the other fails here."""
    formats = [chr(code) for code in range(0x10000) if unicodedata.category(chr(code)) == "Cf"]

    def as_space(character: str) -> bool:
        document = read("report.txt", f"a{character}b\n".encode())
        return any("a b" in line.text for block in document.blocks for line in block.lines)

    spaced = {character for character in formats if as_space(character)}
    assert {"\u202a", "\u202e", "\u2066", "\u2069"} <= spaced  # the probe sees them
    folder = _extension(tmp_path)
    spelt = "".join(f'- "a\\u{ord(character):04x}b"\n' for character in formats)
    (folder / "characters.yaml").write_text(spelt, encoding="utf-8")
    told = (
        re.search(r"a bidirectional control \(U\+([0-9A-F]{4})\) in the text", problem.message)
        for problem in pack_problems(folder)
        if problem.path == str(folder / "characters.yaml")
    )
    assert {chr(int(found.group(1), 16)) for found in told if found} == spaced


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
    status = pack.rule("ratification.status").evidence.shows
    assert any(isinstance(part, Near) for part in _alternatives(status))
    assert "not" in _phrases(pack.cues.negation) and "ne ... pas" in _phrases(pack.cues.negation)


def _alternatives(expr: Expr) -> Iterator[Expr]:
    """The alternatives of `expr`, its language blocks' opened up: each phrase, `near` or `all`."""
    if isinstance(expr, AnyOf):
        for part in expr.parts:
            yield from _alternatives(part)
    else:
        yield expr


def test_a_pack_reads_its_languages_cues_only(tmp_path: Path) -> None:
    """The cues come from the profiles of the languages the pack reads: an English-only pack does not
    read "ne ... pas" as a negation; a language with no profile is an error at its place."""
    english = _pack_with(tmp_path / "en", "pack.yaml", "languages: [en, fr, es]\n", "")
    negation = _phrases(load_rules(english).cues.negation)
    assert "not" in negation and "ne ... pas" not in negation
    klingon = _pack_with(tmp_path / "tlh", "pack.yaml", "languages: [en, fr, es]", "languages: [en, tl]")
    line = _line_of(klingon, "pack.yaml", "languages: [en, tl]")
    with pytest.raises(
        RuleError, match=rf"pack\.yaml:{line}:\d+: no language profile for 'tl' \(shipped: en, es, fr\)"
    ):
        load_rules(klingon)


def test_pack_from_another_folder(tmp_path: Path) -> None:
    """A pack elsewhere loads the same way, and a rule's origin names its file and line."""
    folder = tmp_path / "copy"
    shutil.copytree(bundled_pack_dir(), folder)
    pack = load_rules(folder)
    assert pack.rule("ratification.status").origin == f"{folder / 'ratification.yaml'}:3"


def test_rule_files_named_yml_are_read_as_yaml_ones(tmp_path: Path) -> None:
    """A rule file named .yml is part of the pack like a .yaml one: it was once passed over in silence,
    its rules missing from every audit while `rules validate` said the pack was fine."""
    folder = tmp_path / "copy"
    shutil.copytree(bundled_pack_dir(), folder)
    (folder / "ratification.yaml").rename(folder / "ratification.yml")
    pack = load_rules(folder)
    assert pack.item_ids == load_rules().item_ids
    assert pack.rule("ratification.status").origin == f"{folder / 'ratification.yml'}:3"


# ── several packs at once ────────────────────────────────────────────────────────────────────────

_NATIONAL_RULE = """\
- id: {item}
  area: {area}
  label: National referral mechanism
  provision: "National Action Plan 2024, measure 7"
  question: Does the report describe the national referral mechanism for victims?
  guidance: Name the mechanism, the bodies in it and how many victims it referred.
  weight: 1
  evidence:
    shows: ["national referral mechanism"]
  examples:
    - {{expect: reported, text: The national referral mechanism referred 40 victims in 2024.}}
"""


def _extension(tmp_path: Path, *, item: str = "national.referral", area: str = "national") -> Path:
    """A second pack, for national items, with the P029 pack's cues and an area of its own."""
    folder = tmp_path / "national"
    folder.mkdir()
    manifest = (bundled_pack_dir() / "pack.yaml").read_text(encoding="utf-8")
    areas = re.search(r"\nareas:\n(?:  [- ] .*\n)+", manifest)
    form = re.search(r"\nform:\n(?:(?:  |#).*\n|\n)*?(?=\n\S)", manifest)
    assert areas and form
    manifest = manifest.replace("pack: p029", "pack: national").replace(form.group(), "\n")
    if area == "national":
        manifest = manifest.replace(areas.group(), "\nareas:\n  - {id: national, label: National measures}\n")
    (folder / "pack.yaml").write_text(manifest, encoding="utf-8")
    (folder / "national.yaml").write_text(_NATIONAL_RULE.format(item=item, area=area), encoding="utf-8")
    return folder


def test_several_packs_are_used_as_one(tmp_path: Path) -> None:
    """A national pack beside the P029 pack adds its area and items; the P029 pack's cues and form stay."""
    pack = load_packs([bundled_pack_dir(), _extension(tmp_path)])
    p029 = load_rules()
    assert pack.name == "p029+national"
    assert pack.item_ids == (*p029.item_ids, "national.referral")
    assert [area.id for area in pack.areas][-1] == "national"
    assert (pack.cues, pack.form) == (p029.cues, p029.form)


def test_one_pack_is_loaded_as_it_is(tmp_path: Path) -> None:
    """With one folder, or none, load_packs is load_rules."""
    assert load_packs([bundled_pack_dir()]) == load_rules()
    assert load_packs([]) == load_rules()


def test_two_packs_defining_one_item_are_refused(tmp_path: Path) -> None:
    """An item id that two packs define is an error at the second definition, naming the first."""
    extension = _extension(tmp_path, item="ratification.status", area="ratification")
    with pytest.raises(RuleError) as raised:
        load_packs([bundled_pack_dir(), extension])
    message = str(raised.value)
    assert message.startswith(
        f"{extension / 'national.yaml'}:1: item id 'ratification.status' is defined by two packs"
    )
    assert re.search(r"\(also at .*ratification\.yaml:\d+\)$", message), message


def test_several_packs_through_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--rules twice audits with both packs; a clash between them is exit 2 with one line."""
    from checker.cli import main

    report = tmp_path / "report.txt"
    report.write_text(
        "The national referral mechanism referred 40 victims of trafficking in 2024.\n", encoding="utf-8"
    )
    extension = _extension(tmp_path)
    code = main(
        ["audit", str(report), "--rules", str(bundled_pack_dir()), "--rules", str(extension), "-f", "csv"]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "national.referral,national,reported" in out.replace(" ", "")
    shutil.rmtree(extension)
    clash = _extension(tmp_path, item="policy.data", area="policy")
    assert main(["rules", "validate", "--rules", str(bundled_pack_dir()), "--rules", str(clash)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "item id 'policy.data' is defined by two packs" in err


# ── the pack's terms ─────────────────────────────────────────────────────────────────────────────


def _phrases(expr: Expr) -> set[str]:
    return {leaf.source for leaf in leaves(expr) if isinstance(leaf, Phrase)}


def test_a_term_is_defined_once_and_named_by_rules() -> None:
    """`$victims` in protection and remedies stands for the pack's one term, in each of its languages:
    the same phrases wherever a rule names it, the French and Spanish ones among them."""
    loaded = load_rules()
    in_protection = _phrases(loaded.rule("protection.accommodation").evidence.shows)
    in_remedies = _phrases(loaded.rule("remedies.information").evidence.shows)
    shared = {"victim*", "víctima*", "victime*", "survivor*", "sobreviviente*", "workers rescued"}
    assert shared <= in_protection and shared <= in_remedies
    for name in ("protection.yaml", "remedies.yaml"):
        assert "victims" not in re.findall(
            r"[&*](\w+)", (bundled_pack_dir() / name).read_text(encoding="utf-8")
        )


def test_an_unknown_term_is_an_error_at_its_place(tmp_path: Path) -> None:
    """A rule naming a term the pack does not define is an error at the name, with the nearest term."""
    folder = _pack_with(tmp_path, "protection.yaml", "$victims", "$victim")
    lines = (folder / "protection.yaml").read_text(encoding="utf-8").split("\n")
    line = next(number for number, text in enumerate(lines, 1) if re.search(r"\$victim\b", text))
    with pytest.raises(RuleError) as raised:
        load_rules(folder)
    assert re.search(
        rf"protection\.yaml:{line}:\d+: .*no term \$victim in pack\.yaml \(did you mean \$victims\?\)",
        str(raised.value),
    )


def test_a_term_may_be_one_list_for_every_language(tmp_path: Path) -> None:
    """A term given as one list, not one per language, is as valid; a phrase of a term that does not
    compile is an error at its place in pack.yaml."""
    folder = _pack_with(
        tmp_path / "a", "pack.yaml", "\nterms:\n", "\nterms:\n  shelter_words: [shelter*, refuge*]\n"
    )
    assert len(load_rules(folder).rules) == 44
    broken = _pack_with(tmp_path / "b", "pack.yaml", "\nterms:\n", "\nterms:\n  broken: ['=']\n")
    line = _line_of(broken, "pack.yaml", "broken: ['=']")
    assert next(str(problem) for problem in pack_problems(broken) if "pack.yaml" in str(problem)).startswith(
        f"{broken / 'pack.yaml'}:{line}:"
    )


def test_no_anchor_is_defined_in_two_files_or_as_a_term() -> None:
    """A YAML anchor lives in one file: one name given to lists in two files drifts apart unseen, which
    is what the pack's terms are for. No anchor takes the name of a term either."""
    import yaml

    manifest = yaml.safe_load((bundled_pack_dir() / "pack.yaml").read_text(encoding="utf-8"))
    defined: dict[str, str] = {}
    for path in sorted(bundled_pack_dir().glob("*.yaml")):
        for name in re.findall(r"&(\w+)", path.read_text(encoding="utf-8")):
            assert defined.setdefault(name, path.name) == path.name, (
                f"&{name} in {defined[name]} and {path.name}"
            )
    assert not set(defined) & set(manifest["terms"])


_WORDED_RULE = """\
- id: national.referral
  area: national
  label: National referral mechanism
  provision: "National Action Plan 2024, measure 7"
  question: Does the report describe the national referral mechanism for victims?
  guidance: Name the mechanism, the bodies in it and how many victims it referred.
  translations:
    fr:
      label: Mécanisme national d'orientation
      question: Le rapport décrit-il le mécanisme national d'orientation des victimes ?
      guidance: Nommez le mécanisme, ses membres et le nombre de victimes orientées.
  weight: 1
  evidence:
    shows: ["national referral mechanism"]
    fr:
      shows: ["mécanisme national d'orientation"]
      {extra}
  examples:
    - {{expect: reported, text: The national referral mechanism referred 40 victims in 2024.}}
"""


def _worded_pack(tmp_path: Path, extra: str = "") -> Path:
    """A pack of one rule worded in English and French, with the P029 pack's cues."""
    folder = _extension(tmp_path)
    manifest = (folder / "pack.yaml").read_text(encoding="utf-8")
    manifest = manifest.replace(
        "label: National measures}", "label: National measures, translations: {fr: Mesures nationales}}"
    )
    (folder / "pack.yaml").write_text(manifest, encoding="utf-8")
    (folder / "national.yaml").write_text(_WORDED_RULE.format(extra=extra), encoding="utf-8")
    return folder


def test_a_language_block_adds_its_words_to_the_rules() -> None:
    """A rule's `fr:` and `es:` blocks add their phrases to the block's own, under the same key: the
    French and Spanish words of the bundled pack are found among the rule's."""
    phrases = _phrases(load_rules().rule("protection.identification").evidence.shows)
    assert {"referral mechanism*", "identification des victimes", "identificación de víctimas"} <= phrases


def test_a_rule_is_worded_in_each_language_of_its_pack(tmp_path: Path) -> None:
    """A rule's translations word it in another language (its form label defaults to its label there),
    and the pack's `worded` words its areas too; in the pack's own language nothing changes."""
    pack = load_rules(_worded_pack(tmp_path))
    assert pack.languages == ("en", "fr", "es")
    french = pack.worded("fr")
    rule = french.rule("national.referral")
    assert (rule.label, rule.form_label) == ("Mécanisme national d'orientation",) * 2
    assert rule.question.startswith("Le rapport décrit-il")
    assert french.areas[0].label == "Mesures nationales"
    assert rule.evidence == pack.rule("national.referral").evidence
    assert pack.worded("en") is pack
    assert pack.worded("es").rule("national.referral").label == "National referral mechanism"


@pytest.mark.parametrize(
    ("old", "new", "block"),
    [
        (
            '      shows: ["mécanisme',
            '      touchs: ["orientation"]\n      shows: ["mécanisme',
            "evidence.fr",
        ),
        ('    shows: ["national', '    touchs: ["orientation"]\n    shows: ["national', "evidence"),
    ],
    ids=["in a language block", "beside one"],
)
def test_an_unknown_key_of_evidence_is_told_at_its_place(
    tmp_path: Path, old: str, new: str, block: str
) -> None:
    """An unknown key inside a language block is an error at its place, with the nearest known key, as
    one in the evidence block itself is; the language blocks beside it are not unknown keys."""
    folder = _worded_pack(tmp_path)
    rule_file = folder / "national.yaml"
    rule_file.write_text(rule_file.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    line = _line_of(folder, "national.yaml", "touchs:")
    problems = [str(problem) for problem in pack_problems(folder)]
    first_line = new.partition("\n")[0]
    column = len(first_line) - len(first_line.lstrip()) + 1
    assert problems == [
        f"{rule_file}:{line}:{column}: rule national.referral: {block}: unknown key 'touchs' "
        "(did you mean 'touches'?)"
    ]


def test_a_term_in_a_language_block_stands_for_that_language_s_phrases(tmp_path: Path) -> None:
    """`$victims` in a French block is the term's French phrases (a French block's words must not find
    an English sentence); in the rule's own block, its phrases in every language."""
    folder = _worded_pack(tmp_path, extra="touches: [{near: [[orientation], [$victims]]}]")
    rule_file = folder / "national.yaml"
    text = rule_file.read_text(encoding="utf-8").replace(
        '    shows: ["national referral mechanism"]',
        '    shows: ["national referral mechanism", {near: [[referr*], [$victims]]}]',
    )
    rule_file.write_text(text, encoding="utf-8")
    evidence = load_rules(folder).rule("national.referral").evidence
    assert evidence.touches is not None
    assert {"victime*", "survivant*"} <= _phrases(evidence.touches)
    assert not {"victim*", "víctima*"} & _phrases(evidence.touches)
    assert {"victim*", "victime*", "víctima*"} <= _phrases(evidence.shows)


def test_a_report_in_one_language_is_read_with_its_own_words_and_cues() -> None:
    """The pack reads a report written in one language with each rule's own words and that language's
    (and the cues of the pack's language and that one), not the other languages': fewer phrases to try
    in every sentence. The whole pack, every language's words, reads a report with mixed sections."""
    pack = load_rules()
    english, french = pack.reading("en"), pack.reading("fr")
    english_words = _phrases(english.rule("protection.identification").evidence.shows)
    french_words = _phrases(french.rule("protection.identification").evidence.shows)
    assert "referral mechanism*" in english_words and "referral mechanism*" in french_words
    assert not {"identification des victimes", "identificación de víctimas"} & english_words
    assert "identification des victimes" in french_words and "identificación de víctimas" not in french_words
    assert "ne ... pas" not in _phrases(english.cues.negation)
    assert {"not", "ne ... pas"} <= _phrases(french.cues.negation)
    assert pack.reading("de") is pack
