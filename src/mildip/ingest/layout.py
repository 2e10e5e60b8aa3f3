"""Render a text file in other layouts, to check that layout does not decide extraction.

* :func:`wrap_text` hard-wraps the body of a text at ``width`` columns with
  :mod:`textwrap` (each non-blank line filled on its own, blank lines kept, words
  never split, breaks allowed after hyphens); the ``Key: value`` header above
  ``---`` is kept as it is.
* :func:`render_pdf` typesets a text as an A4 PDF with a real text layer (fpdf2,
  the ``dev`` extra): header lines first, each on one line (in a smaller type when
  a line is long), then the ``---`` line, then the body in 11 pt Helvetica, a blank
  line of the text becoming a paragraph gap. Helvetica covers Windows-1252 only:
  any other character (CJK, for instance) is written as :data:`PLACEHOLDER`, a
  middle dot - not ``?``, which would end a sentence and make it a question - so
  that the variant differs from the text in layout only, as far as the font allows.
  The title and author of the header also go to the PDF's metadata; the same text
  always gives the same bytes. The ingest reader (:mod:`mildip.ingest.pdf`) reads
  such a file back with its header.
* :func:`write_variants` writes, for every ``NAME.txt`` of a folder,
  ``OUT/wrap<width>/NAME.txt`` and ``OUT/pdf/NAME.pdf``, with a copy of
  ``NAME.gold.jsonl`` beside each, so that each variant folder can be scored like
  the original.

Command line::

    python -m mildip.ingest.layout SRC_DIR OUT_DIR --wrap 72 --pdf
"""

from __future__ import annotations

import argparse
import shutil
import sys
import textwrap
from datetime import UTC, datetime
from pathlib import Path

from mildip._exceptions import MissingExtraError
from mildip.ingest.header import parse_header

PDF_ENCODING = "windows-1252"
PLACEHOLDER = "\u00b7"
"""What a character outside :data:`PDF_ENCODING` is written as in a PDF variant."""
BODY_SIZE = 11.0
"""Body type size in points."""
LINE_HEIGHT = 5.5
"""Body line pitch in millimetres."""
PARAGRAPH_GAP = 4.0
"""Extra space of a blank line in millimetres (a paragraph gap)."""
MIN_HEADER_SIZE = 4.0
"""Header lines shrink to fit the page width, down to this size in points."""
GOLD_SUFFIX = ".gold.jsonl"
FIXED_DATE = datetime(2000, 1, 1, tzinfo=UTC)
"""The PDFs' creation date: fixed, so the same text always gives the same bytes."""


def _split(text: str) -> tuple[str, str]:
    """``(header, body)``: the header lines up to and with ``---\\n`` (or ``""``)."""
    _meta, body, offset = parse_header(text)
    return text[:offset], body


def wrap_text(text: str, width: int = 72) -> str:
    """``text`` with every body line hard-wrapped at ``width`` columns; header unchanged."""
    header, body = _split(text)
    lines = [
        textwrap.fill(line, width, break_long_words=False) if line.strip() else line
        for line in body.split("\n")
    ]
    return header + "\n".join(lines)


def _printable(line: str) -> str:
    """``line`` with every character the core font cannot encode as :data:`PLACEHOLDER`."""
    return "".join(c if _encodable(c) else PLACEHOLDER for c in line)


def _encodable(char: str) -> bool:
    try:
        char.encode(PDF_ENCODING)
    except UnicodeEncodeError:
        return False
    return True


def render_pdf(text: str) -> bytes:
    """The A4 PDF of ``text`` (module docstring); needs fpdf2 (``pip install mildip[dev]``)."""
    try:
        from fpdf import FPDF
    except ImportError as exc:
        raise MissingExtraError("dev", "fpdf2") from exc
    meta, _body, _offset = parse_header(text)
    header, body = _split(text)
    pdf = FPDF(format="A4")
    pdf.core_fonts_encoding = PDF_ENCODING
    pdf.set_creation_date(FIXED_DATE)
    if meta.get("title"):
        pdf.set_title(_printable(meta["title"]))
    if meta.get("author"):
        pdf.set_author(_printable(meta["author"]))
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    for line in header.splitlines():
        line = _printable(line)
        size = BODY_SIZE
        pdf.set_font("Helvetica", size=size)
        while size > MIN_HEADER_SIZE and pdf.get_string_width(line) > pdf.epw:
            size -= 0.5
            pdf.set_font("Helvetica", size=size)
        pdf.cell(pdf.epw, LINE_HEIGHT, line, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=BODY_SIZE)
    for line in body.split("\n"):
        if line.strip():
            pdf.multi_cell(pdf.epw, LINE_HEIGHT, _printable(line), new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.ln(PARAGRAPH_GAP)
    return bytes(pdf.output())


def write_variants(
    src: Path, out: Path, wrap: int | None = 72, pdf: bool = True
) -> dict[str, Path]:
    """Write the variants of every ``NAME.txt`` of ``src`` under ``out``.

    Returns the variant folders by name (``wrap72``, ``pdf``). Gold files
    (``NAME.gold.jsonl``) are copied beside each variant.
    """
    texts = sorted(p for p in Path(src).glob("*.txt") if p.is_file())
    if not texts:
        raise FileNotFoundError(f"{src} holds no NAME.txt file")
    folders: dict[str, Path] = {}
    if wrap:
        folders[f"wrap{wrap}"] = Path(out) / f"wrap{wrap}"
    if pdf:
        folders["pdf"] = Path(out) / "pdf"
    for folder in folders.values():
        folder.mkdir(parents=True, exist_ok=True)
    for path in texts:
        text = path.read_text("utf-8")
        gold = path.with_name(path.stem + GOLD_SUFFIX)
        for name, folder in folders.items():
            if name == "pdf":
                (folder / f"{path.stem}.pdf").write_bytes(render_pdf(text))
            else:
                (folder / path.name).write_text(wrap_text(text, wrap), encoding="utf-8")
            if gold.is_file():
                shutil.copyfile(gold, folder / gold.name)
    return folders


def main(argv: list[str] | None = None) -> int:
    """``python -m mildip.ingest.layout SRC_DIR OUT_DIR [--wrap N] [--pdf]``."""
    parser = argparse.ArgumentParser(
        prog="python -m mildip.ingest.layout",
        description="Write hard-wrapped and PDF variants of the NAME.txt files of a folder, "
        "with their NAME.gold.jsonl files.",
    )
    parser.add_argument("src", type=Path, help="folder of NAME.txt (and NAME.gold.jsonl) files")
    parser.add_argument("out", type=Path, help="folder to write the variant folders into")
    parser.add_argument(
        "--wrap",
        type=int,
        default=None,
        metavar="N",
        help="write OUT/wrapN/: the texts hard-wrapped at N columns",
    )
    parser.add_argument("--pdf", action="store_true", help="write OUT/pdf/: the texts as PDFs")
    args = parser.parse_args(argv)
    if not args.wrap and not args.pdf:
        parser.error("give --wrap N, --pdf or both")
    if args.wrap is not None and args.wrap < 10:
        parser.error(f"--wrap {args.wrap} is too narrow; give at least 10 columns")
    if not args.src.is_dir():
        parser.error(f"{args.src} is not a folder")
    try:
        folders = write_variants(args.src, args.out, args.wrap, args.pdf)
    except (FileNotFoundError, MissingExtraError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for name, folder in folders.items():
        print(f"{name}: {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
