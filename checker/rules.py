"""Load and validate a rule pack: YAML with positions → JSON Schema → checks across files → Rule objects.

A pack is a folder: ``pack.yaml`` (name, areas, the compilation's form, the language of negation and
hedging) and any number of other ``*.yaml`` files, each a list of rules. Everything wrong with a pack is
fatal and reported as one line ``FILE:LINE:COL: message (hint)``: invalid YAML, unknown keys, wrong types,
duplicate ids, an area or item referenced but not defined, a phrase or regular expression that does not
compile or could take exponential time.

Loading stops at the first of these; `pack_problems` goes on and tells every one it can find (a rule the
schema refuses is not compiled, so what is wrong inside it beyond that waits for the next run).
"""

from __future__ import annotations

import difflib
import fnmatch
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

from checker import limits
from checker.errors import BIDI_CONTROLS, RuleError
from checker.files import TooLargeError, read_within
from checker.language.profile import cues_file, profiles
from checker.matching.expressions import NOTHING, AllOf, AnyOf, Expr, Near
from checker.matching.patterns import compile_phrase, compile_regex
from checker.matching.requirements import Requirement, either, requirement
from checker.model import (
    EVIDENCE_KEYS,
    OTHER_LANGUAGE,
    Area,
    Cues,
    EvidenceSpec,
    Example,
    ExampleContext,
    FormField,
    Rule,
    RulePack,
    Status,
    Subject,
    Wording,
)
from checker.packcache import cached_pack, yaml_files
from checker.schemas import dotted, schema_errors
from checker.yamlsource import Path as DataPath
from checker.yamlsource import SourceYaml, load_yaml

__all__ = ["bundled_pack_dir", "load_packs", "load_rules", "merge_packs", "pack_problems"]

MANIFEST = "pack.yaml"
TERM_SIGN = "$"  # "$victims" in a rule: the pack's term `victims`
_DEFAULT_NEAR = 8
# What an expression that does not compile stands for while the rest of a pack is checked: it is never used.
_BROKEN: Expr = AnyOf(())


class _Problems:
    """What is wrong with a pack, as it is found. Loading raises the first problem at once (a broken pack
    is fatal, and the rest need not be read); validating collects every one."""

    def __init__(self, *, collect: bool) -> None:
        self.collect = collect
        self.found: list[RuleError] = []

    def add(self, error: RuleError) -> None:
        """Note `error`; raise it when not collecting."""
        if not self.collect:
            raise error
        self.found.append(error)


def bundled_pack_dir() -> Path:
    """The P029 pack that ships inside the package (``checker/packs``); in a source checkout or an
    editable install, the repository's ``rules/`` folder that it is built from."""
    package = Path(__file__).resolve().parent
    installed = package / "packs" / "p029"
    return installed if installed.is_dir() else package.parent / "rules" / "p029"


def _subject(source: SourceYaml, path: DataPath) -> str:
    """Names what an error is about: the rule's id when the path is inside a rule."""
    data = source.data
    if isinstance(data, list) and path and isinstance(path[0], int) and path[0] < len(data):
        rule = data[path[0]]
        rule_id = rule.get("id") if isinstance(rule, dict) else None
        inner = dotted(path[1:])
        # An id that is no line of plain text ("a.b\n", one holding an escape) is named by its place.
        named = isinstance(rule_id, str) and rule_id.isprintable()
        prefix = f"rule {rule_id}" if named else f"rule #{path[0] + 1}"
        return f"{prefix}: {inner}: " if inner else f"{prefix}: "
    return f"{dotted(path)}: " if path else ""


# ── building the pack ────────────────────────────────────────────────────────────────────────────


# What no text of a pack may hold, its values and its keys: a pack's labels, questions and guidance are
# shown on the user's terminal and in the Markdown posted as a pull request's comment, as a report's text
# is. Control characters but the tab and the line break: YAML's double quotes can spell them ("\\e[2J").
# And the bidirectional embeddings, overrides and isolates, which reorder how the text around them reads
# ("Trojan Source"), which a report's text has read as spaces. A report is read as it is; a pack is
# written by its maintainers, and told to drop them.
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f"  # as the inside of a character class, as BIDI_CONTROLS
_CONTROL = re.compile(f"[{_CONTROLS}]")
_UNSHOWN = re.compile(f"[{_CONTROLS}{BIDI_CONTROLS}]")
_READS_ON_SCREEN = "it reorders how the text around it reads on screen"


def _controls(value: object, path: DataPath) -> Iterator[tuple[DataPath, str, bool]]:
    """Where a text of `value` holds a character no text of a pack may (see `_UNSHOWN`): its path, the
    character, and whether it is in the key at that path rather than in the value. What stands under a
    key found so is not looked into: the key's problem is told, and its path could not name it."""
    if isinstance(value, str):
        if found := _UNSHOWN.search(value):
            yield path, found.group(), False
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str) and (found := _UNSHOWN.search(key)):
                yield (*path, key), found.group(), True
            else:
                yield from _controls(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _controls(item, (*path, index))


def _unshown(source: SourceYaml, where: DataPath, character: str, *, key: bool) -> RuleError:
    """The error of a text of `source` holding `character` (see `_controls`), at its place."""
    code = f"U+{ord(character):04X}"
    if _CONTROL.match(character):
        what, hints = f"a control character ({code})", []
    else:
        what, hints = f"a bidirectional control ({code})", [_READS_ON_SCREEN]
    if key:
        return source.error(
            RuleError,
            f"{_subject(source, where[:-1])}{what} in a key",
            where,
            key=True,
            hint="; ".join(hints) or None,
        )
    hint = "; ".join([*hints, "in a regex, write it as an escape"])
    return source.error(RuleError, f"{_subject(source, where)}{what} in the text", where, hint=hint)


def _read(path: Path, problems: _Problems) -> SourceYaml | None:
    """The file's YAML with its marks; None when it cannot be read as YAML (a problem noted)."""
    try:
        text = read_within(path, limits.MAX_RULE_FILE_BYTES).decode("utf-8")
        source = load_yaml(text, str(path), RuleError)
    except UnicodeDecodeError as error:
        problems.add(RuleError(f"not UTF-8 text (byte {error.start})", path=str(path)))
        return None
    except TooLargeError as over:
        problems.add(RuleError(f"too large to read: {over.told} for a rule file", path=str(path)))
        return None
    except OSError as error:
        problems.add(RuleError(f"cannot read: {error.strerror or error}", path=str(path)))
        return None
    except RuleError as error:
        problems.add(error)
        return None
    for where, character, key in _controls(source.data, ()):
        problems.add(_unshown(source, where, character, key=key))
    return source


def _validated(source: SourceYaml, name: str, problems: _Problems) -> set[DataPath]:
    """Check `source` against schema `name`; the paths of the values found wrong (problems noted)."""
    wrong = set()
    for path, error in schema_errors(source, name, RuleError, _subject):
        assert isinstance(error, RuleError)
        problems.add(error)
        wrong.add(path)
    return wrong


# Each term's phrases by language: under a language's code its own and those the term gives every
# language; under EVERY_LANGUAGE all of them.
Terms = Mapping[str, Mapping[str, Expr]]
_NO_TERMS: Terms = {}
EVERY_LANGUAGE = "*"


def _term(
    name: str, terms: Terms, source: SourceYaml, path: DataPath, problems: _Problems, *, language: str
) -> Expr:
    """The pack's term `$name` in `language` (or in every language), compiled once for every rule that
    names it."""
    if name in terms:
        return terms[name].get(language, terms[name][EVERY_LANGUAGE])
    close = difflib.get_close_matches(name, list(terms), n=1)
    problems.add(
        source.error(
            RuleError,
            f"{_subject(source, path)}no term ${name} in {MANIFEST}",
            path,
            hint=f"did you mean ${close[0]}?" if close else f"a term is defined under 'terms:' in {MANIFEST}",
        )
    )
    return _BROKEN


def _expr(
    value: object,
    source: SourceYaml,
    path: DataPath,
    problems: _Problems,
    terms: Terms = _NO_TERMS,
    *,
    language: str = EVERY_LANGUAGE,
) -> Expr:
    """Compile an expression from its YAML form; errors point at the offending phrase. "$name" stands for
    the pack's term `name`: its phrases in `language` (a rule's words in one language), or in every
    language the pack has (a cue, the subject)."""
    try:
        if isinstance(value, str) and value.startswith(TERM_SIGN):
            return _term(value.removeprefix(TERM_SIGN), terms, source, path, problems, language=language)
        if isinstance(value, str):
            return compile_phrase(value)
        if isinstance(value, list):
            parts = tuple(
                _expr(part, source, (*path, index), problems, terms, language=language)
                for index, part in enumerate(value)
            )
            return parts[0] if len(parts) == 1 else AnyOf(parts)
        assert isinstance(value, dict)  # the schema allows nothing else
        if "regex" in value:
            return compile_regex(value["regex"])
        operator = "any" if "any" in value else "all" if "all" in value else "near"
        parts = tuple(
            _expr(part, source, (*path, operator, index), problems, terms, language=language)
            for index, part in enumerate(value[operator])
        )
        if operator == "any":
            return AnyOf(parts)
        if operator == "all":
            return AllOf(parts)
        return Near(parts, int(value.get("within", _DEFAULT_NEAR)))
    except ValueError as error:
        shown = value if isinstance(value, str) else value.get("regex", "") if isinstance(value, dict) else ""
        problems.add(source.error(RuleError, f"{_subject(source, path)}{error}: {shown!r}", path))
        return _BROKEN


def _evidence(
    spec: Mapping[str, Any],
    source: SourceYaml,
    path: DataPath,
    problems: _Problems,
    terms: Terms,
) -> tuple[EvidenceSpec, tuple[tuple[str, EvidenceSpec], ...]]:
    """The rule's evidence in every language, and in each of its languages: each key's expressions, the
    block's own with those of all its language blocks (`fr:`, `es:`), or of one. A term named in a
    language block stands for its phrases in that language (a French block's `$forced_labour` is not
    "THB"), one named in the block itself for its phrases in every language, as the block is read in
    all of them."""
    blocks = {code: words for code, words in spec.items() if code not in EVIDENCE_KEYS}
    own = {
        key: _expr(spec[key], source, (*path, key), problems, terms) for key in EVIDENCE_KEYS if key in spec
    }
    by_language = {
        code: {
            key: _expr(words[key], source, (*path, code, key), problems, terms, language=code)
            for key in EVIDENCE_KEYS
            if key in words
        }
        for code, words in blocks.items()
    }

    def joined(languages: Sequence[str]) -> EvidenceSpec:
        def compiled(key: str) -> Expr | None:
            parts = [own[key]] if key in own else []
            parts += [by_language[code][key] for code in languages if key in by_language[code]]
            return parts[0] if len(parts) == 1 else AnyOf(tuple(parts)) if parts else None

        shows = compiled("shows")
        assert shows is not None  # the schema requires it
        return EvidenceSpec(shows=shows, **{key: compiled(key) for key in EVIDENCE_KEYS if key != "shows"})

    # OTHER_LANGUAGE: how it reads a language it has no block for (the pack's own, say): its own words.
    readings = [(code, joined([code])) for code in blocks] + [(OTHER_LANGUAGE, joined([]))]
    return joined(list(blocks)), tuple(readings)


def _terms(manifest: SourceYaml, problems: _Problems) -> Terms:
    """The pack's shared vocabulary, each term compiled once: its phrases in each language (with those it
    gives every language, as one list for all), and in all of them together."""
    assert isinstance(manifest.data, dict)
    compiled: dict[str, dict[str, Expr]] = {}
    for name, given in (manifest.data.get("terms") or {}).items():
        by_language = given if isinstance(given, dict) else {"": given}
        phrases = {
            code: [
                _expr(phrase, manifest, ("terms", name, *((code,) if code else ()), index), problems)
                for index, phrase in enumerate(listed)
            ]
            for code, listed in by_language.items()
        }
        shared = phrases.pop("", [])
        compiled[name] = {code: AnyOf((*shared, *own)) for code, own in phrases.items()}
        every = (phrase for own in phrases.values() for phrase in own)
        compiled[name][EVERY_LANGUAGE] = AnyOf((*shared, *every))
    return compiled


def _with_requirements(rule: Rule, alike: dict[frozenset[str], frozenset[str]]) -> Rule:
    """The rule with what a sentence of free text must hold for it to find anything, in every language
    and in each of its own (see `_free_requirement`). `alike` holds the alternatives of the rules before
    it: an alternative found again is that same object, so that the stored pack holds it once."""

    def shared(found: Requirement) -> Requirement:
        return None if found is None else frozenset(alike.setdefault(each, each) for each in found)

    readings = tuple((code, spec, shared(_free_requirement(spec))) for code, spec, _ in rule.readings)
    return replace(rule, free_requirement=shared(_free_requirement(rule.evidence)), readings=readings)


def _free_requirement(spec: EvidenceSpec) -> Requirement:
    """What a sentence of free text must hold for `spec` to find anything in it, by `shows`, `denies` or
    `touches`. Worked out when the rule is compiled, so that the cached pack carries it (see `packcache`):
    it takes longer than loading the cached pack."""
    return either(requirement(expr) for expr in (spec.shows, spec.denies, spec.touches) if expr is not None)


def _examples(rule: Mapping[str, Any], source: SourceYaml, path: DataPath) -> tuple[Example, ...]:
    examples = []
    for index, example in enumerate(rule["examples"]):
        mark = source.mark((*path, "examples", index))
        examples.append(
            Example(
                text=example["text"],
                expect=Status(example["expect"]),
                context=ExampleContext(example.get("context", "narrative")),
                note=example.get("note"),
                origin=f"{source.path}:{mark.line if mark else '?'}",
                language=example.get("language"),
            )
        )
    return tuple(examples)


def _translations(given: Mapping[str, Mapping[str, str]]) -> tuple[tuple[str, Wording], ...]:
    return tuple(
        (
            code,
            Wording(
                label=wording["label"],
                form_label=wording.get("form_label", wording["label"]),
                question=" ".join(wording["question"].split()),
                guidance=" ".join(wording["guidance"].split()),
            ),
        )
        for code, wording in given.items()
    )


def _rules(
    source: SourceYaml, wrong: set[DataPath], problems: _Problems, terms: Terms
) -> list[tuple[Rule, DataPath, SourceYaml]]:
    """The rules of a file the schema accepts, but for those it found `wrong` (left out: their keys
    cannot be trusted to be there)."""
    assert isinstance(source.data, list)
    refused = {path[0] for path in wrong if path}
    built = []
    for index, rule in enumerate(source.data):
        if index in refused:
            continue
        path: DataPath = (index,)
        mark = source.mark(path)
        evidence, readings = _evidence(rule["evidence"], source, (*path, "evidence"), problems, terms)
        built.append(
            (
                Rule(
                    id=rule["id"],
                    area=rule["area"],
                    label=rule["label"],
                    form_label=rule.get("form_label", rule["label"]),
                    provision=rule["provision"],
                    question=" ".join(rule["question"].split()),
                    guidance=" ".join(rule["guidance"].split()),
                    weight=rule["weight"],
                    evidence=evidence,
                    readings=tuple((code, reading, None) for code, reading in readings),
                    free_requirement=None,  # worked out once the whole pack is known to compile
                    examples=_examples(rule, source, path),
                    origin=f"{source.path}:{mark.line if mark else '?'}",
                    translations=_translations(rule.get("translations", {})),
                ),
                path,
                source,
            )
        )
    return built


def _refused_ids(files: Iterable[tuple[SourceYaml, set[DataPath]]]) -> Iterator[str]:
    """The ids of the rules the schema refused, as far as they have one: the form may name them, and
    they are not the form's fault."""
    for source, wrong in files:
        assert isinstance(source.data, list)
        for index in sorted({path[0] for path in wrong if path}):
            rule = source.data[index] if isinstance(index, int) else None
            if isinstance(rule, dict) and isinstance(rule.get("id"), str):
                yield rule["id"]


def _resolve(
    pattern: str, known: list[str], source: SourceYaml, path: DataPath, problems: _Problems
) -> list[str]:
    """The item ids an id or glob names; an error at `path` when it names none."""
    matches = [item for item in known if fnmatch.fnmatchcase(item, pattern)]
    if not matches:
        close = difflib.get_close_matches(pattern, known, n=1)
        problems.add(
            source.error(
                RuleError,
                f"{dotted(path)}: item {pattern!r} is not defined by any rule",
                path,
                hint=f"did you mean {close[0]!r}?" if close else None,
            )
        )
    return matches


def _resolve_all(
    patterns: Iterable[str], known: list[str], source: SourceYaml, path: DataPath, problems: _Problems
) -> tuple[str, ...]:
    resolved = [
        item
        for index, pattern in enumerate(patterns)
        for item in _resolve(pattern, known, source, (*path, index), problems)
    ]
    return tuple(dict.fromkeys(resolved))


def _form(
    entries: list[dict[str, Any]],
    rules: dict[str, Rule],
    known: list[str],
    source: SourceYaml,
    path: DataPath,
    *,
    problems: _Problems,
) -> tuple[FormField, ...]:
    """The compilation's form, its entries' items resolved among the `known` ids."""
    fields = []
    for index, entry in enumerate(entries):
        here = (*path, index)
        translated = tuple(entry.get("translations", {}).items())
        if "group" in entry:
            children = _form(entry["fields"], rules, known, source, (*here, "fields"), problems=problems)
            fields.append(FormField(entry["group"], children=children, translations=translated))
            continue
        items = _resolve(entry["item"], known, source, (*here, "item"), problems) if "item" in entry else []
        checklist = _resolve_all(entry.get("checklist", []), known, source, (*here, "checklist"), problems)
        item = items[0] if items else None
        if item is None and not checklist:
            continue  # it named no item that exists: told above
        key = item or checklist[0]
        if "label" not in entry and key in rules:  # the item's form label, in each of its languages
            translated = rules[key].translated_form_labels
        label = entry.get("label") or (rules[key].form_label if key in rules else key)
        shared = entry.get("shared", False)
        fields.append(FormField(label, item, checklist, shared=shared, translations=translated))
    return tuple(fields)


def _cues(
    languages: Sequence[str],
    spec: Mapping[str, object],
    source: SourceYaml,
    problems: _Problems,
    terms: Terms,
) -> tuple[Cues, tuple[tuple[str, Cues], ...]]:
    """The cues every rule is read with: those of the profile of each language the pack reads (how a
    language says no, plans, asks; see `language.profile.cues_file`) and the pack's own; and for a
    report in one language, its own, the pack's language's (punctuation, quoted words) and the pack's."""
    by_language: dict[str, dict[str, Expr]] = {}
    for language in languages:
        profile_source = _read(cues_file(language), problems)
        if profile_source is None or _validated(profile_source, "cues", problems):
            continue
        assert isinstance(profile_source.data, dict)  # the schema says so
        by_language[language] = {
            key: _expr(value, profile_source, (key,), problems) for key, value in profile_source.data.items()
        }
    own = {key: _expr(value, source, ("cues", key), problems, terms) for key, value in spec.items()}

    def joined(chosen: Iterable[str]) -> Cues:
        sets = [by_language[code] for code in dict.fromkeys(chosen) if code in by_language] + [own]
        exprs = {item.name: [cues[item.name] for cues in sets if item.name in cues] for item in fields(Cues)}
        # A cue no profile and not the pack gives matches nothing.
        return Cues(**{key: AnyOf(tuple(found)) if found else NOTHING for key, found in exprs.items()})

    return joined(languages), tuple((code, joined([languages[0], code])) for code in languages)


def _topic(
    spec: Mapping[str, object] | None, source: SourceYaml, problems: _Problems, terms: Terms
) -> Subject | None:
    if spec is None:
        return None
    return Subject(**{key: _expr(spec[key], source, ("subject", key), problems, terms) for key in spec})


def load_rules(directory: str | Path | None = None) -> RulePack:
    """Load, validate and compile the rule pack in `directory` (the bundled P029 pack by default); a
    pack loaded before comes compiled from the cache (see `packcache`). RuleError at the first problem."""
    folder = _pack_folder(directory)
    return cached_pack(folder, lambda: _build(folder))


def pack_problems(directory: str | Path | None = None) -> list[RuleError]:
    """Everything wrong with the rule pack in `directory` (the bundled pack by default) that can be
    found in one reading, in the order of its files and lines; empty when the pack loads."""
    folder = _pack_folder(directory)
    problems = _Problems(collect=True)
    _compile(folder, problems)

    def place(error: RuleError) -> tuple[str, int, int]:
        return (error.path or "", error.line or 0, error.column or 0)

    return sorted(problems.found, key=place)


def _pack_folder(directory: str | Path | None) -> Path:
    folder = Path(directory) if directory is not None else bundled_pack_dir()
    if not folder.is_dir():
        raise RuleError("no such rule pack folder", path=str(folder))
    return folder


def _area_ids(manifest: SourceYaml | None, wrong: set[DataPath]) -> list[str] | None:
    """The areas the manifest declares; None when it cannot tell them (its problems told already)."""
    if manifest is None or not isinstance(manifest.data, dict):
        return None
    if any(path[:1] == ("areas",) or not path for path in wrong):
        return None
    return [area["id"] for area in manifest.data["areas"]]


def _build(folder: Path) -> RulePack:
    """The pack in `folder`; RuleError at its first problem."""
    pack = _compile(folder, _Problems(collect=False))
    assert pack is not None  # not collecting: a problem was raised
    return pack


def _compile(folder: Path, problems: _Problems) -> RulePack | None:
    """The pack in `folder`, every problem of it given to `problems`; None when there was any."""
    files = yaml_files(folder)  # first: it refuses what is no file, which reading would wait on
    manifest_path = folder / MANIFEST
    if not manifest_path.is_file():
        problems.add(RuleError(f"a rule pack needs a {MANIFEST}", path=str(folder)))
        return None
    manifest = _read(manifest_path, problems)
    manifest_wrong: set[DataPath] = set()
    if manifest is not None and not isinstance(manifest.data, dict):
        problems.add(RuleError(f"{MANIFEST} must be a mapping", path=str(manifest_path), line=1, column=1))
    elif manifest is not None:
        manifest_wrong = _validated(manifest, "pack", problems)
    area_ids = _area_ids(manifest, manifest_wrong)
    usable = manifest is not None and isinstance(manifest.data, dict) and not manifest_wrong
    terms = _terms(manifest, problems) if usable and manifest is not None else _NO_TERMS

    built: list[tuple[Rule, DataPath, SourceYaml]] = []
    built_from: list[tuple[SourceYaml, set[DataPath]]] = []
    for rule_file in files:
        if rule_file.name == MANIFEST:
            continue
        source = _read(rule_file, problems)
        if source is None or source.data is None:
            continue
        wrong = _validated(source, "rule", problems)
        if () not in wrong:  # not a list of rules at all
            built.extend(_rules(source, wrong, problems, terms))
            built_from.append((source, wrong))

    rules: dict[str, Rule] = {}
    for rule, path, source in built:
        if rule.id in rules:
            problems.add(
                source.error(
                    RuleError,
                    f"duplicate item id {rule.id!r}",
                    (*path, "id"),
                    hint=f"first defined at {rules[rule.id].origin}",
                )
            )
            continue
        if area_ids is not None and rule.area not in area_ids:
            close = difflib.get_close_matches(rule.area, area_ids, n=1)
            problems.add(
                source.error(
                    RuleError,
                    f"rule {rule.id}: area {rule.area!r} is not declared in {MANIFEST}",
                    (*path, "area"),
                    hint=f"did you mean {close[0]!r}?" if close else "declared: " + ", ".join(area_ids),
                )
            )
        rules[rule.id] = rule
    if not rules and not problems.found:
        problems.add(RuleError("the pack defines no rules", path=str(folder)))
    if manifest is None or area_ids is None or manifest_wrong:
        return None  # the manifest's problems are told; its form and cues cannot be read
    assert isinstance(manifest.data, dict)  # checked above
    pack: dict[str, Any] = manifest.data
    known = [*rules, *(item for item in _refused_ids(built_from) if item not in rules)]
    form = _form(pack.get("form", []), rules, known, manifest, ("form",), problems=problems)
    languages = _languages(pack)
    if not _profiled(languages, manifest, problems):
        return None
    cues, cue_readings = _cues(languages, pack.get("cues", {}), manifest, problems, terms)
    subject = _topic(pack.get("subject"), manifest, problems, terms)
    if problems.found:
        return None

    alike: dict[frozenset[str], frozenset[str]] = {}
    compiled = (_with_requirements(rule, alike) for rule in rules.values())
    # Stable: file order within an area.
    ordered = sorted(compiled, key=lambda rule: area_ids.index(rule.area))
    return RulePack(
        name=pack["pack"],
        version=pack["version"],
        instrument=pack["instrument"],
        language=pack["language"],
        languages=languages,
        cue_readings=cue_readings,
        instrument_translations=tuple(
            (code, wording["instrument"]) for code, wording in pack.get("translations", {}).items()
        ),
        areas=tuple(
            Area(area["id"], area["label"], tuple(area.get("translations", {}).items()))
            for area in pack["areas"]
        ),
        rules=tuple(ordered),
        form=form,
        cues=cues,
        origin=str(folder),
        subject=subject,
    )


def _profiled(languages: Sequence[str], manifest: SourceYaml, problems: _Problems) -> bool:
    """Whether every language the pack reads has a profile (its cues); a problem at the first that has
    none."""
    unknown = [language for language in languages if language not in profiles()]
    if unknown:
        assert isinstance(manifest.data, dict)
        path = ("language",) if unknown[0] == manifest.data["language"] else ("languages",)
        hint = "shipped: " + ", ".join(profiles())
        problems.add(manifest.error(RuleError, f"no language profile for {unknown[0]!r}", path, hint=hint))
    return not unknown


def _languages(manifest: Mapping[str, Any]) -> tuple[str, ...]:
    """The languages a pack reads: its own first, then the others it names."""
    return tuple(dict.fromkeys([manifest["language"], *manifest.get("languages", [])]))


def _place(origin: str) -> dict[str, Any]:
    """A rule's origin ("FILE:LINE") as an error's path and line."""
    path, _, line = origin.rpartition(":")
    return {"path": path, "line": int(line)} if line.isdigit() else {"path": origin}


def merge_packs(packs: Sequence[RulePack]) -> RulePack:
    """Several packs as one, for an extension (national items, say) used beside the P029 pack: every
    pack's areas and rules, the first pack's cues and form. The packs must be for one instrument; an
    item defined by two packs, or an area they label differently, is an error naming both places."""
    first = packs[0]
    areas = {area.id: area for area in first.areas}
    rules = {rule.id: rule for rule in first.rules}
    for pack in packs[1:]:
        if pack.instrument != first.instrument:
            raise RuleError(
                f"the pack is for {pack.instrument}, the first one for {first.instrument}", path=pack.origin
            )
        for area in pack.areas:
            if areas.setdefault(area.id, area).label != area.label:
                raise RuleError(
                    f"area {area.id!r} is labelled differently here and in {first.origin}", path=pack.origin
                )
        for rule in pack.rules:
            if rule.id in rules:
                raise RuleError(
                    f"item id {rule.id!r} is defined by two packs",
                    hint=f"also at {rules[rule.id].origin}",
                    **_place(rule.origin),
                )
            rules[rule.id] = rule
    order = list(areas)
    return replace(
        first,
        name="+".join(pack.name for pack in packs),
        version="+".join(pack.version for pack in packs),
        areas=tuple(areas.values()),
        rules=tuple(sorted(rules.values(), key=lambda rule: order.index(rule.area))),
        origin=" + ".join(pack.origin for pack in packs),
    )


def load_packs(directories: Sequence[str | Path]) -> RulePack:
    """The packs in `directories`, merged (see `merge_packs`); the bundled pack when there are none."""
    if not directories:
        return load_rules()
    packs = [load_rules(directory) for directory in directories]
    return packs[0] if len(packs) == 1 else merge_packs(packs)
