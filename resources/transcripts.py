"""Podcast episodes: the timed transcript block and the recording they are a transcript of.

A transcript is a list of turns: who speaks, when (seconds from the start of the recording) and
what they say. Each turn has the anchor `#t-hh-mm-ss`, so a search result or a shared link can
point at a moment; `js/transcript-player.js` makes the time links seek the page's audio player,
and without JavaScript they still lead to the words.
"""

import re

from django.core.exceptions import ValidationError
from wagtail import blocks

# "04", "1:23", "01:23", "1:02:03" (h:mm:ss); minutes and seconds below 60 after the first part.
TIMESTAMP = re.compile(r"^(?:(\d{1,2}):)?(\d{1,2}):(\d{2})$")

# What the first bytes of an audio file look like, and the type it is served as. Recordings are
# checked against this when they are attached and again when they are served.
AUDIO_SIGNATURES = (
    (b"OggS", "audio/ogg"),
    (b"fLaC", "audio/flac"),
    (b"ID3", "audio/mpeg"),
    (b"\xff\xfb", "audio/mpeg"),
    (b"\xff\xf3", "audio/mpeg"),
    (b"\xff\xf2", "audio/mpeg"),
)


def parse_timestamp(text: str) -> int:
    """Seconds from "mm:ss" or "h:mm:ss"; ValueError for anything else."""
    match = TIMESTAMP.match(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not a time such as 01:23 or 1:02:03")
    hours, minutes, seconds = (int(part or 0) for part in match.groups())
    if seconds >= 60 or (match.group(1) and minutes >= 60):
        raise ValueError(f"{text!r} is not a time such as 01:23 or 1:02:03")
    return hours * 3600 + minutes * 60 + seconds


def format_timestamp(seconds: int) -> str:
    """ "01:23", or "1:02:03" from an hour on: as transcripts write them."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def turn_anchor(seconds: int) -> str:
    """The `id` of the turn that starts at `seconds`: "t-00-01-23"."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"t-{hours:02d}-{minutes:02d}-{secs:02d}"


def iso_duration(seconds: int) -> str:
    """ISO 8601 duration, for `<time datetime>` and schema.org: "PT1M23S"."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    parts = (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
    return "PT" + parts + (f"{secs}S" if secs or not parts else "")


def audio_type(head: bytes) -> str | None:
    """The audio type of a file that starts with `head`, or None if it is not one we play."""
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "audio/wav"
    if head[4:8] == b"ftyp" and head[8:11] in (b"M4A", b"mp4", b"iso"):
        return "audio/mp4"
    for signature, content_type in AUDIO_SIGNATURES:
        if head.startswith(signature):
            return content_type
    return None


def validate_timestamp(value: str) -> None:
    try:
        parse_timestamp(value)
    except ValueError as error:
        raise ValidationError(str(error)) from error


class TurnBlock(blocks.StructBlock):
    speaker = blocks.CharBlock(max_length=120)
    start = blocks.CharBlock(
        max_length=10,
        validators=[validate_timestamp],
        help_text="When the turn starts in the recording: 01:23, or 1:02:03.",
    )
    text = blocks.TextBlock()

    class Meta:
        icon = "user"


class TranscriptBlock(blocks.StructBlock):
    """The full transcript of the page's recording, turn by turn."""

    turns = blocks.ListBlock(TurnBlock())

    class Meta:
        icon = "openquote"
        template = "resources/blocks/transcript.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["timed_turns"] = timed_turns(value)
        return context


def timed_turns(value) -> list[dict]:
    """A transcript block's turns with their seconds, shown time and anchor."""
    turns = []
    for turn in value["turns"]:
        seconds = parse_timestamp(turn["start"])
        turns.append(
            {
                "speaker": turn["speaker"],
                "text": turn["text"],
                "seconds": seconds,
                "time": format_timestamp(seconds),
                "anchor": turn_anchor(seconds),
                "duration": iso_duration(seconds),
            }
        )
    return turns
