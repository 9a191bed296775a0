"""Plan the judging of a submission: which segments each rule is judged on, and when.

A rule is judged on the segments of the sections that answer it (or list it in a checklist) and on the
free text its phrases could match, as the index of the segments' words tells (see `index`). The index
is built, used and dropped a batch of segments at a time, so that the words of a long report are never
all held at once; a long report's segments are shared among processes (see `forked.in_parallel`). What
a segment shows is the `evidence.Assessor`'s to judge.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from checker.evidence import Assessor, Judgement
from checker.forked import in_parallel
from checker.index import SegmentIndex, pack_triggers
from checker.model import Finding, Rule, RulePack, Section

__all__ = ["judge_all"]

# Segments judged together: the index of their words is built, used and dropped a batch at a time, a
# few megabytes at most, whatever the report's length.
_BATCH = 4096
# The fewest segments a share has (about 80 KB of prose): with fewer, starting a process and bringing
# the verdicts back would cost a good part of what sharing saves.
_MIN_SHARE = 500


class _Plan:
    """Which of a submission's segments each rule is judged on."""

    def __init__(self, assessor: Assessor, pack: RulePack, sections: Sequence[Section]) -> None:
        self.assessor = assessor
        self.triggers = pack_triggers(pack)
        # The sections that answer each item or list it in a checklist, looked up once, not for every
        # batch: a structured draft may have a section per answer.
        self.answering: dict[str, list[Section]] = {}
        for section in sections:
            for item_id in dict.fromkeys((*section.items, *section.checklist)):
                self.answering.setdefault(item_id, []).append(section)
        # Free text: sections that answer no item in particular, or are shared by several.
        self.free = frozenset(
            index
            for section, indices in assessor.in_section.items()
            if section.shared or not (section.items or section.checklist)
            for index in indices
        )

    def candidates(self, rule: Rule, index: SegmentIndex, batch: frozenset[int]) -> set[int]:
        """The segments of `batch` worth judging for `rule`: those of the sections answering it, and
        the free text its phrases could match."""
        found = index.candidates(rule.free_requirement)
        indices = set(self.free & batch if found is None else found & self.free)
        for section in self.answering.get(rule.id, ()):
            indices.update(batch.intersection(self.assessor.in_section.get(section, ())))
        return indices

    def judge_share(self, rules: Sequence[Rule], share: Sequence[int]) -> list[Judgement]:
        """What the segments `share` (by index) show for `rules`, a batch at a time."""
        judgements: list[Judgement] = []
        for start in range(0, len(share), _BATCH):
            judgements += self.judge_batch(rules, frozenset(share[start : start + _BATCH]))
        return judgements

    def judge_batch(self, rules: Sequence[Rule], batch: frozenset[int]) -> list[Judgement]:
        segments = self.assessor.segments
        words = SegmentIndex((segments[index] for index in batch), self.triggers)
        rules_of: dict[int, list[Rule]] = {}
        for rule in rules:
            for index in self.candidates(rule, words, batch):
                rules_of.setdefault(index, []).append(rule)
        presence = words.presence()
        del words  # the words take much memory; each segment's triggers are enough now
        judgements: list[Judgement] = []
        for index in sorted(rules_of):
            judgements += self.assessor.judge_segment(index, rules_of[index], presence.of(segments[index]))
        return judgements


def judge_all(
    assessor: Assessor,
    pack: RulePack,
    rules: Sequence[Rule],
    sections: Sequence[Section],
    years: Sequence[str],
    *,
    jobs: int = 1,
) -> tuple[Finding, ...]:
    """The finding for each of `rules`' items over the assessor's segments, judged a batch at a time,
    a long report's segments shared among up to `jobs` processes."""
    plan = _Plan(assessor, pack, sections)
    order = sorted(assessor.segments)
    count = max(1, min(jobs, len(order) // _MIN_SHARE))
    shares = [
        order[number * len(order) // count : (number + 1) * len(order) // count] for number in range(count)
    ]
    judged = in_parallel([partial(plan.judge_share, rules, share) for share in shares])
    return assessor.findings(rules, (judgement for part in judged for judgement in part), sections, years)
