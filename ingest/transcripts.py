"""Transcripts in imported files: speaker lines with a time ("Kayla Jones 00:05", "Tarek (01:23:10)")
each followed by what was said become the turns of a timed transcript block
(resources/transcripts.py), so an imported episode links every turn to its moment.
"""

import re

from ingest.blocks import SPEAKER_TURN
from resources.transcripts import format_timestamp, parse_timestamp

MIN_TURNS = 3  # as blocks.py: fewer speaker lines than this is not a transcript
_TIME_AT_END = re.compile(r":?\s*\(?(\d{1,2}:\d{2}(?::\d{2})?)\)?$")


def speaker_line(text: str) -> tuple[str, int] | None:
    """(speaker, seconds) for a speaker line, else None."""
    text = text.strip()
    if not SPEAKER_TURN.match(text):
        return None
    match = _TIME_AT_END.search(text)
    try:
        seconds = parse_timestamp(match.group(1))
    except ValueError:
        return None
    return text[: match.start()].strip(), seconds


def split_transcript(paragraphs: list[str]) -> tuple[list[str], list[dict]]:
    """(paragraphs before the transcript, its turns) for a section's paragraphs; turns is empty
    when the section is not a transcript. Times that go backwards are kept as written: the editor
    sees them in the block and can correct them."""
    starts = [i for i, text in enumerate(paragraphs) if speaker_line(text)]
    if len(starts) < MIN_TURNS:
        return paragraphs, []
    turns = []
    for n, at in enumerate(starts):
        speaker, seconds = speaker_line(paragraphs[at])
        end = starts[n + 1] if n + 1 < len(starts) else len(paragraphs)
        said = "\n\n".join(p.strip() for p in paragraphs[at + 1 : end] if p.strip())
        if said:
            turns.append(
                {"speaker": speaker[:120], "start": format_timestamp(seconds), "text": said}
            )
    return paragraphs[: starts[0]], turns
