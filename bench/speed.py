"""How fast is the audit? Prints figures, asserts nothing (timings belong to a benchmark, not a test).

Measured in one run, on reports generated from the English fixtures (real sentences, shuffled, figures
changed, lines wrapped as text extracted from a PDF, so that no line repeats as page furniture would):

  engine       the engine alone (layout, sentences, evidence, scores) on a 1 MB report, in one process and
               with its sentences shared among the machine's cores (as `--jobs` does), against a naive
               scan in the same run: every phrase and pattern of the pack searched over the whole text,
               one after the other, which finds hits but judges nothing; a bare pass that only
               normalises sentences, lists their words and searches two phrases in each (about the
               least any pass over the sentences costs in Python); and the engine's stages (laying
               out sections, cutting sentences, telling the subject, finding lists of
               recommendations, judging) each timed alone
  start-up     the whole command on a seed-sized report, start-up included (a fresh process each time,
               the compiled rule pack cached as it is after the first run)
  scaling      the engine on 100 KB, 1 MB and 10 MB: time per MB should stay flat
  batch        2,000 generated reports through the command line with --jobs 2 and --jobs 1
  memory       peak memory of auditing the 10 MB report, beyond what the loaded program already holds
  lines        the engine on 1 MB of one word a line (a table dumped one cell a line), against 1 MB of
               prose: the cost per MB of very short lines
  patterns     a phrase with many "..." gaps on a sentence of one repeated word: Python's backtracking
               engine (what would run it without RE2), growing with the gaps, against RE2 (what runs it)

Targets: start-up plus a seed under 0.3 s; the engine at least 5 MB/s; 2,000 reports under a minute with
two jobs; memory under 10x the input.

Usage:  python bench/speed.py [--quick] [--only engine,startup,scaling,batch,memory,lines,patterns]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.corpus import absent_reason, corpus_dir  # noqa: E402
from checker.batch import default_jobs  # noqa: E402
from checker.engine import audit  # noqa: E402
from checker.evidence import Assessor  # noqa: E402
from checker.layout import lay_out  # noqa: E402
from checker.matching.expressions import leaves  # noqa: E402
from checker.matching.normal import normalise  # noqa: E402
from checker.matching.patterns import compile_phrase  # noqa: E402
from checker.model import Document, RulePack  # noqa: E402
from checker.planning import judge_all  # noqa: E402
from checker.readers import read  # noqa: E402
from checker.recommendations import recommendation_lists  # noqa: E402
from checker.rules import load_rules  # noqa: E402
from checker.segment import segment_stretches  # noqa: E402
from checker.subject import off_subject  # noqa: E402

# The real texts of the shared corpus are used where this machine has them (see bench/corpus.py).
SOURCES = [
    ROOT / "fixtures" / "seeds" / "000_527e425593d6808e.txt",
    *(
        corpus_dir() / name
        for name in (
            "tip2020_qatar_en.txt",
            "tip2021_uzbekistan_en.txt",
            "mizoram_police_aht_en.txt",
            "coe_cp2019_azerbaijan_govreport_en.txt",
        )
        if absent_reason() is None
    ),
    ROOT / "fixtures" / "labelled" / "narrative_negations_ardenia_2020.txt",
    ROOT / "fixtures" / "labelled" / "govreport_pdfstyle_mirestan_2019.txt",
    ROOT / "fixtures" / "labelled" / "ceacr_style_quessania_2022.txt",
]
SEED = ROOT / "fixtures" / "seeds" / "004_9801fec608b1c05e.txt"
MB = 1_000_000


# ── generated reports ────────────────────────────────────────────────────────────────────────────


def _sentences() -> list[str]:
    """The sentences of the English fixtures, unwrapped, provenance lines left out."""
    found = []
    for path in SOURCES:
        text = "\n".join(
            line
            for line in path.read_text(encoding="utf-8").split("\n")
            if not line.startswith(("SOURCE:", "ABOUT:", "NOTE:"))
        )
        for paragraph in re.split(r"\n\s*\n", text):
            joined = " ".join(paragraph.split())
            found += [part for part in re.split(r"(?<=[.;])\s+(?=[A-Z])", joined) if len(part) > 20]
    return found


def _paragraphs(rng: random.Random, sentences: list[str]) -> Iterator[str]:
    """Endless paragraphs of 2 to 7 sentences, figures changed, wrapped at 70 to 95 characters."""
    while True:
        picked = [rng.choice(sentences) for _ in range(rng.randint(2, 7))]
        text = re.sub(r"\d", lambda _: str(rng.randint(0, 9)), " ".join(picked))
        width, lines, line = rng.randint(70, 95), [], ""
        for word in text.split():
            if line and len(line) + 1 + len(word) > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        yield "\n".join([*lines, line])


def generated_report(size: int, seed: int = 0) -> bytes:
    """A report of about `size` bytes: a title, then paragraphs under occasional headings."""
    rng = random.Random(seed)
    parts = [f"REPORT OF THE GOVERNMENT OF COUNTRY {seed} ON THE PROTOCOL OF 2014\n"]
    length = len(parts[0])
    for number, paragraph in enumerate(_paragraphs(rng, _sentences())):
        if length >= size:
            break
        if number % 12 == 11:
            parts.append(f"{number // 12 + 1}. Measures taken in {rng.randint(2015, 2024)}")
        parts.append(paragraph)
        length += len(paragraph) + 2
    return "\n\n".join(parts).encode("utf-8")[:size]


# ── measures ─────────────────────────────────────────────────────────────────────────────────────


def _timed(action: Callable[[], object], repeat: int = 1) -> float:
    """The best of `repeat` runs, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - started)
    return best


def _naive_scan(pack: RulePack, text: str) -> int:
    """Every phrase and pattern of the pack searched over the whole normalised text, one by one."""
    normal = normalise(text)
    hits = 0
    for rule in pack.rules:
        for _, expr in rule.evidence.expressions():
            for leaf in leaves(expr):
                hits += sum(1 for _ in leaf.pattern.finditer(normal))
    return hits


_SENTENCE_END = re.compile(r"(?<=[.;:])\s+(?=[A-Z(])|\n\s*\n")
_WORD = re.compile(r"[^\W_]+")


def _bare_pass(pack: RulePack, text: str) -> int:
    """The least a pass over a report does, as a floor for the engine: normalise each sentence (cut at
    full stops), list its words, and search two phrases in it, judging nothing."""
    phrases = [leaf for rule in pack.rules[:2] for leaf in leaves(rule.evidence.shows)][:2]
    hits = 0
    for sentence in _SENTENCE_END.split(text):
        normal = normalise(sentence)
        hits += len(set(_WORD.findall(normal)))
        hits += sum(1 for phrase in phrases for _ in phrase.pattern.finditer(normal))
    return hits


def _stages(document: Document, pack: RulePack) -> list[tuple[str, float]]:
    """The engine's stages one after the other, each timed alone (the best of three): where the time
    of an audit goes."""
    layout = lay_out(document, pack)
    segments = segment_stretches(list(layout.stretches))
    off = off_subject(segments, pack.subject, layout.kind)
    assessor = Assessor(pack, layout.kind, segments, off, recommendation_lists(segments, pack.cues))
    years = sorted({year for item in segments for year in item.years or ()})
    return [
        ("laying out sections", _timed(lambda: lay_out(document, pack), repeat=3)),
        ("cutting sentences", _timed(lambda: segment_stretches(list(layout.stretches)), repeat=3)),
        ("telling the subject", _timed(lambda: off_subject(segments, pack.subject, layout.kind), repeat=3)),
        (
            "finding lists of recommendations",
            _timed(lambda: recommendation_lists(segments, pack.cues), repeat=3),
        ),
        ("judging", _timed(lambda: judge_all(assessor, pack, pack.rules, layout.sections, years), repeat=3)),
    ]


def engine(pack: RulePack, quick: bool) -> None:
    size = MB // 4 if quick else MB
    data = generated_report(size)
    document = read("generated.txt", data)
    for rule in pack.rules:  # compile every pattern first: neither side pays for compiling
        for _, expr in rule.evidence.expressions():
            for leaf in leaves(expr):
                _ = leaf.pattern
    reading = _timed(lambda: read("generated.txt", data))
    judged = _timed(lambda: audit(document, pack), repeat=3)
    jobs = default_jobs()
    shared = _timed(lambda: audit(document, pack, jobs=jobs), repeat=3)
    naive = _timed(lambda: _naive_scan(pack, data.decode()))
    bare = _timed(lambda: _bare_pass(pack, data.decode()), repeat=3)
    rate = len(data) / MB / judged
    print(
        f"engine      {len(data) / MB:.2f} MB report: engine {judged:.2f} s ({rate:.2f} MB/s) in one process"
    )
    print(
        f"            with --jobs {jobs} (its sentences shared among {jobs} processes): {shared:.2f} s "
        f"({len(data) / MB / shared:.2f} MB/s)"
    )
    print(
        f"            naive scan of every pattern: {naive:.2f} s; the engine is {naive / judged:.1f}x faster"
    )
    print(
        f"            a bare pass (sentences normalised, their words listed, two phrases searched): "
        f"{bare:.2f} s ({len(data) / MB / bare:.1f} MB/s), about the least a pass costs in Python"
    )
    print(f"            reading the text file: {reading:.2f} s ({len(data) / MB / reading:.1f} MB/s)")
    megabytes = len(data) / MB
    timed = _stages(document, pack)
    stages = ", ".join(f"{name} {took:.2f} s ({megabytes / took:.1f} MB/s)" for name, took in timed)
    print(f"            the engine's stages, each timed alone: {stages}")


def _command(*args: str, store: str | None = None) -> float:
    """The wall time of one `ilo-check` run in a fresh process (with its own pack store, if given); a
    run that fails stops the benchmark, which would otherwise time the failure."""
    env = {**os.environ, **({"ILO_CHECK_CACHE_DIR": store} if store is not None else {})}
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "checker", *args], cwd=ROOT, check=False, capture_output=True, env=env
    )
    if done.returncode != 0:
        sys.exit(f"ilo-check {' '.join(args)} failed ({done.returncode}): {done.stderr.decode().strip()}")
    return time.perf_counter() - started


def startup(quick: bool) -> None:
    runs = 3 if quick else 7
    with tempfile.TemporaryDirectory() as store:
        cold = _command("audit", str(SEED), store=store)
        warm = [_command("audit", str(SEED), store=store) for _ in range(runs)]
        version = statistics.median(_command("--version", store=store) for _ in range(runs))
    print(
        f"start-up    ilo-check audit (seed 004, {SEED.stat().st_size / 1000:.0f} KB): "
        f"median {statistics.median(warm):.2f} s, best {min(warm):.2f} s "
        f"(first run, building the pack cache: {cold:.2f} s); ilo-check --version {version:.2f} s"
    )


def scaling(pack: RulePack, quick: bool) -> None:
    sizes = [100_000, MB] if quick else [100_000, MB, 10 * MB]
    line = []
    for size in sizes:
        document = read("generated.txt", generated_report(size, seed=size))
        seconds = _timed(partial(audit, document, pack))
        line.append(f"{size / MB:g} MB {seconds:.2f} s ({seconds / (size / MB):.2f} s/MB)")
    print("scaling     " + ";  ".join(line))


def batch(quick: bool) -> None:
    count = 200 if quick else 2000
    with tempfile.TemporaryDirectory() as folder, tempfile.TemporaryDirectory() as results:
        for number in range(count):
            Path(folder, f"report{number:04}.txt").write_bytes(
                generated_report(random.Random(number).randint(3_000, 12_000), number)
            )
        total = sum(path.stat().st_size for path in Path(folder).iterdir())
        out = Path(results, "result.json")  # outside the folder audited: not a report of the batch
        two = _command("audit", folder, "--jobs", "2", "--format", "json", "--output", str(out))
        one = _command("audit", folder, "--jobs", "1", "--format", "json", "--output", str(out))
    print(
        f"batch       {count} reports ({total / MB:.1f} MB): --jobs 2 {two:.1f} s, --jobs 1 {one:.1f} s "
        f"({one / two:.2f}x)"
    )


def memory(quick: bool) -> None:
    size = MB if quick else 10 * MB
    with tempfile.NamedTemporaryFile(suffix=".txt") as report:
        report.write(generated_report(size, seed=7))
        report.flush()
        # A fresh process: its memory before the audit is the loaded program, its peak after it the
        # audit's. (Linux's VmHWM, not ru_maxrss, which a child inherits from the process that forks it.)
        script = f"""
import sys
sys.path.insert(0, {str(ROOT)!r})
from checker.engine import audit
from checker.readers import read_file
from checker.rules import load_rules
def status(key):
    with open("/proc/self/status") as lines:
        return next(int(line.split()[1]) for line in lines if line.startswith(key))
pack = load_rules()
before = status("VmRSS:")
result = audit(read_file({report.name!r}), pack)
print(before, status("VmHWM:"))
"""
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    before, after = (int(value) * 1024 for value in done.stdout.split())  # the status is in kB
    print(
        f"memory      {size / MB:.0f} MB report: peak {after / MB:.0f} MB in all, the program alone "
        f"{before / MB:.0f} MB; the audit added {(after - before) / MB:.0f} MB, "
        f"{(after - before) / size:.1f}x the input"
    )


def lines(pack: RulePack, quick: bool) -> None:
    size = MB // 4 if quick else MB
    prose = generated_report(size, seed=3)
    words = prose.decode().split()
    short = "\n".join(words).encode()[:size]
    timed = {
        name: _timed(partial(audit, read(f"{name}.txt", data), pack))
        for name, data in (("prose", prose), ("lines", short))
    }
    print(
        f"lines       {size / MB:.2f} MB of prose {timed['prose']:.2f} s; of one word a line "
        f"{timed['lines']:.2f} s ({timed['lines'] / timed['prose']:.1f}x prose)"
    )


def patterns(quick: bool) -> None:
    words = 40 if quick else 160
    sentence = " ".join(["a"] * words) + " c"
    line = []
    for gaps in (3, 4, 5) if quick else (3, 4, 5, 6):
        pattern = compile_phrase(" ... ".join(["a"] * gaps) + " ... b").pattern
        python = _timed(partial(pattern.search, sentence))
        line.append(f"{gaps} gaps {python:.3f} s")
    engine = compile_phrase(" ... ".join(["a"] * 8) + " ... b").engine
    assert engine is not None, "a phrase with gaps is matched by RE2"
    linear = _timed(partial(engine.spans, sentence), repeat=3)
    print(
        f"patterns    a phrase with n gaps on a sentence of {words} words, in Python's engine: "
        f"{', '.join(line)}; with 8 gaps in RE2 (as the audit runs it): {linear * 1e6:.0f} us"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes, for a first look")
    parser.add_argument("--only", default="engine,startup,scaling,batch,memory,lines,patterns")
    arguments = parser.parse_args()
    chosen = set(arguments.only.split(","))
    pack = load_rules()
    print(f"ilo-check speed, rules {pack.name} {pack.version}, Python {sys.version.split()[0]}")
    if "engine" in chosen:
        engine(pack, arguments.quick)
    if "startup" in chosen:
        startup(arguments.quick)
    if "scaling" in chosen:
        scaling(pack, arguments.quick)
    if "batch" in chosen:
        batch(arguments.quick)
    if "memory" in chosen:
        memory(arguments.quick)
    if "lines" in chosen:
        lines(pack, arguments.quick)
    if "patterns" in chosen:
        patterns(arguments.quick)


if __name__ == "__main__":
    main()
