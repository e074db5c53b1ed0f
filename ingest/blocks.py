"""Split plain text or HTML into blocks (headings, paragraphs, list items).

Every reader ends here, so analysis sees the same shapes whatever the file format was.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from .cleaning import (
    clean_inline,
    find_boilerplate,
    is_terminal,
    looks_hard_wrapped,
    repair_extracted_text,
    split_bullet,
)
from .document import HEADING, LIST_ITEM, PARAGRAPH, Block, SourceHints

_URLISH = re.compile(r"https?://|www\.|\S+\.(?:uk|com|org|net|io)\b|@\S+\.", re.I)
_NON_CONTENT = (
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "object",
    "embed",
    "svg",
    "math",
    "canvas",
    "form",
    "button",
    "select",
    "input",
    "textarea",
)
_FURNITURE = ("nav", "header", "footer", "aside")
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_PARAGRAPHS = {"p", "pre", "blockquote", "figcaption", "dt", "dd", "address", "caption"}
_LISTS = {"ul", "ol", "dl"}

MAX_HEADING_WORDS = 12
# A transcript's speaker line: a name and a time stamp ("Kayla Jones 00:05", "Tarek 01:23:10").
SPEAKER_TURN = re.compile(
    r"^[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3}:? \(?\d{1,2}:\d{2}(?::\d{2})?\)?$"
)
MAX_TITLE_WORDS = 30  # a document's opening line may be a long title, often a question


def looks_like_heading(text: str, next_text: str | None, *, opening: bool = False) -> bool:
    """Guess whether a line of plain text is a heading: short, unpunctuated, followed by text.

    At the ``opening`` of a document (only headings so far) a longer line may be the title."""
    words = text.split()
    most_words, most_chars = (MAX_TITLE_WORDS, 250) if opening else (MAX_HEADING_WORDS + 2, 120)
    if not words or len(words) > most_words or len(text) > most_chars or next_text is None:
        return False
    if not (text[:1].isupper() or text[:1].isdigit()) or _URLISH.search(text):
        return False
    if sum(ch.isalpha() for ch in text) < 2:
        return False
    if text.endswith("?"):
        return True
    too_long = len(words) > (MAX_TITLE_WORDS if opening else MAX_HEADING_WORDS)
    return not (too_long or is_terminal(text) or text.endswith((",", "″", "…")))


def text_to_blocks(text: str, hints: SourceHints | None = None) -> list[Block]:
    """Split plain text into blocks; text copied out of a PDF is repaired first."""
    hints = hints if hints is not None else SourceHints()
    notes = hints.notes
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = _without_boilerplate(lines, hints)
    text = "\n".join(lines)
    if looks_hard_wrapped(text):
        text = repair_extracted_text(text)
        notes.append("text looked like PDF extraction (broken lines); rejoined paragraphs")
    units = []
    for raw in text.split("\n"):
        body, bullet = split_bullet(raw)
        body = clean_inline(body)
        if body:
            units.append((body, bullet))
    blocks: list[Block] = []
    transcript = sum(1 for body, _ in units if SPEAKER_TURN.match(body)) >= 3
    for index, (body, bullet) in enumerate(units):
        following = units[index + 1][0] if index + 1 < len(units) else None
        if bullet:
            blocks.append(Block(LIST_ITEM, body))
        elif SPEAKER_TURN.match(body) or (transcript and not _at_opening(blocks)):
            # In a transcript, "Kayla Jones 00:05" names who speaks and questions are speech.
            blocks.append(Block(PARAGRAPH, body))
        elif looks_like_heading(body, following, opening=_at_opening(blocks)):
            # Headings that open the document (a label, then the title) are top level.
            leading = all(block.kind == HEADING for block in blocks)
            blocks.append(Block(HEADING, body, 1 if leading else 2))
        else:
            blocks.append(Block(PARAGRAPH, body))
    return blocks


def _at_opening(blocks: list[Block]) -> bool:
    return len(blocks) < 3 and all(block.kind == HEADING for block in blocks)


def drop_boilerplate_blocks(blocks: list[Block], hints: SourceHints) -> list[Block]:
    """Remove furniture blocks that survived HTML extraction (a trailing "Read more")."""
    texts = _without_boilerplate([block.text for block in blocks], hints, keep_indexes=True)
    return [blocks[int(i)] for i in texts]


def _without_boilerplate(lines: list[str], hints: SourceHints, keep_indexes: bool = False):
    found, teaser = find_boilerplate(lines)
    drop = set(found)
    if found:
        hints.notes.append(
            f"removed web boilerplate: {_quote_list(lines[i].strip() for i in found)}"
        )
    if teaser is not None:
        drop.add(teaser)
        hints.link_title = clean_inline(lines[teaser])
        hints.notes.append(f'moved the closing link "{hints.link_title}" out of the body')
    kept = [i for i in range(len(lines)) if i not in drop]
    return kept if keep_indexes else [lines[i] for i in kept]


def parse_html(markup: str) -> etree._Element | None:
    """Parse HTML leniently; None when there is no document to speak of."""
    try:
        return lxml.html.document_fromstring(markup)
    except (etree.ParserError, ValueError):
        return None


def html_to_blocks(markup: str | etree._Element, *, drop_furniture: bool = False) -> list[Block]:
    """Walk HTML and return its blocks; scripts, styles and forms never contribute text."""
    root = parse_html(markup) if isinstance(markup, str) else markup
    if root is None:
        return []
    removable = _NON_CONTENT + (_FURNITURE if drop_furniture else ())
    for element in list(root.iter(*removable)):
        _drop_keep_tail(element)
    for br in list(root.iter("br")):
        br.tail = " " + (br.tail or "")
    body = root.find(".//body")
    blocks: list[Block] = []
    _walk(body if body is not None else root, blocks, depth=0)
    return blocks


def _drop_keep_tail(element: etree._Element) -> None:
    parent = element.getparent()
    if parent is None:
        return
    # Removing an element in lxml would also remove its tail text, which belongs to the parent.
    tail = element.tail
    previous = element.getprevious()
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


MAX_NESTING = 100


def _walk(element: etree._Element, blocks: list[Block], depth: int, nesting: int = 0) -> None:
    if nesting > MAX_NESTING:
        # Absurdly deep markup is flattened rather than recursed into.
        _add(blocks, PARAGRAPH, _text(element))
        return
    loose = [element.text or ""]
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        tag = tag.lower()
        if tag in _HEADINGS or tag in _PARAGRAPHS or tag in _LISTS or tag in ("table", "li"):
            _flush(loose, blocks)
            loose = []
            _emit(child, tag, blocks, depth, nesting + 1)
        elif tag and _has_block_children(child):
            _flush(loose, blocks)
            loose = []
            _walk(child, blocks, depth, nesting + 1)
        else:
            loose.append(_text(child))
        loose.append(child.tail or "")
    _flush(loose, blocks)


def _emit(element: etree._Element, tag: str, blocks: list[Block], depth: int, nesting: int) -> None:
    if tag in _HEADINGS:
        _add(blocks, HEADING, _text(element), _HEADINGS[tag])
    elif tag in _LISTS:
        for item in element:
            if isinstance(item.tag, str) and item.tag.lower() in ("li", "dt", "dd"):
                _emit_item(item, blocks, depth, nesting)
    elif tag == "li":
        _emit_item(element, blocks, depth, nesting)
    elif tag == "table":
        for row in element.iter("tr"):
            cells = [_text(cell) for cell in row if isinstance(cell.tag, str)]
            _add(blocks, PARAGRAPH, " | ".join(cell for cell in cells if cell))
    elif tag == "blockquote" and _has_block_children(element):
        _walk(element, blocks, depth, nesting)
    else:
        _add(blocks, PARAGRAPH, _text(element))


def _emit_item(item: etree._Element, blocks: list[Block], depth: int, nesting: int) -> None:
    if nesting > MAX_NESTING:
        _add(blocks, LIST_ITEM, _text(item), depth)
        return
    own = [item.text or ""]
    nested = []
    for child in item:
        if isinstance(child.tag, str) and child.tag.lower() in _LISTS:
            nested.append(child)
        else:
            own.append(_text(child))
        own.append(child.tail or "")
    _add(blocks, LIST_ITEM, "".join(own), depth)
    for child in nested:
        for grandchild in child:
            if isinstance(grandchild.tag, str) and grandchild.tag.lower() == "li":
                _emit_item(grandchild, blocks, depth + 1, nesting + 1)


_BLOCK_TAGS = tuple(
    set(_HEADINGS)
    | _PARAGRAPHS
    | _LISTS
    | {"div", "section", "article", "main", "table", "li", "figure", "body"}
    | set(_FURNITURE)
)


def _has_block_children(element: etree._Element) -> bool:
    return next(element.iterdescendants(*_BLOCK_TAGS), None) is not None


def _text(element: etree._Element) -> str:
    # Comments and processing instructions carry no reader-facing text.
    return element.text_content() if isinstance(element.tag, str) else ""


def _flush(parts: list[str], blocks: list[Block]) -> None:
    _add(blocks, PARAGRAPH, "".join(parts))


def _add(blocks: list[Block], kind: str, text: str, level: int = 0) -> None:
    body = clean_inline(text)
    if kind != HEADING:
        body, bullet = split_bullet(body)
        kind = LIST_ITEM if bullet and kind == PARAGRAPH else kind
        body = body.strip()
    if body and any(ch.isalnum() for ch in body):
        blocks.append(Block(kind, body, level))


def _quote_list(texts) -> str:
    return ", ".join(f'"{text}"' for text in texts)
