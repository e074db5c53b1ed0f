"""A resource as text: the one reading of its stored rich text that every output shares.

The search index, the plain-text version, the read API, the open data and "ask the library" all
take a resource's words from here, so a sentence quoted from one is the sentence on the page:
blocks (paragraphs, list items, headings) end in a blank line and inline markup (links, emphasis)
vanishes without adding spaces. Dates known only to the year or month are written with
`resources.partial_dates.iso_partial_date`.
"""

import html
import re
from dataclasses import dataclass

from django.utils.text import slugify

from resources.transcripts import timed_turns

BLOCK_END = re.compile(r"</(p|li|h[1-6]|div|blockquote|tr|td|th)>|<br\s*/?>", re.IGNORECASE)


def text_of(rich_text: str) -> str:
    """Stored rich text (or any HTML) as the plain text a reader sees."""
    text = BLOCK_END.sub("\n\n", rich_text or "")
    text = html.unescape(re.sub(r"<[^>]+>", "", text))
    return re.sub(r"\n\s*\n\s*", "\n\n", text).strip()


@dataclass(frozen=True)
class TextSection:
    heading: str  # "" for a paragraph block without a heading
    anchor: str  # where `#anchor` links on the page point ("" without a heading)
    text: str


def body_sections(page) -> list[TextSection]:
    """The resource's body, block by block, as text with the headings and anchors the page shows.

    A transcript gives one section per turn, headed by who speaks and when and anchored at its
    moment (`#t-00-01-23`), so search finds the passage and links to the moment it is said."""
    sections = []
    for block in page.body:
        if block.block_type == "section":
            heading = block.value["heading"]
            sections.append(
                TextSection(heading, slugify(heading), text_of(block.value["content"].source))
            )
        elif block.block_type == "transcript":
            sections += [
                TextSection(f"{turn['speaker']}, {turn['time']}", turn["anchor"], turn["text"])
                for turn in timed_turns(block.value)
            ]
        else:
            sections.append(TextSection("", "", text_of(block.value.source)))
    return sections
