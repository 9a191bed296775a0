"""PDF reports, read page by page with pypdf: every line is cited by its page and its line on that page.

Each page's text is extracted with pypdf's default ("plain") extraction and split into lines; line L of
page P is ``Location(page=P, line=L)``, 1-based, counted in the page's extracted text. Each page is one
TEXT block; the layout joins consecutive text blocks, so a sentence that runs over a page break is one
sentence. Page furniture (running headers and footers, bare page numbers among a page's first and last
lines) is blanked, not dropped, so every other line keeps its number.

What the text layer allows, and what it does not:
- Text comes in the order the file draws it. Word processors, LaTeX and most report generators draw one
  column after the other, so a two-column page reads column by column, as a person reads it. A file that
  draws a page line by line across both columns, or places text boxes out of order, reads interleaved or
  jumbled; nothing here reorders text by its position. (pypdf's "layout" mode keeps positions, which
  interleaves columns line by line, so it is not used.)
- A word hyphenated at a line end comes through as ``word-`` and ``rest`` on two lines; the segmenter
  rejoins it, so the reader keeps the lines as the page has them.
- Tables come out cell by cell in drawing order, without their grid: a label and its answer are two lines
  of text, not a field, so an ILO compilation is found only by its labels, as in a text file.
- Scanned pages are images without text. A file with no text at all is an error (it needs OCR first); a
  file with some scanned pages is read without them, with a warning naming them.
- Encrypted files are read when the empty password opens them (a file that only restricts printing or
  copying), with RC4 or AES (through `cryptography`); otherwise they must be decrypted first.
- Damaged, truncated or non-PDF files are an InputError in one line; pypdf's own log messages about
  repairs are kept off stderr.
- A PDF bomb is refused: pages whose content streams inflate beyond what the file could hold, before
  their text is extracted, and an extraction that goes through far more drawing operators, or draws far
  more characters of text, than a file of its size holds (forms or contents drawn again and again, a
  few operators carrying strings of megabytes), or a page that draws more text than any page holds,
  when it does: the strings are counted as each operator is reached, before pypdf joins them, and each
  page's text once extracted, which a font's map may make longer than its strings (`checker.limits`).
  Nor may extraction parse far more bytes of content than the file holds: pypdf parses a form's whole
  content again at each ``Do`` that draws it, so each draw is charged the form's inflated length, whatever
  it holds (megabytes of whitespace carry no operator and no text), and a form, like a page's contents,
  may not inflate beyond what the file could hold.
"""

from __future__ import annotations

import contextlib
import io
import logging
import warnings
from collections.abc import Iterator

from pypdf import PageObject, PasswordType, PdfReader
from pypdf.errors import DependencyError
from pypdf.generic import DictionaryObject, StreamObject

from checker import limits
from checker.errors import InputError, one_line
from checker.model import Block, BlockKind, Document, Location, Paragraphs, SourceLine
from checker.readers.encoding import split_lines
from checker.readers.furniture import page_furniture

__all__ = ["read"]

# The header may stand after some junk, but within the first kilobyte (as PDF viewers accept it).
_HEADER = b"%PDF-"
_HEADER_WINDOW = 1024


@contextlib.contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """Keep pypdf's log messages and warnings ("EOF marker not found") off stderr: the CLI owes the user
    one line per bad file, and a file pypdf repaired is read as it is."""
    logger = logging.getLogger("pypdf")
    handler = logging.NullHandler()
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def _open(path: str, data: bytes) -> PdfReader:
    """The file parsed and, if it is encrypted, opened with the empty password."""
    if not data:
        raise InputError("empty file, not a PDF", path=path)
    if _HEADER not in data[:_HEADER_WINDOW]:
        raise InputError("not a PDF (no %PDF- header)", path=path)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except DependencyError:
                raise InputError(
                    "encrypted with AES; decrypt it first",
                    path=path,
                    hint="or install the cryptography package to read it",
                ) from None
            if opened == PasswordType.NOT_DECRYPTED:
                raise InputError("encrypted; decrypt it first", path=path)
        if len(reader.pages) == 0:
            raise InputError("the PDF has no pages", path=path)
    except InputError:
        raise
    # pypdf raises whatever its parser meets in a damaged file (PdfReadError, but also KeyError,
    # TypeError, zlib.error, RecursionError...): to the user each means the same thing.
    except Exception as error:
        raise InputError(f"damaged or truncated PDF: {one_line(error)}", path=path) from None
    return reader


def _page_list(numbers: list[int]) -> str:
    """Page numbers for a message, runs shortened: "page 2", "pages 2, 5-7"."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    text = ", ".join(str(run[0]) if len(run) == 1 else f"{run[0]}-{run[-1]}" for run in runs)
    return f"page {text}" if len(numbers) == 1 else f"pages {text}"


def _content_bytes(page: PageObject) -> int:
    """How long the page's drawing operators are, inflated: what extracting its text must parse."""
    contents = page.get_contents()
    return len(contents.get_data()) if contents is not None else 0


class _OverBudget(BaseException):
    """Text extraction went past one of the budgets of `_Budget`, named by `what`: "operators",
    "characters" (of the file), "page" (characters of the page), "parsed" (bytes of content parsed) or
    "inflated" (bytes of content inflated). A BaseException, so that pypdf, which reads on past an
    Exception in a form, lets it through."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


# The operators that draw text: Tj and ' draw their string, " its third operand, TJ its array's strings.
_DRAWS_TEXT = frozenset({b"Tj", b"'", b'"', b"TJ"})


def _drawn(operator: object, operands: object) -> list[object]:
    """What a text operator draws, as pypdf goes through it: its operands, or a TJ's array."""
    if not isinstance(operands, list):  # pypdf gives a list: anything else draws nothing
        return []
    if operator == b'"':
        return operands[2:]
    if operator == b"TJ":
        return operands[0] if operands and isinstance(operands[0], list) else []
    return operands


class _Budget:
    """What text extraction may still go through (see `checker.limits`): drawing operators, characters of
    text and bytes of content parsed for the whole file, and characters for the page being extracted; and
    how far the file's content (each page's, and each form's once) has inflated."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.operators = max(limits.MIN_PDF_OPERATORS, limits.PDF_OPERATORS_PER_BYTE * size)
        self.characters = min(
            limits.MAX_PDF_CHARACTERS, max(limits.MIN_PDF_CHARACTERS, limits.PDF_CHARACTERS_PER_BYTE * size)
        )
        self.parsed = max(limits.MIN_PDF_PARSED_BYTES, limits.MAX_INFLATE_RATIO * size)
        self.operators_left = self.operators
        self.characters_left = self.characters
        self.page_characters_left = limits.MAX_PDF_PAGE_CHARACTERS
        self.text_left = self.characters
        self.parsed_left = self.parsed
        self.inflated = 0
        # Each form reached so far (by id, kept alive here) and its inflated length; and, for the page
        # being extracted, the largest inflated length of a form of each name its resources reach.
        self.form_sizes: dict[int, tuple[StreamObject, int]] = {}
        self.page_forms: dict[str, int] = {}

    def inflate(self, length: int) -> None:
        """`length` more bytes of content inflated (a page's, or a form's the first time it is reached):
        past MAX_INFLATE_RATIO to 1, beyond a megabyte, that is a bomb."""
        self.inflated += length
        if self.inflated > limits.LARGE_MEMBER_BYTES and self.inflated > limits.MAX_INFLATE_RATIO * self.size:
            raise _OverBudget("inflated")

    def new_page(self, page: PageObject) -> None:
        """The page's own budget starts again; its contents are inflated and charged as parsed, and the
        forms its resources reach are measured (each inflated once for the file)."""
        self.page_characters_left = limits.MAX_PDF_PAGE_CHARACTERS
        self.page_forms = {}  # before anything can fail: a damaged page leaves no forms of its own
        contents = _content_bytes(page)
        self.inflate(contents)
        self.parse(contents)
        self.page_forms = self._forms(page)

    def parse(self, length: int) -> None:
        """`length` more bytes of content for pypdf to parse."""
        self.parsed_left -= length
        if self.parsed_left < 0:
            raise _OverBudget("parsed")

    def _forms(self, page: PageObject) -> dict[str, int]:
        """The largest inflated length of the forms of each name in the /XObject resources the page
        reaches, its own and its forms' (each dictionary walked once: cycles end), images left out. A
        form's name is looked up in the resources of what draws it, which the visitor is not told, so a
        name in several dictionaries counts as its largest form. Each entry walked counts as an operator,
        so that resources spread over many forms and pages are not walked without end."""
        forms: dict[str, int] = {}
        walked: set[int] = set()
        pending: list[object] = [page.get_inherited("/Resources", None)]
        while pending:
            resources = _resolved(pending.pop())
            xobjects = (
                _resolved(resources.get("/XObject")) if isinstance(resources, DictionaryObject) else None
            )
            if not isinstance(xobjects, DictionaryObject) or id(xobjects) in walked:
                continue
            walked.add(id(xobjects))
            for name, value in xobjects.items():
                self.operators_left -= 1
                if self.operators_left < 0:
                    raise _OverBudget("operators")
                xobject = _resolved(value)
                if not isinstance(xobject, StreamObject) or xobject.get("/Subtype") != "/Form":
                    continue
                if id(xobject) not in self.form_sizes:
                    try:
                        length = len(xobject.get_data())
                    except Exception:  # pypdf cannot decode it either, and skips the form: nothing to parse
                        length = 0
                    self.form_sizes[id(xobject)] = (xobject, length)
                    self.inflate(length)
                forms[name] = max(forms.get(name, 0), self.form_sizes[id(xobject)][1])
                pending.append(xobject.get("/Resources"))
        return forms

    def spend(self, operator: object, operands: object, *_: object) -> None:
        """pypdf's ``visitor_operand_before``: called for every operator, of forms too, before pypdf goes
        through it, so a text operator's strings are counted before pypdf joins them to the page's text,
        and a form's content before pypdf parses it again."""
        self.operators_left -= 1
        if operator == b"Do" and isinstance(operands, list) and operands and isinstance(operands[0], str):
            self.parse(self.page_forms.get(operands[0], 0))
        if operator in _DRAWS_TEXT:
            drawn = _drawn(operator, operands)
            if operator == b"TJ":  # pypdf goes through each element, string or shift, as an operator
                self.operators_left -= len(drawn)
            characters = sum(len(item) for item in drawn if isinstance(item, (str, bytes)))
            self.page_characters_left -= characters
            self.characters_left -= characters
            if self.page_characters_left < 0:
                raise _OverBudget("page")
            if self.characters_left < 0:
                raise _OverBudget("characters")
        if self.operators_left < 0:
            raise _OverBudget("operators")

    def check_text(self, text: str) -> None:
        """The page's text, as pypdf gave it, is held to the same budgets of characters as its strings:
        a font's /ToUnicode map may turn each character drawn into up to 256 (as many as pypdf allows)."""
        self.text_left -= len(text)
        if len(text) > limits.MAX_PDF_PAGE_CHARACTERS:
            raise _OverBudget("page")
        if self.text_left < 0:
            raise _OverBudget("characters")


def _resolved(value: object) -> object:
    """`value`, an indirect reference followed (pypdf keeps each object it resolves: its id stays)."""
    get_object = getattr(value, "get_object", None)
    return get_object() if callable(get_object) else value


def _refusal(over: _OverBudget, budget: _Budget, number: int) -> str:
    """Why the extraction stopped on page `number`, past `budget`, in a line."""
    size = budget.size
    if over.what == "inflated":
        return (
            f"refused: by page {number} the content inflates {budget.inflated // size} to 1, to "
            f"{budget.inflated // limits.MEGABYTE} MB (a PDF bomb?)"
        )
    if over.what == "parsed":
        return (
            f"refused: by page {number} the text takes over {budget.parsed:,} bytes of content to parse, "
            f"more than a file of {size:,} bytes holds (a PDF bomb?)"
        )
    if over.what == "page":
        return (
            f"refused: page {number} draws over {limits.MAX_PDF_PAGE_CHARACTERS:,} characters of text, "
            "more than any page holds (a PDF bomb?)"
        )
    if over.what == "characters":
        return (
            f"refused: by page {number} the text draws over {budget.characters:,} characters, more than "
            f"a file of {size:,} bytes holds (a PDF bomb?)"
        )
    return (
        f"refused: by page {number} the text takes over {budget.operators:,} drawing operators to "
        f"extract, more than a file of {size:,} bytes holds (a PDF bomb?)"
    )


def _extract(path: str, reader: PdfReader, size: int) -> tuple[list[list[str]], dict[int, str]]:
    """Each page's lines (none for a page without text), and why each page that failed could not be read;
    InputError when the pages inflate or draw like a bomb from a file of `size` bytes."""
    pages: list[list[str]] = []
    failed: dict[int, str] = {}
    budget = _Budget(size)
    for number in range(1, len(reader.pages) + 1):
        try:
            page = reader.pages[number - 1]
            budget.new_page(page)
            text = page.extract_text(visitor_operand_before=budget.spend)
            budget.check_text(text)
        except _OverBudget as over:
            raise InputError(_refusal(over, budget, number), path=path) from None
        # A damaged page is left out and named; the others are still read (see _open on the breadth).
        except Exception as error:
            failed[number] = one_line(error)
            text = ""
        pages.append(split_lines(text) if text.strip() else [])
    if failed and not any(pages):
        first = min(failed)
        raise InputError(f"damaged PDF: no page could be read (page {first}: {failed[first]})", path=path)
    return pages, failed


def _filled_fields(reader: PdfReader) -> int:
    """How many of the form's fields hold an answer: their text is not on the page, and is not read."""
    try:
        fields = reader.get_fields() or {}
        return sum(1 for field in fields.values() if field.get("/V") not in (None, "", "/Off"))
    except Exception:  # a damaged form: the pages are still read
        return 0


def read(path: str, data: bytes) -> Document:
    """Read a PDF report: one text block per page, lines cited by page and line, furniture blanked."""
    with _quiet_pypdf():
        reader = _open(path, data)
        pages, failed = _extract(path, reader, len(data))
        filled = _filled_fields(reader)
    fields_note = (
        f"{filled} filled form field{'s' if filled > 1 else ''} not read: their answers are not audited "
        "(print the form to a new PDF, or flatten it, first)"
    )
    empty = [number for number, lines in enumerate(pages, start=1) if not lines and number not in failed]
    if not any(pages):
        told = f"; {fields_note}" if filled else ""
        raise InputError(
            f"no text layer on any page: the PDF needs OCR before it can be audited{told}", path=path
        )
    notes = [f"page {number} could not be read and is not audited: {why}" for number, why in failed.items()]
    if filled:
        notes.append(fields_note)
    if empty:
        notes.append(f"no text layer on {_page_list(empty)} (scanned?): not audited without OCR")
    blocks = []
    for number, (lines, furniture) in enumerate(zip(pages, page_furniture(pages), strict=True), start=1):
        if not lines:
            continue
        source_lines = tuple(
            SourceLine("" if index in furniture else line, Location(page=number, line=index + 1))
            for index, line in enumerate(lines)
        )
        blocks.append(Block(BlockKind.TEXT, source_lines))
    return Document(path, "pdf", tuple(blocks), warnings=tuple(notes), paragraphs=Paragraphs.LOOSE)
