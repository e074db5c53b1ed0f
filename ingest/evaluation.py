"""Scoring an import against what pages are known to show (`manage.py evaluate_import`).

A folder holds the files and an ``expected.json`` listing, for each file's slug, the facts its page
shows: title, type, themes, number of key points, image credit (``null`` where not known; themes
``[]`` where the page shows none, which leaves it out of the theme scores). The checks on the summary
and on section headings read the raw file themselves, so they never trust the importer's own idea
of what the labels, alt text and captions were.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .page_structure import label_key, split_credit, theme_labels

SWEEP_THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.9)


def normalised(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "").replace("’", "'").replace("‘", "'")
    return " ".join(text.casefold().split())


@dataclass
class Expected:
    """One page's known facts; None means not known."""

    slug: str
    title: str | None = None
    type: str | None = None
    date: str | None = None
    themes: list[str] | None = None
    key_points: int | None = None
    image_credit: str | None = None
    areas: list[str] | None = None


def load_expected(folder: Path) -> list[Expected]:
    data = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    pages = data["pages"] if isinstance(data, dict) else data
    known = Expected.__dataclass_fields__
    return [Expected(**{k: v for k, v in page.items() if k in known}) for page in pages]


def find_file(folder: Path, slug: str) -> Path | None:
    matches = sorted(p for p in folder.glob(f"{slug}.*") if p.name != "expected.json")
    return matches[0] if matches else None


@dataclass
class RawLines:
    """What the raw file shows, read independently of the importer: labels, alt text, captions."""

    labels: set[str] = field(default_factory=set)
    captions: set[str] = field(default_factory=set)
    alt_texts: set[str] = field(default_factory=set)

    @classmethod
    def read(cls, text: str, type_names: set[str], theme_names: dict[str, str]) -> RawLines:
        lines = [line.strip(" -•\t") for line in text.splitlines() if line.strip()]
        found = cls()
        for index, line in enumerate(lines):
            if label_key(line) in type_names or theme_labels(line, theme_names):
                found.labels.add(normalised(line))
            if split_credit(line) is not None:
                found.captions.add(normalised(line))
                if index:
                    found.alt_texts.add(normalised(lines[index - 1]))
        return found


@dataclass
class Tally:
    """Right answers out of pages with a known value."""

    right: int = 0
    known: int = 0

    def add(self, ok: bool) -> None:
        self.known += 1
        self.right += bool(ok)

    @property
    def rate(self) -> float | None:
        return round(self.right / self.known, 3) if self.known else None


@dataclass
class Scores:
    """Per-field accuracy over a folder."""

    title: Tally = field(default_factory=Tally)
    type: Tally = field(default_factory=Tally)
    date: Tally = field(default_factory=Tally)
    key_points: Tally = field(default_factory=Tally)
    image_credit: Tally = field(default_factory=Tally)
    summary_is_article_text: Tally = field(default_factory=Tally)
    theme_hits: int = 0
    theme_suggested: int = 0
    theme_expected: int = 0
    area_hits: int = 0
    area_suggested: int = 0
    area_expected: int = 0
    summaries_from_alt_text: int = 0
    summaries_from_labels: int = 0
    label_or_caption_sections: int = 0
    failed: int = 0
    pages: list[dict] = field(default_factory=list)
    # Theme precision and recall had each threshold applied: [hits, suggested, expected].
    theme_sweep: dict[float, list[int]] = field(
        default_factory=lambda: {t: [0, 0, 0] for t in SWEEP_THRESHOLDS}
    )

    def score(self, expected: Expected, entry: dict, raw: RawLines) -> None:
        page = {"slug": expected.slug, "outcome": entry["outcome"], "problems": []}
        self.pages.append(page)
        if entry["outcome"] == "failed":
            self.failed += 1
            page["problems"].append(entry["reason"])
            return
        self._facts(expected, entry, page)
        self._sets(expected, entry, page)
        self._sweep(expected, entry)
        self._summary_and_sections(entry, raw, page)

    def _facts(self, expected: Expected, entry: dict, page: dict) -> None:
        checks = [
            ("title", expected.title, entry.get("title"), normalised),
            ("type", expected.type, entry.get("type"), normalised),
            ("date", expected.date, entry.get("date"), str),
            ("image_credit", expected.image_credit, entry["hero"]["credit"], normalised),
        ]
        for name, want, got, norm in checks:
            if want is None:
                continue
            ok = norm(want) == norm(got or "")
            getattr(self, name).add(ok)
            if not ok:
                page["problems"].append(f"{name}: expected {want!r}, got {got!r}")
        if expected.key_points is not None:
            got = len(entry.get("key_points") or [])
            self.key_points.add(got == expected.key_points)
            if got != expected.key_points:
                page["problems"].append(f"key points: expected {expected.key_points}, got {got}")

    def _sets(self, expected: Expected, entry: dict, page: dict) -> None:
        for kind in ("themes", "areas"):
            want = getattr(expected, kind)
            if not want:
                continue  # [] means the page shows none: not scored
            got = set(entry.get(kind) or [])
            hits = len(got & set(want))
            prefix = kind[:-1]
            setattr(self, f"{prefix}_hits", getattr(self, f"{prefix}_hits") + hits)
            setattr(self, f"{prefix}_suggested", getattr(self, f"{prefix}_suggested") + len(got))
            setattr(self, f"{prefix}_expected", getattr(self, f"{prefix}_expected") + len(want))
            if got != set(want):
                page["problems"].append(f"{kind}: expected {sorted(want)}, got {sorted(got)}")

    def _sweep(self, expected: Expected, entry: dict) -> None:
        if not expected.themes:
            return
        for threshold, tally in self.theme_sweep.items():
            got = {
                s["name"]
                for s in entry.get("suggestions") or []
                if s["kind"] == "theme" and s["confidence"] >= threshold
            }
            tally[0] += len(got & set(expected.themes))
            tally[1] += len(got)
            tally[2] += len(expected.themes)

    def _summary_and_sections(self, entry: dict, raw: RawLines, page: dict) -> None:
        summary = normalised(entry.get("summary"))
        from_alt = bool(summary) and summary in raw.alt_texts
        from_label = bool(summary) and (summary in raw.labels or summary in raw.captions)
        self.summaries_from_alt_text += from_alt
        self.summaries_from_labels += from_label
        self.summary_is_article_text.add(bool(summary) and not (from_alt or from_label))
        if from_alt or from_label:
            page["problems"].append(f"summary is not article text: {entry.get('summary')!r}")
        for heading in entry.get("sections") or []:
            key = normalised(heading)
            if key in raw.labels or key in raw.captions or split_credit(heading):
                self.label_or_caption_sections += 1
                page["problems"].append(f"label or caption as a section heading: {heading!r}")

    def as_dict(self) -> dict:
        def ratio(a, b):
            return round(a / b, 3) if b else None

        tallies = ("title", "type", "date", "key_points", "image_credit", "summary_is_article_text")
        out = {
            name: {"rate": getattr(self, name).rate, "known": getattr(self, name).known}
            for name in tallies
        }
        for prefix in ("theme", "area"):
            hits = getattr(self, f"{prefix}_hits")
            out[f"{prefix}s"] = {
                "precision": ratio(hits, getattr(self, f"{prefix}_suggested")),
                "recall": ratio(hits, getattr(self, f"{prefix}_expected")),
                "expected": getattr(self, f"{prefix}_expected"),
            }
        out["theme_threshold_sweep"] = {
            str(t): {"precision": ratio(h, s), "recall": ratio(h, e)}
            for t, (h, s, e) in self.theme_sweep.items()
            if e
        }
        out.update(
            summaries_from_alt_text=self.summaries_from_alt_text,
            summaries_from_labels=self.summaries_from_labels,
            label_or_caption_sections=self.label_or_caption_sections,
            failed=self.failed,
            pages=len(self.pages),
        )
        return out


def report_lines(scores: Scores) -> list[str]:
    """The scores as lines a person reads, before the JSON line."""
    data = scores.as_dict()
    lines = []
    for name in ("title", "type", "date", "key_points", "image_credit", "summary_is_article_text"):
        tally = getattr(scores, name)
        shown = f"{tally.rate:.0%} ({tally.right}/{tally.known})" if tally.known else "not known"
        lines.append(f"{name.replace('_', ' ')}: {shown}")
    for kind in ("themes", "areas"):
        value = data[kind]
        if value["expected"]:
            lines.append(
                f"{kind}: precision {value['precision']}, recall {value['recall']} "
                f"({value['expected']} expected)"
            )
        else:
            lines.append(f"{kind}: no page states them")
    for threshold, value in data["theme_threshold_sweep"].items():
        lines.append(
            f"themes applied at confidence >= {threshold}: precision {value['precision']}, "
            f"recall {value['recall']}"
        )
    lines.append(f"summaries that are alt text: {scores.summaries_from_alt_text}")
    lines.append(f"summaries that are labels or captions: {scores.summaries_from_labels}")
    lines.append(f"label or caption imported as a section: {scores.label_or_caption_sections}")
    lines.append(f"failed: {scores.failed} of {len(scores.pages)}")
    for page in scores.pages:
        for problem in page["problems"]:
            lines.append(f"  {page['slug']}: {problem}")
    return lines


def slug_of(path: Path) -> str:
    return re.sub(r"\.[^.]+$", "", path.name)
