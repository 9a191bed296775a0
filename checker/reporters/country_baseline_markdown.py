"""A country baseline as Markdown, laid out as the ILO's compilations are: the country and its years, then
the form's labels in order, each on a line of its own (a top-level group's in capitals), each field's
answer under its label, an empty field left empty.

An answer is a list: under each year tag, the checklist's elements ticked in the form's words, then each
passage quoted as the report writes it (``* 2017 AR: ...``; a bare answer led by its item's label, see
`country_baseline`), its citation in an item below it (``* Cf. report.txt, l. 75``); an element's own
passages follow under its line (``c) Regulation and supervision ...:``). The layout is what makes the
file audit back to the report's statuses:
- no Markdown heading: the form is found by its labels only in text that stands under no heading;
- a label stands alone at the start of its line, and no passage does (a list item's marker opens it):
  a passage that opens with a label's words ("Workers' organizations were consulted") is not the label;
- a citation is an item of its own, which ends the passage above it whatever its last character, and
  opens with "Cf.": it points elsewhere and is read as no answer; it ends with no full stop, and no
  blank line parts the items, so that no passage starts a block, where a line ending with a colon
  might be read as a question of the form;
- an element's line starts a block, with its letter, and ends with a colon: the form's question for
  that element, whose answer is what follows it.
"""

from __future__ import annotations

from checker.country_baseline import Answer, CountryBaseline, year_tag

__all__ = ["render"]


def _answer(answers: tuple[Answer, ...]) -> list[str]:
    lines: list[str] = []
    for answer in answers:
        tag = f"{year_tag(answer.year_tag)} " if answer.year_tag else ""
        if answer.ticked:
            lines.append(f"* {tag}{answer.checklist_line}")
        for passage in answer.passages:
            lines += [f"* {tag}{passage.text}", f"  * Cf. {passage.citation.cited}"]
    return lines


def render(baseline: CountryBaseline) -> str:
    """The baseline as Markdown."""
    lines = [baseline.heading, ""] if baseline.heading else []
    lines += [baseline.title, "", baseline.instrument, ""]
    for entry in baseline.entries():
        lines += [entry.label, *_answer(entry.answers), ""]
    return "\n".join(lines).rstrip("\n") + "\n"
