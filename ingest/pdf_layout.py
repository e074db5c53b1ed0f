"""Rebuild paragraphs, headings and bullets from the positions of text in a PDF.

pypdf gives text runs with their transformation matrices and font sizes. Vertical gaps between
lines tell paragraphs apart, larger fonts mark headings, and bullet glyphs drawn beside a line
mark list items. Single-column layouts are assumed (see the report's known weaknesses).
"""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from .cleaning import WordEvidence, clean_inline, is_terminal, join_lines, split_bullet
from .document import HEADING, LIST_ITEM, PARAGRAPH, Block

_PAGE_NUMBER = re.compile(r"(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?", re.I)


@dataclass
class Run:
    text: str
    x: float
    down: float  # distance from the top of the page, so reading order sorts ascending
    size: float
    bold: bool


@dataclass
class Line:
    runs: list[Run]
    page: int
    text: str = ""
    bullet: bool = False

    @property
    def first(self) -> Run:
        return min(self.runs, key=lambda run: run.x)

    @property
    def size(self) -> float:
        return max(self.runs, key=lambda run: len(run.text.strip())).size

    @property
    def bold(self) -> bool:
        return all(run.bold for run in self.runs if run.text.strip())


@dataclass
class _Group:
    lines: list[Line] = field(default_factory=list)
    bullet: bool = False


def page_runs(page) -> tuple[list[Run], str]:
    """Positioned text runs from one pypdf page, and its plain text, from a single pass (pypdf's
    text extraction is most of a PDF's import time, so it runs once per page)."""
    runs: list[Run] = []

    def visit(text, cm, tm, font_dict, font_size):
        if not text or not text.strip():
            return
        a = tm[0] * cm[0] + tm[1] * cm[2]
        b = tm[0] * cm[1] + tm[1] * cm[3]
        c = tm[2] * cm[0] + tm[3] * cm[2]
        d = tm[2] * cm[1] + tm[3] * cm[3]
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        size = abs(font_size or 0) * math.sqrt(abs(a * d - b * c)) or 1.0
        name = str((font_dict or {}).get("/BaseFont", ""))
        bold = "bold" in name.lower() or "black" in name.lower()
        for offset, piece in enumerate(text.split("\n")):
            if piece.strip():
                runs.append(Run(piece, x, -y + offset * size * 1.2, round(size, 1), bold))

    text = page.extract_text(visitor_text=visit) or ""
    return runs, text


def runs_to_lines(runs: list[Run], page: int) -> list[Line]:
    """Group runs that share a baseline; a bullet drawn later still joins its line."""
    lines: list[Line] = []
    for run in runs:
        target = None
        for line in reversed(lines[-80:]):
            if abs(line.first.down - run.down) <= 0.35 * max(run.size, 1) and _beside(line, run):
                target = line
                break
        if target is None:
            lines.append(Line([run], page))
        else:
            target.runs.append(run)
    for line in lines:
        ordered = sorted(line.runs, key=lambda run: run.x)
        text = ""
        for run in ordered:
            piece = run.text
            if text and not text.endswith(" ") and not piece.startswith(" "):
                text += " "
            text += piece
        body, bullet = split_bullet(text)
        line.text, line.bullet = clean_inline(body), bullet
    return [line for line in lines if line.text]


def _beside(line: Line, run: Run) -> bool:
    start = line.first.x
    end = max(r.x + len(r.text) * r.size * 0.6 for r in line.runs)
    width = len(run.text) * run.size * 0.6
    return run.x + width <= start + run.size or start - run.size <= run.x <= end + 3 * run.size


def lines_to_blocks(pages: list[list[Line]], evidence: WordEvidence) -> list[Block]:
    """Turn positioned lines (all pages, in order) into blocks."""
    lines = _drop_running_heads(pages)
    if not lines:
        return []
    body_size = _body_size(lines)
    spacing = _line_spacing(lines, body_size)
    groups: list[_Group] = []
    for line in lines:
        if not groups or _starts_group(groups[-1].lines[-1], line, spacing, body_size):
            groups.append(_Group([line], line.bullet))
        else:
            groups[-1].lines.append(line)
    groups = _split_line_lists(groups)
    heading_sizes = sorted({g.lines[0].size for g in groups if _is_big(g, body_size)}, reverse=True)
    blocks = []
    for group in groups:
        text = join_lines([line.text for line in group.lines], evidence)
        if not text:
            continue
        first = group.lines[0]
        if _is_big(group, body_size):
            level = min(heading_sizes.index(first.size) + 1, 6)
            blocks.append(Block(HEADING, text, level))
        elif first.bold and len(text.split()) <= 12 and not is_terminal(text) and not group.bullet:
            blocks.append(Block(HEADING, text, min(len(heading_sizes) + 1, 6)))
        elif group.bullet:
            blocks.append(Block(LIST_ITEM, text))
        else:
            blocks.append(Block(PARAGRAPH, text))
    return blocks


def _split_line_lists(groups: list[_Group]) -> list[_Group]:
    """After a colon, a run of short capitalised lines is a list written one entry per line."""
    out: list[_Group] = []
    for group in groups:
        lines = group.lines
        colon = next((i for i, line in enumerate(lines) if line.text.endswith(":")), None)
        run = lines[colon + 1 :] if colon is not None else []
        capitalised = sum(1 for line in run if line.text[:1].isupper())
        if (
            len(run) < 3
            or any(len(line.text) > 60 for line in run)
            or capitalised < 0.75 * len(run)
        ):
            out.append(group)
            continue
        out.append(_Group(lines[: colon + 1], group.bullet))
        for line in run:
            previous = out[-1].lines[-1].text if out[-1].bullet and len(out) > 1 else ""
            single_word = len(line.text.split()) == 1
            if previous and (
                line.text[:1].islower() or (single_word and not is_terminal(previous))
            ):
                out[-1].lines.append(line)
            else:
                out.append(_Group([line], True))
    return out


def _is_big(group: _Group, body_size: float) -> bool:
    return group.lines[0].size >= body_size * 1.15 and not group.bullet


def _body_size(lines: list[Line]) -> float:
    weights: Counter[float] = Counter()
    for line in lines:
        weights[line.size] += len(line.text)
    return weights.most_common(1)[0][0]


def _line_spacing(lines: list[Line], body_size: float) -> float:
    gaps = [
        nxt.first.down - line.first.down
        for line, nxt in zip(lines, lines[1:], strict=False)
        if line.page == nxt.page
        and line.size == nxt.size == body_size
        and nxt.first.down > line.first.down
    ]
    return statistics.median(gaps) if gaps else body_size * 1.2


def _starts_group(prev: Line, line: Line, spacing: float, body_size: float) -> bool:
    if line.bullet or abs(line.size - prev.size) > 0.5 or line.bold != prev.bold:
        return True
    if line.page != prev.page:
        return is_terminal(prev.text) or not line.text[:1].islower()
    gap = line.first.down - prev.first.down
    expected = spacing * line.size / body_size
    if gap <= 0 or gap > expected * 1.3:
        # Extraction debris: a gap inside a sentence that carries on in lower case.
        carries_on = line.text[:1].islower() or prev.text.endswith("-")
        return is_terminal(prev.text) or not carries_on
    # A first-line indent after a finished sentence starts a new paragraph.
    return is_terminal(prev.text) and line.first.x > prev.first.x + line.size


def _drop_running_heads(pages: list[list[Line]]) -> list[Line]:
    """Drop page numbers and lines repeated at the top or bottom of most pages."""
    repeated: Counter[str] = Counter()
    for lines in pages:
        edges = {index for index in range(len(lines)) if index < 2 or index >= len(lines) - 2}
        repeated.update({_shape(lines[index].text) for index in edges})
    threshold = max(3, len(pages) // 2 + 1)
    kept = []
    for lines in pages:
        for index, line in enumerate(lines):
            edge = index < 2 or index >= len(lines) - 2
            if edge and (
                _PAGE_NUMBER.fullmatch(line.text) or repeated[_shape(line.text)] >= threshold
            ):
                continue
            kept.append(line)
    return kept


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", text.lower())
