"""The controlled vocabulary that tag suggestions are drawn from, loaded from data files.

A directory holds ``areas.csv``, ``organisations.csv``, ``glossary-terms.txt`` and ``themes.csv``
(the corpus formats), plus optional ``area-variants.csv``, ``organisation-variants.csv``,
``glossary-synonyms.csv`` and ``theme-keywords.csv`` that list other ways documents write a name.
Abbreviations in brackets ("Locally Trusted Organisation (LTO)") become variants automatically.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from .resource_types import TypeCues

_BRACKETED = re.compile(r"^(?P<base>.+?)\s*\((?P<inner>[^()]+)\)\s*$")


@dataclass(frozen=True)
class Example:
    """A passage of a resource already tagged with a theme (its title and summary, or one of its
    sections), with the resource's content hash so that a file imported again is not its own
    example."""

    text: str
    source: str = ""


@dataclass(frozen=True)
class Term:
    """One vocabulary entry: its name as stored, and the other ways documents write it."""

    name: str
    variants: tuple[str, ...] = ()
    # Words that confirm an ambiguous mention nearby (an area's local authority and region).
    context: tuple[str, ...] = ()
    # What the entry means, for suggestions by meaning: a theme's description, and passages of
    # the resources already tagged with it.
    description: str = ""
    examples: tuple[Example, ...] = ()


@dataclass
class Vocabulary:
    """Everything suggest_tags can suggest; themes' variants are their keywords. Resource types
    (with their plurals as variants) are the labels a page may show above its title."""

    areas: list[Term] = field(default_factory=list)
    organisations: list[Term] = field(default_factory=list)
    glossary_terms: list[Term] = field(default_factory=list)
    themes: list[Term] = field(default_factory=list)
    resource_types: list[TypeCues] = field(default_factory=list)


def load_vocabulary(directory: str | Path) -> Vocabulary:
    """Load the vocabulary data files from ``directory`` (missing optional files are fine)."""
    directory = Path(directory)
    area_variants = _pairs(directory / "area-variants.csv")
    org_variants = _pairs(directory / "organisation-variants.csv")
    synonyms = _pairs(directory / "glossary-synonyms.csv")
    keywords = _pairs(directory / "theme-keywords.csv")

    areas = []
    for row in _rows(directory / "areas.csv"):
        name = row["name"].strip()
        context = [part.strip() for part in (row.get("local_authority") or "").split(";")]
        context.append((row.get("region") or "").strip())
        variants = _bracket_variants(name, abbreviations_only=True) + area_variants.get(name, [])
        areas.append(Term(name, _unique(variants, name), tuple(c for c in context if c)))

    organisations = []
    for row in _rows(directory / "organisations.csv"):
        name = row["name"].strip()
        variants = _bracket_variants(name) + org_variants.get(name, [])
        if name.startswith("The "):
            variants.append(name[4:])
        organisations.append(Term(name, _unique(variants, name)))

    glossary = []
    for line in _lines(directory / "glossary-terms.txt"):
        variants = _bracket_variants(line) + synonyms.get(line, [])
        glossary.append(Term(line, _unique(variants, line)))

    themes = [
        Term(
            row["name"].strip(),
            _unique(keywords.get(row["name"].strip(), []), ""),
            description=plain_description(row.get("description") or ""),
        )
        for row in _rows(directory / "themes.csv")
    ]
    types = [type_cues(row) for row in _rows(directory / "resource-types.csv")]
    return Vocabulary(areas, organisations, glossary, themes, types)


def _entries(text: str | None) -> tuple[str, ...]:
    return tuple(p.strip() for p in (text or "").replace(";", "\n").splitlines() if p.strip())


def type_cues(row: dict) -> TypeCues:
    """A resource type as the importer knows it, from a resource-types.csv row (or the same
    fields of a ResourceType record, as a dict)."""
    flag = lambda value: value is True or str(value).strip().lower() in ("yes", "true", "1")  # noqa: E731
    return TypeCues(
        name=row["name"].strip(),
        plural=(row.get("plural") or "").strip(),
        labels=_entries(row.get("import_labels")),
        title_openings=_entries(row.get("import_title_openings")),
        phrases=_entries(row.get("import_phrases")),
        signals=_entries(row.get("import_signals")),
        title_is_question=flag(row.get("title_is_question")),
        default=flag(row.get("import_default")),
    )


def plain_description(text: str) -> str:
    """A description without its Markdown links ("[learning cluster](resource:…)" -> text)."""
    return re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text).strip()


def _bracket_variants(name: str, *, abbreviations_only: bool = False) -> list[str]:
    """ "Growing Together (Northampton East)" -> ["Growing Together"]; "(LTO)" -> "LTO" too."""
    match = _BRACKETED.match(name)
    if not match:
        return []
    base, inner = match.group("base").strip(), match.group("inner").strip()
    variants = [base]
    if not abbreviations_only or inner.isupper() or inner.startswith("Big Local"):
        variants.append(inner)
    return variants


def _unique(variants: list[str], name: str) -> tuple[str, ...]:
    seen, out = {name}, []
    for variant in variants:
        variant = variant.strip()
        if variant and variant not in seen:
            seen.add(variant)
            out.append(variant)
    return tuple(out)


def _rows(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle) if (row.get("name") or "").strip()]


def _pairs(path: Path) -> dict[str, list[str]]:
    """A two-column CSV (name, variant) as name -> [variants]."""
    pairs: dict[str, list[str]] = {}
    if not path.exists():
        return pairs
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader, None)  # header
        for row in reader:
            if len(row) >= 2 and row[0].strip() and row[1].strip():
                pairs.setdefault(row[0].strip(), []).append(row[1].strip())
    return pairs


def _lines(path: Path) -> list[str]:
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]
