"""The furniture a library page shows around its text: a type label, theme labels and a captioned
hero picture, taken out of the body and kept as what they are.

The real site's template opens with the type label ("Q&A article"), the title, a line of theme
labels ("Resident leadership, Working collaboratively"), the hero image's alt text and a caption
ending "(credit: …)". Left in the body, the labels and the caption read as headings and the alt
text as the summary. Labels are recognised only when every part of the line is a known type or
theme name, so ordinary text is never taken for a label.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .document import HEADING, LIST_ITEM, PARAGRAPH, Block, HeroImage

OPENING_BLOCKS = 10  # labels, title and hero all come within the first few blocks
MAX_ALT_WORDS = 80
_CREDIT = re.compile(
    r"^(?P<caption>.*?)\s*[\(\[]\s*(?:photo\s+|image\s+|picture\s+)?credit\s*:\s*"
    r"(?P<credit>[^()\[\]]{1,200})[\)\]]\s*\.?\s*$",
    re.I | re.S,
)
_LABEL_SEPARATORS = re.compile(r"\s*(?:,|;|\||·|•|/)\s*")
_KEY_POINTS = re.compile(r"^(key (points|findings|messages)|introduction|summary)$", re.I)


@dataclass
class PageFurniture:
    """What the page showed around its text."""

    stated_type: str = ""
    stated_themes: list[str] = field(default_factory=list)
    hero: HeroImage | None = None
    notes: list[str] = field(default_factory=list)


def label_key(text: str) -> str:
    """Labels compared without case, accents, punctuation or '&'/'and' differences."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = text.lower().replace("&", " and ")
    return " ".join(re.findall(r"[a-z0-9]+", text))


def theme_labels(text: str, theme_names: dict[str, str]) -> list[str]:
    """The themes a line lists, when the line is nothing but theme names; else []."""
    parts = [part for part in _LABEL_SEPARATORS.split(text.strip()) if part.strip()]
    if not parts or len(text) > 300:
        return []
    found = [theme_names.get(label_key(part)) for part in parts]
    return found if all(found) else []


def split_credit(text: str) -> tuple[str, str] | None:
    """ "Volunteers in the garden (credit: Jo Bloggs)" -> ("Volunteers in the garden", "Jo Bloggs")."""
    match = _CREDIT.match(text.strip())
    if not match:
        return None
    return match.group("caption").strip(" ;,"), match.group("credit").strip()


def take_furniture(
    blocks: list[Block], type_names: dict[str, str], theme_names: dict[str, str]
) -> tuple[list[Block], PageFurniture]:
    """Blocks without the page's furniture, and the furniture itself.

    ``type_names`` and ``theme_names`` map a label_key to the name as the library spells it.
    """
    furniture = PageFurniture()
    drop: set[int] = set()
    opening = range(min(OPENING_BLOCKS, len(blocks)))
    for index in opening[:2]:
        name = type_names.get(label_key(blocks[index].text))
        if name and len(blocks[index].text) <= 40:
            furniture.stated_type = name
            drop.add(index)
            break
    for index in opening[: _body_start(blocks, theme_names)]:
        if index in drop:
            continue
        themes = theme_labels(blocks[index].text, theme_names)
        if themes:
            furniture.stated_themes += [t for t in themes if t not in furniture.stated_themes]
            drop.add(index)
    _take_captions(blocks, drop, furniture)
    return [block for i, block in enumerate(blocks) if i not in drop], furniture


def _body_start(blocks: list[Block], theme_names: dict[str, str]) -> int:
    """Where the text proper begins: the first list item or real paragraph (alt text aside).

    Theme labels come before it, so a section heading that happens to be a theme's name
    ("Community engagement") is never taken for a label.
    """
    for index, block in enumerate(blocks[:OPENING_BLOCKS]):
        if block.kind == LIST_ITEM and theme_labels(block.text, theme_names):
            continue  # a page's theme labels written as a list of links
        if block.kind == LIST_ITEM or (
            block.kind == HEADING and index > 1 and _KEY_POINTS.match(block.text)
        ):
            return index
        if block.kind == PARAGRAPH and len(block.text.split()) >= 12:
            following = blocks[index + 1].text if index + 1 < len(blocks) else ""
            if split_credit(following) is None:  # alt text is followed by its caption
                return index
    return OPENING_BLOCKS


def _take_captions(blocks: list[Block], drop: set[int], furniture: PageFurniture) -> None:
    """The first captioned picture is the hero; later captions leave the flow of the text."""
    for index, block in enumerate(blocks):
        credited = split_credit(block.text)
        if credited is None or len(block.text.split()) > MAX_ALT_WORDS:
            continue
        caption, credit = credited
        drop.add(index)
        if furniture.hero is not None or index >= OPENING_BLOCKS:
            furniture.notes.append(f'left out a picture caption: "{block.text[:80]}"')
            continue
        furniture.hero = HeroImage(caption=caption, credit=credit)
        alt_index = _alt_text_index(blocks, drop, index)
        if alt_index is not None:
            furniture.hero.alt = blocks[alt_index].text
            drop.add(alt_index)


def _alt_text_index(blocks: list[Block], drop: set[int], caption_index: int) -> int | None:
    """The line just before a hero caption is the picture's alt text, unless it is the title."""
    kept_before = [i for i in range(caption_index) if i not in drop]
    if len(kept_before) < 2:
        return None  # only the title precedes the caption: the picture had no alt text
    candidate = kept_before[-1]
    block = blocks[candidate]
    if block.kind == HEADING and block.level <= 1 and candidate == kept_before[0]:
        return None
    if len(block.text.split()) > MAX_ALT_WORDS:
        return None
    return candidate
