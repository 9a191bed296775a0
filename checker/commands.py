"""What each command does, given its settings and the streams to write to. The CLI only parses options
into settings and calls these; everything here is testable without click.

A report that cannot be read is a result: it is told on stderr and the other reports are still audited,
and the exit code says so. A broken rule pack is fatal: CheckerError propagates to the CLI.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TextIO

from checker.errors import CheckerError, ExitCode, UsageError
from checker.model import AuditResult, DocumentAudit, RulePack
from checker.output import write_atomic
from checker.reporters.options import RenderOptions, View
from checker.settings import AuditSettings, DraftSettings

__all__ = [
    "Streams",
    "audit",
    "explain",
    "init_draft",
    "list_rules",
    "print_schema",
    "show_rule",
    "test_rules",
    "validate_rules",
]

PROGRAM = "ilo-check"


@dataclass(frozen=True)
class Streams:
    """Where the report goes (out) and where messages go (err)."""

    out: TextIO
    err: TextIO

    def warn(self, message: str) -> None:
        """A warning line on stderr."""
        self.err.write(f"{PROGRAM}: warning: {message}\n")

    def error(self, error: CheckerError | str) -> None:
        """An error line on stderr."""
        self.err.write(f"{PROGRAM}: error: {error}\n")


def _deliver(text: str, output: str | None, streams: Streams) -> None:
    """The report to its file (atomically) or to stdout."""
    if output is None:
        streams.out.write(text)
        streams.out.flush()
    else:
        write_atomic(output, text)


def _load(rules: str | None) -> RulePack:
    from checker.rules import load_rules

    return load_rules(rules)


def _audit_all(
    paths: Iterable[str], settings: AuditSettings, pack: RulePack, streams: Streams
) -> tuple[list[DocumentAudit], bool]:
    from checker.engine import audit as audit_document
    from checker.readers import read_file

    audits, failed = [], False
    for path in paths:
        try:
            document = read_file(path, settings.input_format)
        except CheckerError as error:
            streams.error(error)
            failed = True
            continue
        result = audit_document(document, pack, keep_unmatched=settings.render.view is View.UNMATCHED)
        for warning in result.warnings:
            streams.warn(f"{path}: {warning}")
        audits.append(result)
    return audits, failed


def audit(settings: AuditSettings, streams: Streams) -> ExitCode:
    """Audit every submission and write the report; exit 2 if any could not be read."""
    from checker.reporters import renderer

    pack = _load(settings.rules)
    audits, failed = _audit_all(settings.paths, settings, pack, streams)
    if audits:
        result = AuditResult(pack.name, pack.version, tuple(audits))
        _deliver(renderer(settings.format)(result, pack, settings.render), settings.output, streams)
    return ExitCode.ERROR if failed else ExitCode.OK


def list_rules(rules: str | None, options: RenderOptions, streams: Streams) -> ExitCode:
    """The table of items of the pack."""
    from checker.reporters.pack import render_list

    _deliver(render_list(_load(rules), options), None, streams)
    return ExitCode.OK


def show_rule(item_id: str, rules: str | None, options: RenderOptions, streams: Streams) -> ExitCode:
    """Everything about one item."""
    from checker.reporters.pack import render_rule

    pack = _load(rules)
    if item_id not in pack.item_ids:
        close = difflib.get_close_matches(item_id, pack.item_ids, n=1)
        raise UsageError(
            f"no item {item_id!r} in the {pack.name} pack",
            hint=f"did you mean {close[0]!r}?" if close else "see 'ilo-check rules list'",
        )
    _deliver(render_rule(pack.rule(item_id), options), None, streams)
    return ExitCode.OK


def validate_rules(rules: str | None, streams: Streams) -> ExitCode:
    """Load and validate a pack; one line saying what it holds."""
    pack = _load(rules)
    examples = sum(len(rule.examples) for rule in pack.rules)
    streams.out.write(
        f"{pack.origin}: ok: {pack.name} {pack.version}, {len(pack.rules)} rules, {examples} examples\n"
    )
    return ExitCode.OK


def test_rules(
    rules: str | None, selected: tuple[str, ...], options: RenderOptions, streams: Streams
) -> ExitCode:
    """Run the rules' own examples; exit 1 when any fails or a rule lacks the examples it needs."""
    from checker.examples import lacking_examples, run_examples
    from checker.reporters.pack import render_examples

    pack = _load(rules)
    if selected:
        unknown = [item for item in selected if item not in pack.item_ids]
        if unknown:
            raise UsageError(
                f"no item {unknown[0]!r} in the {pack.name} pack", hint="see 'ilo-check rules list'"
            )
        pack = RulePack(
            pack.name,
            pack.version,
            pack.instrument,
            pack.language,
            pack.areas,
            tuple(rule for rule in pack.rules if rule.id in selected),
            pack.form,
            pack.cues,
            pack.origin,
        )
    outcomes = list(run_examples(pack))
    _deliver(render_examples(pack, outcomes, options), None, streams)
    failed = any(not outcome.passed for outcome in outcomes) or any(
        lacking_examples(rule) for rule in pack.rules
    )
    return ExitCode.GATE_FAILED if failed else ExitCode.OK


def explain(path: str, item_id: str, settings: AuditSettings, streams: Streams) -> ExitCode:
    """Why one item of one submission got its status."""
    from checker.engine import audit as audit_document
    from checker.readers import read_file
    from checker.reporters.explain import render_explanation

    pack = _load(settings.rules)
    if item_id not in pack.item_ids:
        close = difflib.get_close_matches(item_id, pack.item_ids, n=1)
        raise UsageError(
            f"no item {item_id!r} in the {pack.name} pack",
            hint=f"did you mean {close[0]!r}?" if close else "see 'ilo-check rules list'",
        )
    result = audit_document(read_file(path, settings.input_format), pack)
    finding = next(finding for finding in result.findings if finding.item_id == item_id)
    _deliver(
        render_explanation(result, finding, pack.rule(item_id), settings.render), settings.output, streams
    )
    return ExitCode.OK


SCHEMA_KINDS = ("submission", "result", "rule", "pack")


def print_schema(kind: str, rules: str | None, output: str | None, streams: Streams) -> ExitCode:
    """A JSON Schema: the submission schema of the pack's items, or one of the shipped ones."""
    from checker.schemas import schema, submission_schema

    data = submission_schema(_load(rules)) if kind == "submission" else schema(kind)
    _deliver(json.dumps(data, indent=2, ensure_ascii=False) + "\n", output, streams)
    return ExitCode.OK


def init_draft(settings: DraftSettings, streams: Streams) -> ExitCode:
    """Write a blank draft with every item's question and guidance."""
    from checker.drafts import DRAFT_FORMATS

    text = DRAFT_FORMATS[settings.format](_load(settings.rules), settings.country, settings.year)
    if settings.output is None:
        _deliver(text, None, streams)
    else:
        write_atomic(settings.output, text, replace=settings.force)
        streams.err.write(f"{PROGRAM}: wrote {settings.output}\n")
    return ExitCode.OK
