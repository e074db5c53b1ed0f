"""Sentences that introduce a figure the text no longer has ("summarised in the following
diagram:") get a note saying so, instead of dangling before the next paragraph."""

from __future__ import annotations

import re

from .document import LIST_ITEM, PARAGRAPH, Block

NOT_REPRODUCED = "(figure not reproduced)"
_INTRODUCES_FIGURE = re.compile(
    r"\b(?:following|below|this|next)\s+(?:diagram|figure|chart|graph|infographic|illustration|"
    r"image|picture|map|graphic|table)s?\b[^.:]*:\s*$|\b(?:figure|diagram|chart)\s+\d+[^.:]*:\s*$",
    re.I,
)


def note_missing_figures(blocks: list[Block]) -> tuple[list[Block], int]:
    """Blocks with each dangling figure introduction noted, and how many were noted."""
    out, noted = [], 0
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        lists_follow = following is not None and following.kind == LIST_ITEM
        if block.kind == PARAGRAPH and _INTRODUCES_FIGURE.search(block.text) and not lists_follow:
            block = Block(block.kind, f"{block.text} {NOT_REPRODUCED}", block.level)
            noted += 1
        out.append(block)
    return out, noted
