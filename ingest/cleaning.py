"""Repair text that came out of a PDF or a web page before it is split into blocks.

PDF extraction breaks lines mid-sentence, leaves blank lines inside paragraphs, splits words
across lines with hyphens, loses bullet glyphs (or turns them into private-use characters) and
leaves stray letters behind. Web copies carry furniture such as "Skip to Main Content". The
phrase and hyphenation lists live in data files beside this module so editors can extend them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
BOILERPLATE_FILE = HERE / "boilerplate.txt"
HYPHENATION_FILE = HERE / "hyphenation.txt"

# Bullet glyphs seen in extracted text, including the Symbol-font private-use ones (U+F0B7...).
BULLET_CHARS = "•●▪◦‣∙·■□➢➤►▸✓✔\uf0b7\uf0a7\uf0d8\uf076\uf0fc"
_LEADING_BULLET = re.compile(r"^\s*(?:[" + BULLET_CHARS + r"\ue000-\uf8ff]|[-*+–](?=\s))\s*")
_NUMBERED = re.compile(r"^\s*(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)]\s+(?=\S)")
_PRIVATE_USE = re.compile(r"[\ue000-\uf8ff]")
_INVISIBLE = re.compile(r"[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_STRAY_LETTER = re.compile(r"(?<=[.!?’”\"')])\s+[A-HJ-Z]\s*$")
_TERMINAL = re.compile(r"[.!?:;]['’\"”)\]]*$|['’\"”]$")
_INITIALISM_END = re.compile(r"(?:\b[A-Z]\.){2,}$")
_HYPHEN_END = re.compile(r"([A-Za-z]+)-$")
_WORD = re.compile(r"[A-Za-z]+")
_CONNECTORS = frozenset(
    "a an and as at but by for from in into of on or than that the their to which who with".split()
)
_LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "ft", "ﬆ": "st"}


def clean_inline(text: str) -> str:
    """Normalise one block's text: spaces, ligatures, invisible and private-use characters."""
    text = unicodedata.normalize("NFC", text)
    for ligature, letters in _LIGATURES.items():
        text = text.replace(ligature, letters)
    text = text.replace("\u00a0", " ").replace("\u202f", " ").replace("\t", " ")
    text = _INVISIBLE.sub("", text)
    text = _PRIVATE_USE.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip()


def split_bullet(line: str) -> tuple[str, bool]:
    """Return the line without a leading bullet or list number, and whether it had one."""
    match = _LEADING_BULLET.match(line) or _NUMBERED.match(line)
    if match and line[match.end() :].strip():
        return line[match.end() :], True
    return line, False


def is_terminal(text: str) -> bool:
    """True when text ends like a sentence (initialisms such as "N.E." do not count)."""
    text = text.rstrip()
    return bool(_TERMINAL.search(text)) and not _INITIALISM_END.search(text)


# --- web boilerplate -------------------------------------------------------------------------


@dataclass(frozen=True)
class BoilerplatePhrases:
    """Whole-line phrases and line prefixes that mark website furniture."""

    exact: frozenset[str]
    prefixes: tuple[str, ...]

    def matches(self, line: str) -> bool:
        key = _phrase_key(line)
        if not key:
            return False
        return key in self.exact or any(key.startswith(prefix) for prefix in self.prefixes)


def _phrase_key(line: str) -> str:
    line = line.replace("\u00a0", " ")
    line = re.sub(r"\s+", " ", line).strip().lower()
    return line.strip(" >»›→…|:-–—.")


@cache
def load_boilerplate(path: Path = BOILERPLATE_FILE) -> BoilerplatePhrases:
    exact, prefixes = set(), []
    for raw in path.read_text(encoding="utf-8").splitlines():
        raw = raw.strip()
        if not raw or raw.startswith("#"):
            continue
        if raw.endswith("*"):
            prefixes.append(_phrase_key(raw[:-1]))
        else:
            exact.add(_phrase_key(raw))
    return BoilerplatePhrases(frozenset(exact), tuple(prefixes))


def find_boilerplate(
    lines: list[str], phrases: BoilerplatePhrases | None = None
) -> tuple[list[int], int | None]:
    """Indexes of furniture lines, and of a link-card title if one closes the page.

    When "Read more" ends the page, the short line before it is the title of a linked card
    (often the article's own listing card), not body text: it is dropped from the body and
    reported separately so it can still serve as a title suggestion.
    """
    phrases = phrases or load_boilerplate()
    found = [i for i, line in enumerate(lines) if phrases.matches(line)]
    content = [i for i, line in enumerate(lines) if line.strip()]
    teaser = None
    if found and content and content[-1] == found[-1] and "more" in _phrase_key(lines[found[-1]]):
        before = [i for i in content if i not in found]
        if len(before) > 1:
            candidate = lines[before[-1]]
            if not is_terminal(candidate) and len(candidate.split()) <= 20:
                teaser = before[-1]
    return found, teaser


def boilerplate_indexes(lines: list[str], phrases: BoilerplatePhrases | None = None) -> list[int]:
    """Indexes of every line to drop, the link-card title included."""
    found, teaser = find_boilerplate(lines, phrases)
    return sorted(found + ([teaser] if teaser is not None else []))


def remove_boilerplate_lines(
    lines: list[str], phrases: BoilerplatePhrases | None = None
) -> tuple[list[str], list[str]]:
    """Drop furniture lines; return (kept lines, removed lines)."""
    drop = set(boilerplate_indexes(lines, phrases))
    kept = [line for i, line in enumerate(lines) if i not in drop]
    removed = [lines[i].strip() for i in sorted(drop)]
    return kept, removed


# --- PDF debris ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Hyphenation:
    keep: frozenset[str]
    join: frozenset[str]


@cache
def load_hyphenation(path: Path = HYPHENATION_FILE) -> Hyphenation:
    sections: dict[str, set[str]] = {"keep": set(), "join": set()}
    current = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        raw = raw.strip().lower()
        if not raw or raw.startswith("#"):
            continue
        if raw.startswith("[") and raw.endswith("]"):
            current = raw[1:-1]
        elif current in sections:
            sections[current].add(raw)
    return Hyphenation(frozenset(sections["keep"]), frozenset(sections["join"]))


@dataclass
class WordEvidence:
    """Which words and hyphenated compounds a document uses away from line ends."""

    words: set[str]
    compounds: set[str]

    @classmethod
    def from_text(cls, text: str) -> WordEvidence:
        # Fragments around a line-end hyphen are not evidence that they are words.
        body = re.sub(r"[A-Za-z]+-[ \t]*\n\s*[A-Za-z]+", " ", text)
        compounds = {m.lower() for m in re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)+", body)}
        words = {w.lower() for w in _WORD.findall(body)}
        return cls(words, compounds)


def mend_hyphen(left: str, right: str, evidence: WordEvidence) -> bool:
    """True to keep the hyphen between ``left`` and ``right`` (a real compound)."""
    lower_left, lower_right = left.lower(), right.lower()
    rules = load_hyphenation()
    if f"{lower_left}-{lower_right}" in evidence.compounds or right[:1].isupper():
        return True
    if lower_left + lower_right in evidence.words or lower_left in rules.join:
        return False
    if lower_left in rules.keep:
        return True
    return (
        len(left) >= 3
        and len(right) >= 3
        and lower_left in evidence.words
        and lower_right in evidence.words
    )


_URLISH_TOKEN = re.compile(r"(?:https?://|www\.|\b[a-z0-9-]+\.[a-z]{2,}(?:\.[a-z]{2})?/)\S*$", re.I)


def _continues_url(out: str, line: str) -> bool:
    """A web address broken across lines: glue the halves without a space."""
    if not _URLISH_TOKEN.search(out) or line.startswith(("(", "[")):
        return False
    first = line.split(" ", 1)[0]
    return out.endswith(("/", "-", "_", ".", "=", "?", "&")) or bool(re.search(r"[/_.=]", first))


def join_lines(lines: list[str], evidence: WordEvidence) -> str:
    """Join the wrapped lines of one paragraph, mending words hyphenated at line ends."""
    out = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if out and _continues_url(out, line):
            out += line
            continue
        hyphen = _HYPHEN_END.search(out)
        first = _WORD.match(line)
        if hyphen and first:
            keep = mend_hyphen(hyphen.group(1), first.group(0), evidence)
            out = out + line if keep else out[:-1] + line
        else:
            out = f"{out} {line}" if out else line
    return re.sub(r"\s+", " ", out).strip()


@dataclass
class _Line:
    text: str
    blank_before: int
    indented: bool
    bullet: bool
    item: bool = False  # one entry of a list written one per line (after a colon)


@dataclass
class _Paragraph:
    lines: list[str]
    bullet: bool = False
    marker: bool = False  # started with indentation where a bullet glyph was lost
    item: bool = False


def looks_hard_wrapped(text: str) -> bool:
    """True when lines break mid-sentence, as in text copied out of a PDF."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) < 6:
        return False
    broken = sum(
        1
        for line, nxt in zip(lines, lines[1:], strict=False)
        if not is_terminal(line) and (nxt[:1].islower() or line.endswith("-"))
    )
    return broken / len(lines) >= 0.2


def repair_extracted_text(text: str) -> str:
    """Turn PDF-extracted text into one paragraph per line, separated by blank lines.

    List items come out prefixed with "• ". Headings are left as short plain lines for the
    block splitter to recognise.
    """
    evidence = WordEvidence.from_text(text)
    lines = _prepare_lines(text)
    _mark_line_lists(lines)
    paragraphs: list[_Paragraph] = []
    for line in lines:
        if paragraphs and not _starts_paragraph(paragraphs[-1], line):
            paragraphs[-1].lines.append(line.text)
            continue
        marker = _is_marker(line)
        paragraphs.append(_Paragraph([line.text], bullet=line.bullet or line.item, marker=marker))
        paragraphs[-1].item = line.item
    _classify_markers(paragraphs)
    out = []
    for paragraph in paragraphs:
        joined = join_lines(paragraph.lines, evidence)
        if joined:
            out.append(f"• {joined}" if paragraph.bullet else joined)
    return "\n\n".join(out) + "\n"


def _prepare_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    blanks = 0
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").splitlines():
        raw = raw.replace("\u00a0", " ").rstrip()
        raw = _STRAY_LETTER.sub("", raw)
        stripped = raw.strip()
        # A lone letter or page number on its own line is debris, not content.
        if not stripped or re.fullmatch(r"[A-HJ-Z]|\d{1,4}", stripped):
            blanks += 1 if not stripped else 0
            continue
        body, bullet = split_bullet(raw)
        body = clean_inline(body)
        if not body:
            continue
        indented = raw[:1].isspace()
        lines.append(_Line(body, blanks, indented, bullet))
        blanks = 0
    return lines


def _mark_line_lists(lines: list[_Line]) -> None:
    """Find lists written one entry per line right after a line ending in a colon."""
    for index, line in enumerate(lines):
        if not line.text.endswith(":"):
            continue
        run = []
        for nxt in lines[index + 1 :]:
            if (run and nxt.blank_before) or nxt.bullet:
                break
            if run and nxt.indented != run[0].indented:
                break
            run.append(nxt)
        upper = sum(1 for item in run if item.text[:1].isupper())
        short = sum(1 for item in run if len(item.text) <= 60)
        if len(run) >= 3 and upper >= 0.75 * len(run) and short == len(run):
            for item in run:
                item.item = True


def _starts_paragraph(paragraph: _Paragraph, line: _Line) -> bool:
    prev = paragraph.lines[-1]
    if line.bullet:
        return True
    if line.item:
        one_word = len(line.text.split()) == 1
        return not (line.text[:1].islower() or (one_word and not is_terminal(prev)))
    if _is_marker(line):
        return True
    if prev.endswith("-") and line.text[:1].isalpha():
        return False
    if not line.blank_before:
        return paragraph.item
    if is_terminal(prev):
        return True
    last_word = prev.rsplit(" ", 1)[-1].lower()
    continues = line.text[:1].islower() or prev.endswith(",") or last_word in _CONNECTORS
    return not continues


def _is_marker(line: _Line) -> bool:
    # A bullet glyph lost in extraction leaves its indentation behind.
    return line.indented and not line.bullet and (line.text[:1].isupper() or line.blank_before > 0)


def _classify_markers(paragraphs: list[_Paragraph]) -> None:
    """Lines that began indented are lost bullets inside a list, otherwise headings."""
    previous = None
    for paragraph in paragraphs:
        if paragraph.marker and previous is not None:
            after_colon = previous.lines[-1].rstrip().endswith((":", ";"))
            in_list = previous.bullet and not previous.item
            paragraph.bullet = after_colon or in_list
        previous = paragraph
