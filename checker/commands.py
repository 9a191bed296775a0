"""What each command does, given its settings and the streams to write to. The CLI only parses options
into settings and calls these; everything here is testable without click.

A report that cannot be read is a result: it is told on stderr and the other reports are still audited,
and the exit code says so. A broken rule pack is fatal: CheckerError propagates to the CLI.
"""

from __future__ import annotations

import contextlib
import difflib
import gc
import json
import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TextIO

from checker.config import Config
from checker.errors import CheckerError, ExitCode, UsageError, printable
from checker.model import AuditResult, DocumentAudit, Rule, RulePack, Status
from checker.output import write_atomic
from checker.reporters.options import RenderOptions, View
from checker.settings import AuditSettings, DraftSettings

__all__ = [
    "Streams",
    "audit",
    "compile_baseline",
    "diff_reports",
    "explain",
    "init_draft",
    "list_rules",
    "load_configuration",
    "print_schema",
    "show_config",
    "show_rule",
    "test_rules",
    "validate_rules",
    "write_baseline",
]

PROGRAM = "ilo-check"


@dataclass(frozen=True)
class Streams:
    """Where the report goes (out) and where messages go (err)."""

    out: TextIO
    err: TextIO

    def warn(self, message: str) -> None:
        """A warning line on stderr."""
        self.err.write(f"{PROGRAM}: warning: {printable(message)}\n")

    def error(self, error: CheckerError | str) -> None:
        """An error line on stderr."""
        self.err.write(f"{PROGRAM}: error: {printable(str(error))}\n")


def _deliver(text: str | bytes, output: str | None, streams: Streams) -> None:
    """The report to its file (atomically) or to stdout; UsageError when stdout refuses it (a full disk,
    a closed stdout, an encoding that cannot hold it, a terminal asked to show a binary format). A
    reader that went away (`| head`) is not an error: BrokenPipeError goes up, for the command line to
    end quietly."""
    if output is not None:
        write_atomic(output, text)
        return
    try:
        if isinstance(text, bytes):
            _write_binary(text, streams)
        else:
            streams.out.write(text)
        streams.out.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        raise UsageError(f"cannot write the report: {error.strerror or error}", path="stdout") from None
    except UnicodeEncodeError as error:
        unwritable = error.object[error.start : error.end]
        raise UsageError(
            f"cannot write the report in {error.encoding}: it holds {unwritable!r}",
            path="stdout",
            hint="set PYTHONIOENCODING=utf-8, or give --output FILE",
        ) from None


def _write_binary(content: bytes, streams: Streams) -> None:
    """A binary format (a spreadsheet, a Word file) to stdout's bytes, never to a terminal."""
    if streams.out.isatty():
        raise UsageError(
            "is a binary format; not written to a terminal", path="stdout", hint="give --output FILE"
        )
    streams.out.flush()
    streams.out.buffer.write(content)


def _read_by_the_run(settings: AuditSettings, reports: Sequence[str]) -> Iterator[tuple[str, str]]:
    """Every file the run reads, with what it is to the run: its reports (standard input among them),
    the baseline, the configuration file and its rule packs' files."""
    from checker.packcache import yaml_files
    from checker.readers import STDIN
    from checker.rules import bundled_pack_dir

    for path in reports:
        yield (
            path,
            "the standard input being audited" if path == STDIN else "a report being audited",
        )
    if settings.gate.baseline:
        yield settings.gate.baseline, "the baseline"
    if settings.config:
        yield settings.config, "the configuration file"
    for folder in settings.rules or (str(bundled_pack_dir()),):
        with contextlib.suppress(OSError):
            yield from ((str(path), "a file of the rule pack") for path in yaml_files(Path(folder)))


def _overwrites(output: os.stat_result, path: str) -> bool:
    """Whether writing the file of status `output` would overwrite the input `path`."""
    from checker.readers import STDIN

    try:
        read = os.fstat(0) if path == STDIN else os.stat(path)
    except OSError:
        return False  # not open, or gone: the run will tell
    # A terminal is standard input and output at once, and is not lost by being written to.
    return os.path.samestat(output, read) and not stat.S_ISCHR(read.st_mode)


def _keep_inputs(settings: AuditSettings, reports: Sequence[str]) -> None:
    """UsageError when the output is a file the run reads: a result written over a draft, the
    standard input a report is read from (``0<> report.txt``), a baseline or a configuration would lose
    it."""
    if settings.output is None:
        return
    try:
        output = os.stat(settings.output)
    except OSError:
        return  # a new file: no input is lost
    for path, what in _read_by_the_run(settings, reports):
        if _overwrites(output, path):
            raise UsageError(
                f"is {what}; not overwritten", path=settings.output, hint="write the result elsewhere"
            )


def _load(rules: Sequence[str]) -> RulePack:
    from checker.rules import load_packs

    pack = load_packs(rules)
    # A command runs once in its process and its pack lives as long: kept out of the cyclic collector's
    # sight, the pack's hundred thousand objects are not walked again by every full collection.
    gc.freeze()
    return pack


def _rule(pack: RulePack, item_id: str) -> Rule:
    """The pack's rule for `item_id`; UsageError naming the nearest id when there is none."""
    if item_id not in pack.item_ids:
        close = difflib.get_close_matches(item_id, pack.item_ids, n=1)
        raise UsageError(
            f"no item {item_id!r} in the {pack.name} pack",
            hint=f"did you mean {close[0]!r}?" if close else "see 'ilo-check rules list'",
        )
    return pack.rule(item_id)


def load_configuration(path: str | None, use: bool) -> Config:
    """The configuration: the file named, else the one found from the working directory, else none."""
    from checker.config import find_config, load_config
    from checker.files import not_a_file

    if not use:
        if path is not None:
            raise UsageError("--config and --no-config exclude each other")
        return Config()
    if path is None:
        found = find_config()
        return load_config(found) if found is not None else Config()
    if kind := not_a_file(Path(path)):
        raise UsageError(f"{kind}, not a configuration file", path=path)
    if not Path(path).is_file():
        raise UsageError("no such configuration file", path=path)
    return load_config(Path(path))


def _scope(pack: RulePack, settings: AuditSettings) -> list[Rule] | None:
    """The rules `select` and `ignore` leave in the audit; None for all of them."""
    if not settings.select and not settings.ignore:
        return None
    from checker.gate import resolve_items

    origins = settings.origins
    chosen = (
        set(resolve_items(settings.select, pack, origins.of("select")))
        if settings.select
        else set(pack.item_ids)
    )
    chosen -= set(resolve_items(settings.ignore, pack, origins.of("ignore")))
    if not chosen:
        raise UsageError("--select and --ignore leave no item to audit")
    return [rule for rule in pack.rules if rule.id in chosen]


def _forced(settings: AuditSettings) -> str | None:
    """The language the settings force on every report; None where each one's is to be identified."""
    from checker.language.identify import AUTO

    return None if settings.language == AUTO else settings.language


def _tell(result: DocumentAudit, streams: Streams) -> None:
    """A submission's warnings, and the suppressions it did not need."""
    for warning in result.warnings:
        streams.warn(f"{result.source}: {warning}")
    for suppression in result.suppressions:
        finding = next((f for f in result.findings if f.item_id == suppression.item_id), None)
        if finding is not None and finding.status is Status.REPORTED:
            streams.warn(f"{suppression.origin}: unused suppression: {suppression.item_id} is reported")


def _audit_all(settings: AuditSettings, pack: RulePack, streams: Streams) -> tuple[list[DocumentAudit], bool]:
    """Every submission the arguments name, audited (in parallel when there are several), in order; and
    whether any could not be."""
    from checker.batch import Job, Task, audit_all, jobs_allowed, submissions
    from checker.identity import repository_path
    from checker.progress import progress

    paths, problems = submissions(settings.paths, settings.selection)
    _keep_inputs(settings, paths)
    for problem in problems:
        streams.error(problem)
    if not paths and not problems:  # only with --force-exclude: as ruff, a warning, not an error
        streams.warn("no report to audit: every file named is excluded (--force-exclude)")
    rules = _scope(pack, settings)
    job = Job(
        pack,
        tuple(rules) if rules is not None else None,
        settings.input_format,
        settings.render.view is View.UNMATCHED,
        _forced(settings),
    )
    tasks = [
        Task(path, tuple(item.suppression() for item in settings.suppressions if item.applies_to(path)))
        for path in paths
    ]
    jobs, lowered = jobs_allowed(settings.jobs)
    if lowered:
        streams.warn(lowered)
    audits, failed = [], bool(problems)
    with progress(streams.err, len(tasks)) as bar:
        told = Streams(streams.out, bar.stream)
        for outcome in audit_all(job, tasks, jobs, lambda _: bar.advance()):
            if outcome.audit is None:
                told.error(outcome.error or outcome.path)
                failed = True
                continue
            _tell(outcome.audit, told)
            identity = replace(outcome.audit.identity, path=repository_path(outcome.path))
            audits.append(replace(outcome.audit, identity=identity))
    return audits, failed


def _run(settings: AuditSettings, streams: Streams) -> tuple[AuditResult | None, RulePack, bool]:
    """Audit every submission and judge the gate; the result (None if nothing could be read)."""
    pack = _load(settings.rules)
    # A broken baseline is fatal, and known before any report is read. The baseline's and the gate's
    # modules are imported only by a run that has them.
    baseline = None
    if settings.gate.baseline:
        from checker.baseline import load_baseline

        baseline = load_baseline(settings.gate.baseline)
    if baseline is not None and (warning := baseline.other_rules(pack)):
        streams.warn(warning)
    audits, failed = _audit_all(settings, pack, streams)
    if not audits:
        return None, pack, failed
    result = AuditResult(pack.name, pack.version, tuple(audits))
    if settings.gate.active:
        from checker.gate import judge

        gate = judge(result, pack, settings.gate, baseline)
        for warning in gate.warnings:
            streams.warn(warning)
        result = replace(result, gate=gate)
    return result, pack, failed


def _check_view(output_format: str, view: View) -> None:
    """UsageError when the format does not honour the view: a view is refused, never ignored."""
    from checker.reporters import REPORTERS

    views = REPORTERS[output_format].views
    if view not in views:
        shown = ", ".join(each.value for each in View if each in views)
        raise UsageError(
            f"--show {view.value} is not available with --format {output_format}",
            hint=f"--format {output_format} shows: {shown}",
        )


def _same_file(path: str, source: str) -> bool:
    """Whether `path` names the report read from `source` (``./a.md`` is ``a.md``)."""
    if os.path.normpath(path) == os.path.normpath(source):
        return True
    try:
        return os.path.samefile(path, source)
    except OSError:  # either is not a file: standard input, a file gone
        return False


def _labelled(render: RenderOptions, audits: Sequence[DocumentAudit]) -> RenderOptions:
    """The render options with each `--label` given to the report it names, by its source as the
    reporters know it; UsageError for a label that names no report audited."""
    labels = []
    for path, name in render.labels:
        audit = next((audit for audit in audits if _same_file(path, audit.source)), None)
        if audit is None:
            shown = ", ".join(printable(audit.source) for audit in audits[:3]) + ", ..." * (len(audits) > 3)
            raise UsageError("--label names a report not audited", path=path, hint=f"audited: {shown}")
        labels.append((audit.source, name))
    return replace(render, labels=tuple(labels))


def audit(settings: AuditSettings, streams: Streams) -> ExitCode:
    """Audit every submission, write the report (or, quiet, the verdict alone), judge the gate. Exit 2
    if a submission could not be read, else 1 if the gate failed, else 0."""
    from checker.reporters import renderer
    from checker.reporters.findings import verdict

    report = not settings.quiet or settings.output is not None
    if report:
        _check_view(settings.format, settings.render.view)
    result, pack, failed = _run(settings, streams)
    if result is not None:
        render = _labelled(settings.render, result.audits)
        if report:
            worded = _in_report_language(result, pack)
            _deliver(renderer(settings.format)(result, worded, render), settings.output, streams)
        if settings.quiet:  # the verdict says how the gate went: no line of its own on stderr
            _deliver("".join(f"{line}\n" for line in verdict(result)), None, streams)
        elif result.gate is not None and not result.gate.passed:
            streams.err.write(f"{PROGRAM}: gate failed: " + "; ".join(result.gate.failures) + "\n")
    if failed:
        return ExitCode.ERROR
    return (
        ExitCode.GATE_FAILED if result is not None and result.gate and not result.gate.passed else ExitCode.OK
    )


def _in_report_language(result: AuditResult, pack: RulePack) -> RulePack:
    """The pack with its items worded in the language every audited report is written in (their
    questions and guidance in `--show gaps`, their labels in the matrix); in the pack's own language
    when the reports are in several, or in one it has no wording for."""
    languages = {audit.language for audit in result.audits}
    language = languages.pop() if len(languages) == 1 else None
    return pack.worded(language) if language is not None and language in pack.languages else pack


def write_baseline(target: str, settings: AuditSettings, streams: Streams) -> ExitCode:
    """Audit the submissions and write the JSON result to `target`, atomically, as a baseline. Nothing
    is written unless every submission is read (each that is not has its line on stderr): a baseline
    without a report would let that report lose every answer unnoticed."""
    from checker.reporters import renderer

    settings = replace(settings, gate=replace(settings.gate, baseline=None), output=target)
    result, pack, failed = _run(settings, streams)
    if result is None or failed:
        return ExitCode.ERROR
    write_atomic(target, renderer("json")(result, pack, settings.render))
    streams.err.write(f"{PROGRAM}: wrote baseline {target}\n")
    return ExitCode.OK


def show_config(path: str | None, use: bool, streams: Streams) -> ExitCode:
    """The effective configuration, as YAML, with the file it came from."""
    import yaml

    from checker.settings import effective

    config = load_configuration(path, use)
    values = effective({}, config)
    # The excludes in effect, as one list: what extend-exclude adds is shown where it takes effect.
    values["exclude"] = [*values["exclude"], *(values.pop("extend-exclude", None) or ())]
    if config.suppressions:
        values["suppress"] = [
            {"item": item.item_id, "reason": item.reason, **({"files": item.files} if item.files else {})}
            for item in config.suppressions
        ]
    origin = config.origin or "no configuration file found; defaults"
    text = yaml.safe_dump(values, sort_keys=True, allow_unicode=True, default_flow_style=False)
    _deliver(f"# {origin}\n{text}", None, streams)
    return ExitCode.OK


def _worded(rules: Sequence[str], language: str | None) -> RulePack:
    """The pack, its items worded in `language` (the pack's own by default); UsageError when it has no
    wording in that language."""
    pack = _load(rules)
    if language is None:
        return pack
    if language not in pack.languages:
        read = ", ".join(pack.languages)
        raise UsageError(f"the {pack.name} pack's items are worded in {read}, not {language!r}")
    return pack.worded(language)


def list_rules(
    rules: Sequence[str], language: str | None, options: RenderOptions, streams: Streams
) -> ExitCode:
    """The table of items of the pack, worded in `language`."""
    from checker.reporters.pack import render_list

    _deliver(render_list(_worded(rules, language), options), None, streams)
    return ExitCode.OK


def show_rule(
    item_id: str, rules: Sequence[str], language: str | None, options: RenderOptions, streams: Streams
) -> ExitCode:
    """Everything about one item, worded in `language`."""
    from checker.reporters.pack import render_rule

    pack = _worded(rules, language)
    _deliver(render_rule(_rule(pack, item_id), options), None, streams)
    return ExitCode.OK


def validate_rules(rules: Sequence[str], streams: Streams) -> ExitCode:
    """Validate each pack (the bundled one when none is named). Every problem found is a line of its own
    on stderr, at its FILE:LINE:COL, then how many a pack has: exit 2. A sound pack gets one line on
    stdout saying what it holds."""
    from checker.rules import bundled_pack_dir, pack_problems

    folders: Sequence[str | Path] = rules or [bundled_pack_dir()]
    failed = False
    for folder in folders:
        problems = pack_problems(folder)
        for problem in problems:
            streams.error(problem)
        if problems:
            count = f"{len(problems)} error{'s' if len(problems) > 1 else ''}"
            streams.err.write(f"{PROGRAM}: {count} in {printable(str(folder))}\n")
            failed = True
    if failed:
        return ExitCode.ERROR
    # Each pack is sound; used together, two may still clash (an item both define): fatal, one line.
    pack = _load(rules)
    examples = sum(len(rule.examples) for rule in pack.rules)
    told = f"{pack.origin}: ok: {pack.name} {pack.version}, {len(pack.rules)} rules, {examples} examples\n"
    _deliver(told, None, streams)
    return ExitCode.OK


def test_rules(
    rules: Sequence[str], selected: tuple[str, ...], options: RenderOptions, streams: Streams
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
    # The selected rules' examples are judged with the whole pack: an example in a form's field needs
    # the form, whose fields name the other rules.
    chosen = [rule for rule in pack.rules if not selected or rule.id in selected]
    outcomes = list(run_examples(pack, chosen))
    lacking = {rule.id: missing for rule in chosen if (missing := lacking_examples(rule, pack))}
    _deliver(render_examples(chosen, outcomes, lacking, options), None, streams)
    failed = any(not outcome.passed for outcome in outcomes) or bool(lacking)
    return ExitCode.GATE_FAILED if failed else ExitCode.OK


def explain(path: str, item_id: str, settings: AuditSettings, streams: Streams) -> ExitCode:
    """Why one item of one submission got its status."""
    from checker.engine import audit as audit_document
    from checker.readers import read_file
    from checker.reporters.explain import render_explanation

    if os.path.isdir(path):
        # `audit` takes a folder, and so the user may expect explain to; one file's item is explained.
        raise UsageError(
            "explain needs one file, not a folder",
            path=path,
            hint="name one report in it; audit reads folders",
        )
    pack = _load(settings.rules)
    rule = _rule(pack, item_id)
    _keep_inputs(settings, [path])
    result = audit_document(read_file(path, settings.input_format), pack, language=_forced(settings))
    finding = next(finding for finding in result.findings if finding.item_id == item_id)
    _deliver(render_explanation(result, finding, rule, settings.render), settings.output, streams)
    return ExitCode.OK


def _compared_pair(
    old: str, new: str, settings: AuditSettings, pack: RulePack, streams: Streams
) -> tuple[DocumentAudit, DocumentAudit] | None:
    """OLD and NEW as audited with `pack` (one audit when they are one file), or as a saved result
    (`audit --format json --output FILE`) audited them; None when one could not be read (told on stderr)."""
    from checker.baseline import other_rules, saved_audit
    from checker.errors import InputError
    from checker.readers import STDIN

    for path in (old, new):
        if os.path.isdir(path):
            raise UsageError("diff compares two files, not a folder", path=path, hint="name one report")
        if not os.path.exists(path):  # not a pattern, as audit reads it: a file of each side
            hint = "diff reads two files, not standard input" if path == STDIN else None
            raise InputError("no such file", path=path, hint=hint)
    saved = {path: found for path in (old, new) if (found := saved_audit(path)) is not None}
    for path, (rules, _) in saved.items():
        if warning := other_rules(path, rules, pack, "saved result"):
            streams.warn(warning)
    to_audit = tuple(dict.fromkeys(path for path in (old, new) if path not in saved))
    audits, failed = _audit_all(replace(settings, paths=to_audit), pack, streams) if to_audit else ([], False)
    if failed:
        return None
    audited = {path: audit for path, audit in zip(to_audit, audits, strict=True)}
    return (
        saved[old][1] if old in saved else audited[old],
        saved[new][1] if new in saved else audited[new],
    )


def diff_reports(
    old: str, new: str, settings: AuditSettings, fail_on_regression: bool, streams: Streams
) -> ExitCode:
    """How the report NEW moved from OLD (a year's report and the next, a draft before and after review),
    both audited with the same pack, or either saved as `audit --format json` saved it: exit 1 with
    `fail_on_regression` when an item's status or a score fell, else 0."""
    from checker.comparison import compare_audits
    from checker.reporters.diff_formats import diff_renderer

    pack = _load(settings.rules)
    _keep_inputs(settings, [old, new])  # a saved result is read, not audited, and is kept as well
    pair = _compared_pair(old, new, settings, pack, streams)
    if pair is None:
        return ExitCode.ERROR
    comparison = compare_audits(*pair)
    worded = _in_report_language(AuditResult(pack.name, pack.version, pair), pack)
    _deliver(diff_renderer(settings.format)(comparison, worded, settings.render), settings.output, streams)
    return ExitCode.GATE_FAILED if fail_on_regression and comparison.regressions else ExitCode.OK


def print_schema(kind: str, rules: Sequence[str], output: str | None, streams: Streams) -> ExitCode:
    """A JSON Schema: the submission schema of the pack's items, or one of the shipped ones."""
    from checker.schemas import schema, submission_schema

    data = submission_schema(_load(rules)) if kind == "submission" else schema(kind)
    _deliver(json.dumps(data, indent=2, ensure_ascii=False) + "\n", output, streams)
    return ExitCode.OK


def init_draft(settings: DraftSettings, streams: Streams) -> ExitCode:
    """Write a blank draft with every item's question and guidance."""
    from checker.drafts import DRAFT_FORMATS

    pack = _worded(settings.rules, settings.language)
    text = DRAFT_FORMATS[settings.format](pack, settings.country, settings.year, settings.language)
    if settings.output is None:
        _deliver(text, None, streams)
    else:
        write_atomic(settings.output, text, replace=settings.force)
        streams.err.write(f"{PROGRAM}: wrote {settings.output}\n")
    return ExitCode.OK


def compile_baseline(output_format: str | None, settings: AuditSettings, streams: Streams) -> ExitCode:
    """Draft the ILO country baseline of one report from its audit, in `output_format` (Markdown by
    default, Word where the output's name ends with .docx), to the output or stdout. Exit 2 if the
    report cannot be read (its line on stderr)."""
    from checker.batch import submissions
    from checker.country_baseline import compile_baseline as draft
    from checker.reporters.baseline_formats import baseline_format, baseline_writer

    report = settings.paths[0]
    if os.path.isdir(report):
        raise UsageError("compile needs one report, not a folder", path=report, hint="name one report in it")
    named, _ = submissions(settings.paths, settings.selection)
    if len(named) > 1:
        raise UsageError(
            f"names {len(named)} reports; a baseline is drafted from one",
            path=report,
            hint="name one of them",
        )
    result, pack, failed = _run(settings, streams)
    if result is None or failed:
        return ExitCode.ERROR
    baseline = draft(result.audits[0], pack)
    written = baseline_writer(baseline_format(output_format, settings.output))(baseline)
    _deliver(written, settings.output, streams)
    if settings.output is not None:
        streams.err.write(f"{PROGRAM}: wrote {printable(settings.output)}\n")
    return ExitCode.OK
