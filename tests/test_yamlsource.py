"""Safe YAML with positions: every value and key keeps its 1-based line and column; unsafe input is an error."""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from checker import limits
from checker.errors import CheckerError, InputError, RuleError
from checker.yamlsource import Mark, Path, SourceYaml, load_yaml
from tests.conftest import examples

PACK = """\
rules:
  - id: ratification.status
    weight: 3
    evidence:
      match: [ratified, "deposited ... instrument"]
    note: |
      Two lines
      of text.
  - {id: other, weight: 1}
"""


@pytest.fixture(scope="module")
def pack_source() -> SourceYaml:
    """PACK, loaded."""
    return load_yaml(PACK, "pack.yaml", RuleError)


def _load(text: str) -> SourceYaml:
    return load_yaml(text, "report.yaml", InputError)


def test_load_yaml_gives_plain_data(pack_source: SourceYaml) -> None:
    """The loaded data is plain dicts, lists and scalars, with the path it was read from."""
    assert pack_source.path == "pack.yaml"
    assert pack_source.data == {
        "rules": [
            {
                "id": "ratification.status",
                "weight": 3,
                "evidence": {"match": ["ratified", "deposited ... instrument"]},
                "note": "Two lines\nof text.\n",
            },
            {"id": "other", "weight": 1},
        ]
    }


@pytest.mark.parametrize(
    ("path", "line", "column"),
    [
        ((), 1, 1),
        (("rules", 0), 2, 5),
        (("rules", 0, "id"), 2, 9),
        (("rules", 0, "weight"), 3, 13),
        (("rules", 0, "evidence", "match"), 5, 14),
        (("rules", 0, "evidence", "match", 0), 5, 15),
        (("rules", 0, "evidence", "match", 1), 5, 25),
        (("rules", 0, "note"), 6, 11),
        (("rules", 1), 9, 5),
        (("rules", 1, "weight"), 9, 25),
    ],
)
def test_values_keep_their_line_and_column(
    pack_source: SourceYaml, path: Path, line: int, column: int
) -> None:
    """Every value's mark is the 1-based line and column where it starts."""
    assert pack_source.values[path] == Mark(line, column)
    assert pack_source.mark(path) == Mark(line, column)


@pytest.mark.parametrize(
    ("path", "line", "column"),
    [
        (("rules",), 1, 1),
        (("rules", 0, "id"), 2, 5),
        (("rules", 0, "weight"), 3, 5),
        (("rules", 0, "evidence", "match"), 5, 7),
        (("rules", 0, "note"), 6, 5),
        (("rules", 1, "id"), 9, 6),
        (("rules", 1, "weight"), 9, 17),
    ],
)
def test_keys_keep_their_line_and_column(pack_source: SourceYaml, path: Path, line: int, column: int) -> None:
    """Every mapping key's mark is the 1-based line and column where the key starts."""
    assert pack_source.keys[path] == Mark(line, column)
    assert pack_source.mark(path, key=True) == Mark(line, column)


@pytest.mark.parametrize(
    ("path", "key", "expected"),
    [
        (("rules", 0, "evidence", "negative"), False, Mark(5, 7)),
        (("rules", 0, "evidence", "negative"), True, Mark(5, 7)),
        (("rules", 7, "id"), False, Mark(2, 3)),
        (("nowhere",), False, Mark(1, 1)),
        (("rules", 0, "evidence", "match", 0), True, Mark(5, 15)),
    ],
)
def test_mark_falls_back_to_the_nearest_enclosing_value(
    pack_source: SourceYaml, path: Path, key: bool, expected: Mark
) -> None:
    """A path with no mark of its own (a missing key, a list entry's "key") is placed at its parent."""
    assert pack_source.mark(path, key=key) == expected


def test_mark_of_an_empty_document_is_unknown() -> None:
    """An empty document has no marks at all."""
    assert _load("").mark(("answers",)) is None


@pytest.mark.parametrize(
    ("path", "key", "where"),
    [
        (("rules", 0, "weight"), False, "pack.yaml:3:13"),
        (("rules", 0, "weight"), True, "pack.yaml:3:5"),
        (("rules", 1, "area"), True, "pack.yaml:9:5"),
    ],
)
def test_error_is_placed_at_the_value_or_key(
    pack_source: SourceYaml, path: Path, key: bool, where: str
) -> None:
    """SourceYaml.error builds an error of the given type placed at the value, or its key."""
    error = pack_source.error(RuleError, "bad weight", path, key=key, hint="an integer")
    assert isinstance(error, RuleError)
    assert str(error) == f"{where}: bad weight (an integer)"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", None),
        ("# only a comment\n", None),
        ("---\n", None),
        (
            "a: 1\nb: 1.5\nc: true\nd: ~\ne: '007'\nf: 0x1F\n",
            {"a": 1, "b": 1.5, "c": True, "d": None, "e": "007", "f": 31},
        ),
        ("d: 2020-01-31\n", {"d": datetime.date(2020, 1, 31)}),
        ("a: !!str 12\nb: !!int '12'\n", {"a": "12", "b": 12}),
        ("base: &b {x: 1}\nc:\n  <<: *b\n  y: 2\n", {"base": {"x": 1}, "c": {"x": 1, "y": 2}}),
        ('{"answers": {"x.y": "text"}}', {"answers": {"x.y": "text"}}),
        ("1: one\n2: two\n", {1: "one", 2: "two"}),
    ],
)
def test_plain_yaml_and_json_load(text: str, expected: object) -> None:
    """Plain YAML (scalars, standard tags, merge keys) and JSON load as plain data."""
    assert _load(text).data == expected


def test_merge_keys_record_where_merged_values_stand() -> None:
    """A merged value's mark is where it is written, in the anchored mapping."""
    loaded = _load("base: &b {x: 1}\nc:\n  <<: *b\n  y: 2\n")
    assert loaded.mark(("c", "x")) == Mark(1, 14)
    assert loaded.mark(("c", "y")) == Mark(4, 6)


def test_a_key_may_override_a_merged_key() -> None:
    """YAML merge keys give defaults that the mapping's own keys override."""
    assert _load("base: &b {x: 1}\nc:\n  <<: *b\n  x: 2\n").data == {"base": {"x": 1}, "c": {"x": 2}}


REFUSED = [
    pytest.param("a: 1\nb: 2\na: 3\n", "duplicate key 'a'", 3, 1, id="duplicate key"),
    pytest.param(
        "rules:\n  - id: x\n    weight: 1\n    id: y\n", "duplicate key 'id'", 4, 5, id="nested duplicate"
    ),
    pytest.param('{"a": 1, "a": 2}', "duplicate key 'a'", 1, 10, id="duplicate JSON key"),
    pytest.param("yes: 1\ntrue: 2\n", "duplicate key True", 2, 1, id="duplicate after resolving"),
    pytest.param(
        "a: !!python/object:os.system {}\n",
        "tag 'tag:yaml.org,2002:python/object:os.system' is not allowed",
        1,
        4,
        id="python/object",
    ),
    pytest.param(
        'a: !!python/object/apply:os.system ["echo hi"]\n',
        "tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed",
        1,
        4,
        id="python/object/apply",
    ),
    pytest.param(
        "x:\n  - !!python/name:os.system\n",
        "tag 'tag:yaml.org,2002:python/name:os.system' is not allowed",
        2,
        5,
        id="python/name",
    ),
    pytest.param(
        "a: !!python/tuple [1]\n", "tag 'tag:yaml.org,2002:python/tuple' is not allowed", 1, 4, id="tuple"
    ),
    pytest.param("a: !custom 1\n", "tag '!custom' is not allowed", 1, 4, id="local tag"),
    pytest.param(
        "a: !!binary aGVsbG8=\n", "tag 'tag:yaml.org,2002:binary' is not allowed", 1, 4, id="binary"
    ),
    pytest.param("a: !!set {x: null}\n", "tag 'tag:yaml.org,2002:set' is not allowed", 1, 4, id="set"),
    pytest.param("a: !!omap [x: 1]\n", "tag 'tag:yaml.org,2002:omap' is not allowed", 1, 4, id="omap"),
    pytest.param("? [a, b]\n: 1\n", "a mapping key must be a plain value", 1, 3, id="list as key"),
    pytest.param(
        "a: [1, 2\nb: 3\n", "invalid YAML: expected ',' or ']', but got ':'", 2, 2, id="unclosed list"
    ),
    pytest.param(
        "a: b: c\n", "invalid YAML: mapping values are not allowed here", 1, 5, id="mapping in scalar"
    ),
    pytest.param(
        "a:\n\t- 1\n", "invalid YAML: found character '\\t' that cannot start any token", 2, 1, id="tab"
    ),
    pytest.param('a: "open\n', "invalid YAML: found unexpected end of stream", 2, 1, id="unclosed quote"),
    pytest.param("a: 1\n---\nb: 2\n", "invalid YAML: but found another document", 2, 1, id="two documents"),
    pytest.param(
        "---\na: 1\n...\n---\nb: 2\n", "invalid YAML: but found another document", 4, 1, id="explicit"
    ),
]


@pytest.mark.parametrize(("text", "message", "line", "column"), REFUSED)
def test_unsafe_or_invalid_yaml_is_an_input_error_at_its_place(
    text: str, message: str, line: int, column: int
) -> None:
    """Duplicate keys, object tags, invalid YAML and extra documents are InputErrors at line and column."""
    with pytest.raises(InputError) as raised:
        _load(text)
    assert raised.value.message == message
    assert (raised.value.path, raised.value.line, raised.value.column) == ("report.yaml", line, column)


@pytest.mark.parametrize("error_type", [InputError, RuleError])
def test_errors_have_the_type_asked_for(error_type: type[CheckerError]) -> None:
    """load_yaml raises the error type its caller names, e.g. RuleError for a rule pack."""
    with pytest.raises(error_type) as raised:
        load_yaml("a: 1\na: 2\n", "f.yaml", error_type)
    assert type(raised.value) is error_type
    assert str(raised.value) == "f.yaml:2:1: duplicate key 'a'"


def _billion_laughs(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, levels)]
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused() -> None:
    """Aliases that expand beyond any real report ("billion laughs") are an InputError, not a hang."""
    with pytest.raises(InputError) as raised:
        _load(_billion_laughs())
    assert raised.value.message == "document expands to too many values"
    assert raised.value.hint == "aliases repeated beyond any real report"
    assert raised.value.line == 1


def test_a_few_aliases_are_read() -> None:
    """Aliases within the budget expand into plain data."""
    assert _load(_billion_laughs(levels=2)).data["a1"] == [["lol"] * 9] * 9


_TOO_MUCH_TEXT = "document expands to too much text"


def test_aliases_of_a_long_text_are_refused_by_characters() -> None:
    """A long text repeated by aliases is refused by the characters it expands to, though its values are
    few (6,000 aliases of 10,000 characters: 60 million), at the node where the budget ran out."""
    text = "answer: &a '" + "x" * 10_000 + "'\nrepeated: [" + ", ".join(["*a"] * 6000) + "]\n"
    with pytest.raises(InputError) as raised:
        _load(text)
    assert raised.value.message == _TOO_MUCH_TEXT
    assert raised.value.hint == (
        f"over {limits.MAX_YAML_CHARACTERS:,} characters with its aliases expanded: "
        "aliases repeated beyond any real report"
    )
    assert (raised.value.path, raised.value.line, raised.value.column) == ("report.yaml", 1, 9)
    assert str(raised.value).count("\n") == 0


@pytest.mark.parametrize(
    ("text", "characters"),
    [
        pytest.param("a: &t abcd\nb: [*t, *t]\n", 1 + 4 + 1 + 4 + 4, id="each alias counts"),
        pytest.param("d: &d {key: val}\ne: *d\n", 1 + 3 + 3 + 1 + 3 + 3, id="a mapping's keys count"),
        pytest.param("d: &d {k: v}\ne: {<<: *d, x: y}\n", 1 + 2 + 1 + 2 + 2, id="merged keys count"),
        pytest.param('q: "\\x41\\u00e9"\n', 1 + 2, id="a value counts as read, not as written"),
    ],
)
@pytest.mark.parametrize("error_type", [InputError, RuleError])
def test_every_character_reached_counts_once_each_time(
    text: str, characters: int, error_type: type[CheckerError]
) -> None:
    """Each scalar, key or value, counts its characters every time it is reached, through an alias as
    directly: the document is read up to the limit and refused one character past it, a rule pack as a
    submission."""
    with mock.patch.object(limits, "MAX_YAML_CHARACTERS", characters):
        load_yaml(text, "f.yaml", error_type)
    with (
        mock.patch.object(limits, "MAX_YAML_CHARACTERS", characters - 1),
        pytest.raises(error_type) as raised,
    ):
        load_yaml(text, "f.yaml", error_type)
    assert type(raised.value) is error_type
    assert raised.value.message == _TOO_MUCH_TEXT


def test_the_bundled_rule_pack_is_far_below_the_character_budget() -> None:
    """Rule packs load through the same loader: the bundled pack's largest file, its aliases expanded,
    holds not a hundredth of the characters a document may."""
    from tests.conftest import ROOT

    largest = 0
    for path in sorted((ROOT / "rules").rglob("*.yaml")):
        with mock.patch.object(limits, "MAX_YAML_CHARACTERS", limits.MAX_YAML_CHARACTERS // 100):
            load_yaml(path.read_text(encoding="utf-8"), str(path), RuleError)
        largest = max(largest, path.stat().st_size)
    assert 0 < largest < limits.MAX_YAML_CHARACTERS // 100


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("[" * 5000 + "]" * 5000, "invalid YAML: nesting is too deep to read", id="flow lists"),
        pytest.param(
            "".join("  " * depth + "k:\n" for depth in range(3000)),
            "invalid YAML: nesting is too deep to read",
            id="block mappings",
        ),
        pytest.param("&a [*a]\n", "nesting is too deep to read", id="self-referencing alias"),
    ],
)
def test_nesting_too_deep_is_refused(text: str, message: str) -> None:
    """Nesting deeper than can be walked is an InputError naming the file, not a RecursionError."""
    with pytest.raises(InputError) as raised:
        _load(text)
    assert raised.value.message == message
    assert raised.value.path == "report.yaml"


@pytest.mark.parametrize(
    ("text", "line"),
    [
        pytest.param("a: \x07\n", 1, id="control character"),
        pytest.param("a: ok\nb: \x00\n", 2, id="NUL character"),
        pytest.param("a: \ud800\n", 1, id="lone surrogate"),
        pytest.param("date: 2020-02-30\n", 1, id="impossible date"),
        pytest.param("d: 2020-13-01\n", 1, id="impossible month"),
        pytest.param("n: !!int abc\n", 1, id="int tag on text"),
        pytest.param("n: !!float abc\n", 1, id="float tag on text"),
        pytest.param("b: !!bool maybe\n", 1, id="bool tag on text"),
        pytest.param("t: !!timestamp nope\n", 1, id="timestamp tag on text"),
    ],
)
def test_unreadable_characters_and_scalars_are_input_errors(text: str, line: int) -> None:
    """Characters YAML forbids and values their tag cannot build are InputErrors, never another traceback."""
    with pytest.raises(InputError) as raised:
        _load(text)
    assert (raised.value.path, raised.value.line) == ("report.yaml", line)


# ── properties ───────────────────────────────────────────────────────────────────────────────────


@settings(max_examples=examples(200), deadline=None)
@given(st.text())
@example("a: \x07")
def test_load_yaml_on_any_text_returns_or_raises_input_error(text: str) -> None:
    """load_yaml on arbitrary text returns loaded data or raises InputError, nothing else."""
    try:
        loaded = _load(text)
    except InputError as error:
        assert error.path == "report.yaml"
        return
    assert isinstance(loaded, SourceYaml)


# YAML's own punctuation, a few letters, and only the digit 1 (so that no impossible date can be written)
# and no "!" (so that no tag is): what stays is what the bug above does not reach.
_YAMLISH = st.text(alphabet=st.sampled_from(list("ab1 -:,[]{}&*<#|>'\"?.%@`~\n\t")))


@settings(max_examples=examples(200), deadline=None)
@given(_YAMLISH)
@example("a: &x [*x]\n")
@example("- [\n")
def test_load_yaml_on_yaml_shaped_text_returns_or_raises_input_error(text: str) -> None:
    """load_yaml on YAML-shaped text without tags or dates returns data or raises InputError only."""
    try:
        loaded = _load(text)
    except InputError as error:
        assert error.path == "report.yaml"
        return
    assert isinstance(loaded, SourceYaml)


@settings(max_examples=examples(200), deadline=None)
@given(_YAMLISH.filter(lambda text: "*" not in text))
@example('a: "\\x41"\nb: |+\n  one\n\n\n')
@example("d: {k: v}\ne: {<<: {k: w}, x: y}\n")
def test_without_aliases_a_document_expands_to_no_more_characters_than_it_has(text: str) -> None:
    """What makes the character budget safe to tie to the file size: without aliases, no document
    expands to more characters than its own text holds."""
    with mock.patch.object(limits, "MAX_YAML_CHARACTERS", len(text)):
        try:
            _load(text)
        except InputError as error:
            assert error.message != _TOO_MUCH_TEXT
