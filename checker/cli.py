"""The command line: options in, settings built, a command run, an exit code out. The only module that
knows click; it decides colour and width from the terminal, and turns every error into one line."""

from __future__ import annotations

import contextlib
import errno
import io
import math
import os
import shutil
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from types import FrameType
from typing import Any, TypeVar

import click
from click.shell_completion import CompletionItem

from checker import __version__
from checker.errors import CheckerError, ExitCode, Terminated, internal_error, printable
from checker.language.identify import AUTO, SUPPORTED
from checker.readers import READERS
from checker.reporters import REPORTERS
from checker.reporters.diff_formats import DIFF_REPORTERS
from checker.reporters.options import RenderOptions, View

__all__ = ["cli", "main"]

F = TypeVar("F", bound=Callable[..., Any])
_DEFAULT_WIDTH = 100


class _ClosedOutput(io.TextIOBase):
    """Standard output when the process was started without one (`>&-`), for which Python leaves None:
    writing the report there is an error, which `--output` avoids."""

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")


def _standard_streams() -> None:
    """Standard output and error, where the process was started without them."""
    if sys.stdout is None:
        sys.stdout = _ClosedOutput()
    if sys.stderr is None:  # nowhere to tell anything: the exit code alone says how it went
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - for the rest of the process


def _streams() -> Any:
    from checker.commands import Streams

    return Streams(sys.stdout, sys.stderr)


def _render_options(color: str, width: int | None, view: str = "all", to_file: bool = False) -> RenderOptions:
    """Colour follows the terminal and NO_COLOR (set and not empty, as no-color.org says) unless forced;
    width follows the terminal."""
    terminal = sys.stdout.isatty() and not to_file
    if color == "auto":
        use_color = terminal and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"
    else:
        use_color = color == "always"
    if width is None:
        width = shutil.get_terminal_size((_DEFAULT_WIDTH, 24)).columns if terminal else _DEFAULT_WIDTH
    encoding = (getattr(sys.stdout, "encoding", None) or "utf-8").lower().replace("-", "")
    return RenderOptions(View(view), use_color, max(width, 60), encoding.startswith("utf") or to_file)


def _rules_option(function: F) -> F:
    return click.option(
        "--rules",
        metavar="DIR",
        multiple=True,
        envvar="ILO_CHECK_RULES",
        help="Use the rule pack in DIR instead of the bundled P029 pack; repeat it to use several packs at "
        "once (the first one's cues apply to all).",
    )(function)


def _pack_ids(context: click.Context, *, areas: bool) -> list[tuple[str, str]]:
    """The ids (and labels) of the pack the command line names so far (its --rules, or the folder a
    command takes), else of the bundled pack; nothing when that pack cannot be loaded: a completion must
    never end in an error on the user's prompt."""
    from checker.rules import load_packs

    folders = context.params.get("directory")
    try:
        pack = load_packs((folders,) if folders else tuple(context.params.get("rules") or ()))
    except Exception:  # whatever is wrong with the pack, the user learns it on running the command
        return []
    ids = [(rule.id, rule.label) for rule in pack.rules]
    return ids + [(area.id, area.label) for area in pack.areas] if areas else ids


def _complete_items(
    context: click.Context, parameter: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """Shell completion of an item id."""
    ids = _pack_ids(context, areas=False)
    return [CompletionItem(name, help=label) for name, label in ids if name.startswith(incomplete)]


def _complete_scope(
    context: click.Context, parameter: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """Shell completion of what --select, --ignore and --require take: an item or an area id."""
    ids = _pack_ids(context, areas=True)
    return [CompletionItem(name, help=label) for name, label in ids if name.startswith(incomplete)]


def _display_options(function: F) -> F:
    function = click.option(
        "--color",
        type=click.Choice(["auto", "always", "never"]),
        default="auto",
        show_default=True,
        help="Colour the output; auto follows the terminal and NO_COLOR.",
    )(function)
    return click.option(
        "--width", type=click.IntRange(60, 400), help="Width of tables (default: the terminal's)."
    )(function)


@click.group(
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, "--version", "-V", prog_name="ilo-check", message="%(prog)s %(version)s")
@click.pass_context
def cli(context: click.Context) -> int:
    """Audit governments' reports to the ILO on the Protocol of 2014 to the Forced Labour Convention
    (P029): a compliance matrix with the evidence for every questionnaire item.

    \b
    Examples:
      ilo-check audit fixtures/seeds/004_9801fec608b1c05e.txt
      ilo-check audit draft.md --show gaps
      ilo-check rules list
      ilo-check init --country Examplestan --year 2025 --format markdown --output draft.md
    """
    if context.invoked_subcommand is None:
        click.echo(context.get_help())
    return ExitCode.OK


def _named(context: click.Context, parameter: click.Parameter, value: str) -> str:
    """A name that is not blank, on one line, with its surrounding white space taken off."""
    if not value.strip():
        raise click.BadParameter("must not be blank")
    if printable(value) != value:  # a line break would end the draft's comment, and begin YAML of its own
        raise click.BadParameter(f"'{printable(value)}' is not one line of text")
    return value.strip()


def _a_number(context: click.Context, parameter: click.Parameter, value: float | None) -> float | None:
    """The value, unless it is NaN, which click's range lets through and which every score would pass."""
    if value is not None and math.isnan(value):
        raise click.BadParameter(f"{value} is not a score from 0 to 100")
    return value


def _area_score(
    context: click.Context, parameter: click.Parameter, values: tuple[str, ...]
) -> dict[str, float]:
    """--fail-under-area AREA=SCORE, repeatable, into a mapping."""
    scores: dict[str, float] = {}
    for value in values:
        area, _, score = value.partition("=")
        try:
            scores[area.strip()] = float(score)
        except ValueError:
            raise click.BadParameter(f"{value!r} is not AREA=SCORE (e.g. protection=70)") from None
        if not area.strip() or not 0 <= scores[area.strip()] <= 100:
            raise click.BadParameter(f"{value!r} is not AREA=SCORE with a score from 0 to 100")
    return scores


_language_option = click.option(
    "--language",
    type=click.Choice([AUTO, *SUPPORTED]),
    help="The language the reports are written in (default: auto, each report's identified, and its "
    "sections' where they differ).",
)


def _audit_options(function: F) -> F:
    """The options shared by audit and baseline write: input, rules, scope, gate, configuration."""
    options = [
        click.option(
            "--input-format", type=click.Choice(list(READERS)), help="Read every FILE in this format."
        ),
        _language_option,
        click.option(
            "--select",
            multiple=True,
            metavar="ITEM",
            shell_complete=_complete_scope,
            help="Audit only these items, areas or globs (repeatable).",
        ),
        click.option(
            "--ignore",
            multiple=True,
            metavar="ITEM",
            shell_complete=_complete_scope,
            help="Leave these items, areas or globs out (repeatable).",
        ),
        click.option(
            "--jobs",
            "-j",
            type=click.IntRange(min=1),
            metavar="N",
            help=(
                "Use N processes: N files at once, or a long report's sentences shared among them "
                "(default: one per core)."
            ),
        ),
        click.option(
            "--exclude",
            multiple=True,
            metavar="GLOB",
            help="Leave out the files and folders GLOB matches when searching a folder or pattern, in place "
            "of the default list (see 'ilo-check config'; repeatable). Without a slash GLOB matches a name "
            "at any depth (README.md, archive), with one the path under the folder searched (drafts/old/**). "
            "A FILE named is audited even if excluded, unless --force-exclude.",
        ),
        click.option(
            "--extend-exclude",
            multiple=True,
            metavar="GLOB",
            help="Leave out GLOB as well as the excluded globs (repeatable).",
        ),
        click.option(
            "--force-exclude/--no-force-exclude",
            default=None,
            help="Leave excluded files out even when named as FILE (for pre-commit, which names them).",
        ),
        click.option(
            "--respect-gitignore/--no-respect-gitignore",
            default=None,
            help="Leave out what git ignores (.gitignore) when searching a folder or pattern (default: yes).",
        ),
        click.option("--config", "config_file", metavar="FILE", help="Use this configuration file."),
        click.option("--no-config", is_flag=True, help="Use no configuration file, even if one is found."),
        _rules_option,
    ]
    for option in reversed(options):
        function = option(function)
    return function


def _gate_options(function: F) -> F:
    options = [
        click.option(
            "--fail-under",
            type=click.FloatRange(0, 100),
            callback=_a_number,
            metavar="SCORE",
            help="Fail if a total score is under SCORE.",
        ),
        click.option(
            "--fail-under-area",
            multiple=True,
            callback=_area_score,
            metavar="AREA=SCORE",
            help="Fail if the area scores under SCORE (repeatable).",
        ),
        click.option(
            "--fail-under-completeness",
            type=click.FloatRange(0, 100),
            callback=_a_number,
            metavar="SCORE",
            help="Fail if a report's completeness (the weighted share of items answered) is under SCORE.",
        ),
        click.option(
            "--require",
            multiple=True,
            metavar="ITEM",
            shell_complete=_complete_scope,
            help="These items, areas or globs must be answered (repeatable; see --fail-on).",
        ),
        click.option(
            "--fail-on",
            type=click.Choice(["missing", "gap", "partial"]),
            help="Which statuses of required items fail: missing (not answered; default), gap (missing "
            "or negative: the measure must be in place) or partial (anything short of reported).",
        ),
        click.option(
            "--baseline", metavar="FILE", help="Fail on regressions against this earlier JSON result."
        ),
        click.option(
            "--strict-baseline",
            is_flag=True,
            default=None,
            help="Fail when a report has no entry in the baseline, or an entry matches no report "
            "(by default a warning).",
        ),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def _settings(files: tuple[str, ...], given: dict[str, Any], color: str, width: int | None) -> Any:
    from checker.commands import load_configuration
    from checker.settings import audit_settings, effective

    config = load_configuration(given.pop("config_file"), not given.pop("no_config"))
    options = {key.replace("_", "-"): value for key, value in given.items()}
    values = effective(options, config)
    render = _render_options(color, width, values["show"], to_file=values.get("output") is not None)
    return audit_settings(files, options, config, render)


@cli.command()
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@click.option(
    "--format",
    "-f",
    "format",
    type=click.Choice(list(REPORTERS)),
    help="Output format (default: table). For CI: sarif, junit, github (workflow annotations), gitlab "
    "(a Code Quality report); concise: a line per finding (PATH:LINE: status item label), then the verdict.",
)
@click.option(
    "--show",
    type=click.Choice([view.value for view in View]),
    help="all (default): the matrix and scores; gaps: what is missing or denied, with question and guidance; "
    "unmatched: sentences no rule recognised. table, markdown and concise show every view; csv, sarif, "
    "github and gitlab all and gaps; json and junit are complete, and refuse the others.",
)
@click.option(
    "--output", "-o", metavar="FILE", help="Write the report to FILE (atomically) instead of stdout."
)
@click.option(
    "--quiet",
    "-q",
    is_flag=True,
    default=None,
    help="Print only the verdict on stdout: each report's score and the gate's decision. The report is "
    "then written only with --output; without it, --format and --show are refused.",
)
@click.option(
    "--label",
    multiple=True,
    metavar="FILE=NAME",
    help="Call the report FILE NAME (repeatable), e.g. --label draft.md=Estavia: its column's heading when "
    "several reports are compared, and the series its scores by year belong to in the panel, in place of "
    "its country (the years are the report's own). FILE as it is named among the FILE... audited.",
)
@_audit_options
@_gate_options
@_display_options
def audit(files: tuple[str, ...], color: str, width: int | None, **given: Any) -> int:
    """Audit P029 reports: every questionnaire item's status, per report year, with cited evidence; and,
    in CI, a gate that fails (exit 1) on a low score or completeness, a required item not answered, or a
    regression.

    FILE is a report as written (.txt, .md, .pdf, .docx, .html) or a structured draft (.yaml, .yml,
    .json), a folder of them or a glob pattern; - alone is standard input, with --input-format. Options
    not given are taken from ilo-check.yaml (or [tool.ilo-check] in pyproject.toml).

    \b
    Examples:
      ilo-check audit fixtures/seeds/004_9801fec608b1c05e.txt
      ilo-check audit draft.md --show gaps
      ilo-check audit draft.yaml --format json --output result.json
      ilo-check audit draft.md --fail-under 80 --require ratification.status --baseline baseline.json
      ilo-check audit draft.md --format sarif --output ilo-check.sarif
      ilo-check audit draft.md --format github --fail-under 60
      ilo-check audit draft.md -q --format junit --output report.xml
      pdftotext report.pdf - | ilo-check audit - --input-format text
    """
    from checker.commands import audit as run_audit

    return run_audit(_settings(files, given, color, width), _streams())


@cli.command()
@click.argument("file", metavar="FILE")
@click.argument("item_id", metavar="ITEM", shell_complete=_complete_items)
@click.option("--output", "-o", metavar="FILE", help="Write the explanation to FILE instead of stdout.")
@click.option("--input-format", type=click.Choice(list(READERS)), help="Read FILE in this format.")
@_language_option
@_rules_option
@_display_options
def explain(
    file: str,
    item_id: str,
    output: str | None,
    input_format: str | None,
    language: str | None,
    rules: tuple[str, ...],
    color: str,
    width: int | None,
) -> int:
    """Explain why ITEM got its status in FILE: what counted, the phrase or cue that decided it, what was
    set aside and why, and how the rule recognises evidence.

    \b
    Examples:
      ilo-check explain fixtures/seeds/000_527e425593d6808e.txt remedies.legal_aid
      ilo-check explain draft.md ratification.status
    """
    from checker.commands import explain as run_explain
    from checker.settings import AuditSettings

    options = _render_options(color, width, to_file=output is not None)
    settings = AuditSettings(
        (file,), rules, "table", output, input_format, options, language=language or AUTO
    )
    return run_explain(file, item_id, settings, _streams())


@cli.command()
@click.argument("old", metavar="OLD")
@click.argument("new", metavar="NEW")
@click.option(
    "--format",
    "-f",
    "diff_format",
    type=click.Choice(list(DIFF_REPORTERS)),
    default="table",
    show_default=True,
    help="Output format: table, markdown (a pull-request comment), json, html (a page of its own).",
)
@click.option(
    "--output", "-o", metavar="FILE", help="Write the comparison to FILE (atomically) instead of stdout."
)
@click.option(
    "--fail-on-regression", is_flag=True, help="Exit 1 when an item's status or a score fell from OLD to NEW."
)
@click.option("--input-format", type=click.Choice(list(READERS)), help="Read OLD and NEW in this format.")
@_language_option
@_rules_option
@_display_options
def diff(
    old: str,
    new: str,
    diff_format: str,
    output: str | None,
    fail_on_regression: bool,
    input_format: str | None,
    language: str | None,
    rules: tuple[str, ...],
    color: str,
    width: int | None,
) -> int:
    """Compare two reports item by item: a country's report and the next year's, or a draft before and
    after review. Shows each item whose status changed (overall and, for compilations, in the report years
    both cover), the evidence that appeared and disappeared, quoted with its place, and the area, total and
    report-year scores before and after. Both are audited with the same rules; either may be a result
    saved by 'ilo-check audit --format json' (one report), compared as it was audited then.

    \b
    Examples:
      ilo-check diff report-2023.pdf report-2024.pdf
      ilo-check diff draft-v1.md draft-v2.md --format markdown --output diff.md
      ilo-check diff draft-v1.md draft-v2.md --format json --fail-on-regression
      ilo-check diff draft-v1.md draft-v2.md --format html --output diff.html
    """
    from checker.commands import diff_reports
    from checker.settings import AuditSettings

    options = _render_options(color, width, to_file=output is not None)
    settings = AuditSettings(
        (old, new), rules, diff_format, output, input_format, options, language=language or AUTO
    )
    return diff_reports(old, new, settings, fail_on_regression, _streams())


@cli.group()
def rules() -> None:
    """List, show, validate and test rule packs.

    \b
    Examples:
      ilo-check rules list
      ilo-check rules show ratification.status
      ilo-check rules validate my-pack/
      ilo-check rules test
    """


_wording_option = click.option(
    "--language",
    type=click.Choice(SUPPORTED),
    help="The language of the items' labels, questions and guidance (default: the pack's).",
)


@rules.command("list")
@_rules_option
@_wording_option
@_display_options
def rules_list(rules: tuple[str, ...], language: str | None, color: str, width: int | None) -> int:
    """List the items of the rule pack: id, area, provision, weight and label.

    \b
    Examples:
      ilo-check rules list --rules my-pack/
      ilo-check rules list --language es
    """
    from checker.commands import list_rules

    return list_rules(rules, language, _render_options(color, width), _streams())


@rules.command("show")
@click.argument("item_id", metavar="ID", shell_complete=_complete_items)
@_rules_option
@_wording_option
@_display_options
def rules_show(
    item_id: str, rules: tuple[str, ...], language: str | None, color: str, width: int | None
) -> int:
    """Show everything about one item: question, guidance, evidence and examples.

    \b
    Examples:
      ilo-check rules show remedies.non_prosecution
      ilo-check rules show remedies.non_prosecution --language fr
    """
    from checker.commands import show_rule

    return show_rule(item_id, rules, language, _render_options(color, width), _streams())


@rules.command("validate")
@click.argument("directory", required=False, metavar="[DIR]")
@_rules_option
def rules_validate(directory: str | None, rules: tuple[str, ...]) -> int:
    """Validate a rule pack (the bundled one by default); errors say FILE:LINE:COL.

    \b
    Example:
      ilo-check rules validate my-pack/
    """
    from checker.commands import validate_rules

    return validate_rules((directory,) if directory else rules, _streams())


@rules.command("test")
@click.argument("directory", required=False, metavar="[DIR]")
@click.option(
    "--item",
    "-k",
    "items",
    multiple=True,
    metavar="ID",
    shell_complete=_complete_items,
    help="Test only this item (repeatable).",
)
@_rules_option
@_display_options
def rules_test(
    directory: str | None, items: tuple[str, ...], rules: tuple[str, ...], color: str, width: int | None
) -> int:
    """Run every rule's examples; exit 1 if any fails or a rule lacks required examples.

    \b
    Examples:
      ilo-check rules test
      ilo-check rules test my-pack/ --item prevention.awareness
    """
    from checker.commands import test_rules

    return test_rules((directory,) if directory else rules, items, _render_options(color, width), _streams())


@cli.command()
@click.option(
    "--kind",
    type=click.Choice(["submission", "result", "diff", "rule", "pack"]),
    default="submission",
    show_default=True,
    help="submission: structured drafts, with the pack's items; result: audit JSON; diff: diff JSON; rule, "
    "pack: rule files.",
)
@click.option("--output", "-o", metavar="FILE", help="Write the schema to FILE instead of stdout.")
@_rules_option
def schema(kind: str, output: str | None, rules: tuple[str, ...]) -> int:
    """Print a JSON Schema: for structured submissions (generated from the rule pack) or another contract.

    \b
    Examples:
      ilo-check schema > submission.schema.json
      ilo-check schema --kind result
    """
    from checker.commands import print_schema

    return print_schema(kind, rules, output, _streams())


@cli.command("config")
@click.option("--config", "config_file", metavar="FILE", help="Show this configuration file instead.")
@click.option("--no-config", is_flag=True, help="Show the defaults only.")
def config_command(config_file: str | None, no_config: bool) -> int:
    """Print the effective configuration: ilo-check.yaml (or [tool.ilo-check] in pyproject.toml) found
    from the working directory, over the defaults. Command-line options override it.

    \b
    Example:
      ilo-check config
    """
    from checker.commands import show_config

    return show_config(config_file, not no_config, _streams())


@cli.group()
def baseline() -> None:
    """Write baselines: earlier results the gate compares a draft with.

    \b
    Example:
      ilo-check baseline write baseline.json draft.md
    """


@baseline.command("write")
@click.argument("target", metavar="FILE")
@click.argument("files", nargs=-1, required=True, metavar="REPORT...")
@_audit_options
def baseline_write(target: str, files: tuple[str, ...], **given: Any) -> int:
    """Audit REPORT... and write the JSON result to FILE (atomically), as the baseline later runs compare
    with. Nothing is written unless every REPORT is read. Any `audit --format json --output FILE` result
    is a valid baseline too.

    \b
    Example:
      ilo-check baseline write fixtures/draft/baseline.json fixtures/draft/draft.md
    """
    from checker.commands import write_baseline

    return write_baseline(target, _settings(files, given, "never", None), _streams())


@cli.command()
@click.option("--country", required=True, callback=_named, help="The reporting country.")
@click.option("--year", required=True, type=click.IntRange(1990, 2100), help="The report year.")
@click.option(
    "--format",
    "draft_format",
    type=click.Choice(["yaml", "markdown"]),
    default="yaml",
    show_default=True,
    help="yaml: a structured submission; markdown: one heading per item.",
)
@_wording_option
@click.option("--output", "-o", metavar="FILE", help="Write the draft to FILE instead of stdout.")
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
@_rules_option
def init(
    country: str,
    year: int,
    draft_format: str,
    language: str | None,
    output: str | None,
    force: bool,
    rules: tuple[str, ...],
) -> int:
    """Write a blank draft report with every item's question and guidance.

    \b
    Examples:
      ilo-check init --country Examplestan --year 2025 --output draft.yaml
      ilo-check init --country Examplestan --year 2025 --format markdown --output draft.md
      ilo-check init --country Sénégal --year 2025 --language fr --output projet.md --format markdown
    """
    from checker.commands import init_draft
    from checker.settings import DraftSettings

    settings = DraftSettings(country, year, draft_format, output, force, rules, language)
    return init_draft(settings, _streams())


def _baseline_formats() -> list[str]:
    from checker.reporters.baseline_formats import BASELINE_FORMATS

    return list(BASELINE_FORMATS)


@cli.command("compile")
@click.argument("report", metavar="REPORT")
@click.option(
    "--format",
    "-f",
    "output_format",
    type=click.Choice(_baseline_formats()),
    help="markdown (the default), or docx: a Word document with the form as a table, label beside answer, "
    "as the ILO's (the default when --output ends with .docx; never written to a terminal).",
)
@click.option(
    "--output", "-o", metavar="FILE", help="Write the baseline to FILE (atomically) instead of stdout."
)
@click.option("--input-format", type=click.Choice(list(READERS)), help="Read REPORT in this format.")
@_language_option
@_rules_option
def compile_command(
    report: str,
    output_format: str | None,
    output: str | None,
    input_format: str | None,
    language: str | None,
    rules: tuple[str, ...],
) -> int:
    """Draft the ILO country baseline of the Annual Review from a government's REPORT: the form's fields
    in order, each answered with the report's passages that decide it (quoted, with file and line, and
    tagged by report year where the report has years), each checklist ticked where the report supports
    an element, a field left empty where the report is silent; in the report's language (English,
    French or Spanish). Auditing the baseline gives the report's statuses back.

    \b
    Examples:
      ilo-check compile fixtures/seeds/000_527e425593d6808e.txt
      ilo-check compile report.pdf -o baseline.docx
      ilo-check compile fixtures/labelled/govreport_fr_valdorie_2023.txt --format markdown -o base.md
    """
    from checker.commands import compile_baseline
    from checker.settings import AuditSettings

    options = _render_options("never", None, to_file=output is not None)
    settings = AuditSettings(
        (report,), rules, "table", output, input_format, options, language=language or AUTO
    )
    return compile_baseline(output_format, settings, _streams())


def _terminate(signal_number: int, frame: FrameType | None) -> None:
    raise Terminated


@contextlib.contextmanager
def _sigterm_unwinds() -> Iterator[None]:
    """SIGTERM raises `Terminated` while the block runs, so that it unwinds like Ctrl-C. Python's default
    would end the process at once: a batch's workers left waiting for ever, a temporary file left."""
    try:
        previous = signal.signal(signal.SIGTERM, _terminate)
    except ValueError:  # not the main thread, the only one that signals reach: nothing to unwind
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code. Errors are one line on stderr, never a traceback."""
    _standard_streams()
    with _sigterm_unwinds():
        return _main(argv)


def _main(argv: Sequence[str] | None) -> int:
    try:
        code = cli.main(
            args=list(argv) if argv is not None else None, prog_name="ilo-check", standalone_mode=False
        )
    except click.UsageError as error:
        where = f" (see '{error.ctx.command_path} --help')" if error.ctx else ""
        sys.stderr.write(f"ilo-check: error: {printable(error.format_message())}{where}\n")
        return ExitCode.ERROR
    except click.ClickException as error:
        sys.stderr.write(f"ilo-check: error: {printable(error.format_message())}\n")
        return ExitCode.ERROR
    except CheckerError as error:
        sys.stderr.write(f"ilo-check: error: {printable(str(error))}\n")
        return error.exit_code
    except (KeyboardInterrupt, click.Abort):
        sys.stderr.write("ilo-check: interrupted\n")
        return ExitCode.INTERRUPTED
    except Terminated:
        sys.stderr.write("ilo-check: terminated\n")
        return ExitCode.TERMINATED
    except BrokenPipeError:
        # The reader of our output went away (e.g. `| head`): nothing more to say, and nowhere to say it.
        sys.stderr.close()
        return ExitCode.OK
    except Exception as error:  # the last line of defence: one line, never a traceback
        if os.environ.get("ILO_CHECK_DEBUG"):
            raise
        sys.stderr.write(f"ilo-check: {printable(internal_error(error))}\n")
        return ExitCode.ERROR
    return int(code or 0)
