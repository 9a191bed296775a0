"""The audit: a submission and a rule pack in, every item's verdict with its evidence out. Pure: it reads
nothing from disk and prints nothing; the CLI does both."""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import replace

from checker.evidence import Assessor
from checker.language.identify import SECTION_SAMPLE, identify_parts, name
from checker.layout import Layout, Stretch, lay_out
from checker.model import (
    Document,
    DocumentAudit,
    Finding,
    Rule,
    RulePack,
    SectionLanguage,
    Segment,
    SourceIdentity,
    Suppression,
)
from checker.planning import judge_all
from checker.recommendations import recommendation_lists
from checker.scoring import area_scores, completeness, total_score, year_scores
from checker.segment import segment, segment_stretches
from checker.subject import NEVER_NAMED, off_subject

__all__ = ["MOST_UNKNOWN_TOLD", "assess", "audit"]

# Unknown item ids are told one by one up to this many, the rest counted: a draft keyed by something
# else entirely (a hundred thousand keys) must not flood the terminal.
MOST_UNKNOWN_TOLD = 20


def _years(layout: Layout, segments: Sequence[Segment]) -> tuple[str, ...]:
    """The report years a submission tells apart: its own metadata and its year tags."""
    years = set(layout.metadata.years)
    for item in segments:
        years.update(item.years or ())
    return tuple(sorted(years))


def assess(
    layout: Layout, pack: RulePack, rules: Sequence[Rule] | None = None, *, subject_presumed: bool = False
) -> tuple[tuple[Segment, ...], tuple[Finding, ...], tuple[str, ...]]:
    """Segment a laid-out submission and judge `rules` (all of the pack's by default) on it;
    `subject_presumed`, prose that names no subject is taken to be about forced labour (see `subject`)."""
    segments = segment(layout)
    findings, years, _ = _judge(layout, segments, pack, rules, subject_presumed=subject_presumed)
    return segments, findings, years


def _judge(
    layout: Layout,
    segments: tuple[Segment, ...],
    pack: RulePack,
    rules: Sequence[Rule] | None,
    jobs: int = 1,
    *,
    subject_presumed: bool = False,
) -> tuple[tuple[Finding, ...], tuple[str, ...], Mapping[int, str]]:
    """The findings, the report years, and the segments that are not about forced labour."""
    years = _years(layout, segments)
    judged = pack.rules if rules is None else rules
    off = off_subject(segments, pack.subject, layout.kind, presumed=subject_presumed)
    assessor = Assessor(pack, layout.kind, segments, off, recommendation_lists(segments, pack.cues))
    return judge_all(assessor, pack, judged, layout.sections, years, jobs=jobs), years, off


def _unknown(item: str, known: Sequence[str]) -> str:
    close = difflib.get_close_matches(item, known, n=1)
    return f"unknown item {item!r} is ignored" + (f" (did you mean {close[0]!r}?)" if close else "")


def _place(origin: str, source: str) -> str:
    """Where a suppression stands, without repeating the submission's name (warnings carry it)."""
    line = origin.removeprefix(f"{source}:")
    return f"line {line}" if line != origin and line.isdigit() else origin


def _languages(
    stretches: list[Stretch], pack: RulePack, forced: str | None
) -> tuple[str, tuple[SectionLanguage, ...]]:
    """The submission's language, `forced` or identified (where the text tells none, the pack's), and
    its sections written in another. Each stretch is told the language it is written in, in place: its
    sentences are cut by that language's profile."""
    if forced is not None:
        stretches[:] = [replace(stretch, language=forced) for stretch in stretches]
        return forced, ()
    found = identify_parts(
        ((stretch.section, piece.text) for stretch in stretches for piece in stretch.pieces), pack.language
    )
    other = dict(found.others)
    stretches[:] = [
        replace(stretch, language=other.get(stretch.section, found.language)) for stretch in stretches
    ]
    others = tuple(SectionLanguage(section.title, section.location, code) for section, code in found.others)
    return found.language, others


# Under this many characters of text a report's language is not told surely enough to leave the other
# languages' words out of its reading; the speed that saves matters only for long reports anyway.
_SURE = 2 * SECTION_SAMPLE


def _told_surely(stretches: Sequence[Stretch]) -> bool:
    """Whether the stretches hold text enough for their language to be told surely (see `_SURE`)."""
    size = 0
    for stretch in stretches:
        size += sum(len(piece.text) for piece in stretch.pieces)
        if size >= _SURE:
            return True
    return False


def _warnings(
    submission: Document,
    layout: Layout,
    segments: Sequence[Segment],
    pack: RulePack,
    suppressions: Sequence[Suppression],
    *,
    off_subject: Mapping[int, str],
    language: str,
) -> tuple[str, ...]:
    warnings = list(submission.warnings)
    if language not in pack.languages:
        # The items are recognised by the pack's words: a report in another language gets few of them.
        read = ", ".join(name(code) for code in pack.languages)
        warnings.append(
            f"written in {name(language)}; the {pack.name} pack's vocabulary is {read}: "
            "few items will be recognised"
        )
    known = pack.item_ids
    unknown = [(section, item) for section in layout.sections for item in section.items if item not in known]
    warnings += [
        f"{section.location.describe()}: {_unknown(item, known)}"
        for section, item in unknown[:MOST_UNKNOWN_TOLD]
    ]
    if len(unknown) > MOST_UNKNOWN_TOLD:
        last = unknown[-1][0].location.describe()
        warnings.append(
            f"{len(unknown) - MOST_UNKNOWN_TOLD} more unknown items are ignored (the last at {last})"
        )
    warnings += [
        f"{_place(item.origin, submission.source)}: suppression of {_unknown(item.item_id, known)}"
        for item in suppressions
        if item.item_id not in known
    ]
    if not segments:
        warnings.append("the submission has no text: every item is missing")
    elif len(off_subject) == len(segments) and set(off_subject.values()) == {NEVER_NAMED}:
        warnings.append(f"{NEVER_NAMED}: every item is missing")
    return tuple(warnings)


def _unmatched(segments: Sequence[Segment], findings: Sequence[Finding]) -> tuple[Segment, ...]:
    cited = {
        (item.start, item.quote) for finding in findings for item in (*finding.evidence, *finding.set_aside)
    }
    return tuple(item for item in segments if (item.start, item.quote) not in cited)


def audit(
    document: Document,
    pack: RulePack,
    *,
    keep_unmatched: bool = False,
    suppressions: Sequence[Suppression] = (),
    rules: Sequence[Rule] | None = None,
    jobs: int = 1,
    language: str | None = None,
) -> DocumentAudit:
    """Audit one submission against a rule pack, or only `rules` of it (the scores are then theirs);
    `suppressions` (from the configuration) join those the submission declares itself. A long
    submission's sentences are judged in up to `jobs` processes at once. Its `language` (ISO 639-1) is
    identified, unless given.

    A caller that hands the document over (``audit(read_file(path), pack)``) lets its lines go as they
    are cut into sentences: the audit of a long report then holds it whole only once."""
    layout = lay_out(document, pack)
    submission = replace(document, blocks=())  # all the audit needs of it from here on, without its text
    del document
    stretches = list(layout.stretches)
    layout = replace(layout, stretches=())  # the text goes to the segments, a stretch at a time
    told, other_languages = _languages(stretches, pack, language)
    segments = segment_stretches(stretches)
    # A report in one language is judged with that language's words and cues only; one with sections in
    # several, or too short for its language to be told surely ("Non."), with every language's.
    judging, chosen = pack, rules
    if not other_languages and (language is not None or _told_surely(stretches)):
        judging = pack.reading(told)
        chosen = None if rules is None else [rule.reading(told) for rule in rules]
    findings, years, off = _judge(layout, segments, judging, chosen, jobs)
    declared = (*submission.suppressions, *suppressions)
    return DocumentAudit(
        source=submission.source,
        format=submission.format,
        kind=layout.kind,
        metadata=layout.metadata,
        years=years,
        findings=findings,
        areas=area_scores(findings, pack.worded(told)),  # named in the report's language
        score=total_score(findings, pack),
        year_scores=year_scores(findings, pack, years),
        completeness=completeness(findings, pack),
        warnings=_warnings(submission, layout, segments, pack, declared, off_subject=off, language=told),
        unmatched=_unmatched(segments, findings) if keep_unmatched else (),
        suppressions=tuple(item for item in declared if item.item_id in pack.item_ids),
        language=told,
        other_languages=other_languages,
        identity=SourceIdentity(sha256=submission.sha256),  # its path in the repository: the caller's
    )
