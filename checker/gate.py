"""The CI gate: whether a run passes. Without gate settings nothing fails. With them, the gate fails when
a report's total score, completeness or an area score is under its bar, when a required item is short
of what `fail_on` accepts, or when a report regressed against its baseline (and, when the baseline is
strict, when a report or a baseline entry could not be compared). A suppressed item (a gap accepted
with a reason) fails nothing."""

from __future__ import annotations

import difflib
import fnmatch
from collections.abc import Iterable

from checker.baseline import Baseline, Comparison, compare
from checker.config import Origin
from checker.model import AuditResult, GateOutcome, RulePack, Status
from checker.settings import GateSettings

__all__ = ["FAIL_ON", "judge", "resolve_items"]

# What a required item must at least be: answered at all (the draft's completeness: an explicit 'no' is
# a complete answer), or more than a gap, or reported (the measure in place).
FAIL_ON = {"missing": Status.NEGATIVE, "gap": Status.PARTIAL, "partial": Status.REPORTED}
_LEFT_OUT_HINT = "--select or --ignore leaves it out"


def resolve_items(patterns: Iterable[str], pack: RulePack, origin: Origin) -> tuple[str, ...]:
    """The item ids that item ids, area ids or globs name, in pack order; UsageError for one naming none,
    told where the patterns were given."""
    areas = {area.id for area in pack.areas}
    chosen: set[str] = set()
    for pattern in patterns:
        named = {
            rule.id
            for rule in pack.rules
            if pattern in (rule.id, rule.area) or fnmatch.fnmatchcase(rule.id, pattern)
        }
        if not named:
            close = difflib.get_close_matches(pattern, [*pack.item_ids, *sorted(areas)], n=1)
            raise origin.error(
                f"{pattern!r} names no item or area",
                entry=pattern,
                hint=f"did you mean {close[0]!r}?" if close else "see 'ilo-check rules list'",
            )
        chosen |= named
    return tuple(item for item in pack.item_ids if item in chosen)


def _check_areas(gate: GateSettings, pack: RulePack, audited: set[str]) -> None:
    areas = [area.id for area in pack.areas]
    origin = gate.origins.of("fail-under-area")
    for area in gate.fail_under_area:
        if area not in areas:
            close = difflib.get_close_matches(area, areas, n=1)
            hint = f"did you mean {close[0]!r}?" if close else ", ".join(areas)
            raise origin.error(f"no area {area!r}", entry=area, hint=hint)
        if audited and not any(rule.area == area and rule.id in audited for rule in pack.rules):
            raise origin.error(f"no item of area {area!r} is audited", entry=area, hint=_LEFT_OUT_HINT)


def _check_required(required: tuple[str, ...], audited: set[str], origin: Origin) -> None:
    # A gate on what the run does not audit would pass unseen.
    left_out = [item for item in required if item not in audited]
    if audited and left_out:
        raise origin.error(f"{', '.join(left_out)} not audited", hint=_LEFT_OUT_HINT)


def judge(result: AuditResult, pack: RulePack, gate: GateSettings, baseline: Baseline | None) -> GateOutcome:
    """The gate's decision on a run."""
    audited = {finding.item_id for audit in result.audits for finding in audit.findings}
    _check_areas(gate, pack, audited)
    required = resolve_items(gate.require, pack, gate.origins.of("require"))
    _check_required(required, audited, gate.origins.of("require"))
    least = FAIL_ON[gate.fail_on]
    failures: list[str] = []
    short: list[tuple[str, str]] = []
    for audit in result.audits:
        source = audit.source
        if gate.fail_under is not None and audit.score < gate.fail_under:
            failures.append(f"{source}: score {audit.score:.1f} is under {gate.fail_under:g}")
        if gate.fail_under_completeness is not None and audit.completeness < gate.fail_under_completeness:
            failures.append(
                f"{source}: completeness {audit.completeness:.1f} is under {gate.fail_under_completeness:g}"
            )
        for area in audit.areas:
            bar = gate.fail_under_area.get(area.area)
            if bar is not None and area.score < bar:
                failures.append(f"{source}: area {area.area} scores {area.score:.1f}, under {bar:g}")
        for finding in audit.findings:
            if (
                finding.item_id in required
                and finding.status.rank < least.rank
                and not audit.suppression(finding.item_id)
            ):
                failures.append(f"{source}: {finding.item_id} is {finding.status.value}, and it is required")
                short.append((source, finding.item_id))
    comparison = compare(result, baseline, pack) if baseline is not None else Comparison()
    audits = {audit.source: audit for audit in result.audits}
    for change in comparison.regressions:
        if audits[change.source].suppression(change.subject):
            continue
        failures.append(f"{change.source}: {change.subject} regressed from {change.before} to {change.after}")
    if gate.strict_baseline:
        failures += comparison.uncompared
    return GateOutcome(
        not failures,
        tuple(failures),
        comparison.regressions,
        comparison.improvements,
        required,
        () if gate.strict_baseline else comparison.uncompared,
        tuple(short),
    )
