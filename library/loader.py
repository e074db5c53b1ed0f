"""Loads the bundled library from the data files in `corpus/` into Wagtail pages and snippets.

Loading is idempotent: every record is remembered in `LoadedRecord`, so running it again creates
only what is new in the data files. Nothing an editor changed or deleted is touched.
"""

import csv
import datetime
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.models import Page, Site

from accessibility.models import AccessibilityStatementPage
from areas.models import AreaIndexPage, AreaPage, Region
from glossary.models import GlossaryPage, GlossaryTerm
from home.models import HomePage
from home.site_address import sync_site
from library.models import LoadedRecord
from library.richtext import markdown_to_plain, markdown_to_richtext
from organisations.models import Organisation
from programme.models import AboutPage, TheoryOfChangePage
from resources.models import (
    ResourceAuthor,
    ResourceIndexPage,
    ResourcePage,
    ResourceType,
    Series,
)
from resources.partial_dates import parse_partial_date
from resources.transcripts import parse_timestamp
from themes.models import ThemeGroup, ThemeIndexPage, ThemePage
from timeline.models import TimelineEvent, TimelinePage

# The sections of the site, in menu order: (model, slug, title).
SECTION_PAGES = [
    (ResourceIndexPage, "resources", "Resources"),
    (ThemeIndexPage, "themes", "Themes"),
    (AreaIndexPage, "areas", "Areas"),
    (TimelinePage, "timeline", "Timeline"),
    (TheoryOfChangePage, "theory-of-change", "Theory of change"),
    (GlossaryPage, "glossary", "Glossary"),
    (AboutPage, "about", "About"),
]

# Columns of resource-types.csv naming the type in metadata standards (ResourceType fields).
METADATA_TYPE_COLUMNS = ("schema_org_type", "csl_type", "ris_type", "bibtex_type", "dcmi_type")
# Columns listing the cues the importer recognises a type by (';' between entries).
IMPORT_CUE_COLUMNS = ("import_labels", "import_title_openings", "import_phrases", "import_signals")


def read_csv(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as handle:
        return [
            {key: (value or "").strip() for key, value in row.items()}
            for row in csv.DictReader(handle)
        ]


def split_list(value: str) -> list[str]:
    return [item.strip() for item in value.split(";") if item.strip()]


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)

    def count(self, kind):
        self.created[kind] = self.created.get(kind, 0) + 1

    def __str__(self):
        if not self.created:
            return "Library up to date: nothing new to load."
        parts = ", ".join(f"{n} {kind}" for kind, n in self.created.items())
        return f"Loaded {parts}."


class LibraryLoader:
    def __init__(self, corpus_dir: Path | None = None, stdout=None):
        self.corpus = Path(corpus_dir or settings.CORPUS_DIR)
        self.report = LoadReport()
        self.stdout = stdout

    # -- bookkeeping -----------------------------------------------------------------------------

    def _is_loaded(self, kind, key):
        return LoadedRecord.objects.filter(kind=kind, key=key).exists()

    def _remember(self, kind, key, created=True):
        LoadedRecord.objects.get_or_create(kind=kind, key=key)
        if created:
            self.report.count(kind)

    def _publish(self, parent, page):
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page

    def _section(self, model):
        return model.objects.first()

    # -- the steps -------------------------------------------------------------------------------

    @transaction.atomic
    def load(self) -> LoadReport:
        home = self.load_home()
        self.load_sections(home)
        self.load_regions()
        self.load_theme_groups()
        self.load_themes()
        self.load_resource_types()
        self.load_areas()
        self.load_organisations()
        self.load_glossary()
        self.load_catalogue_records()
        self.load_series()
        self.load_documents()
        self.load_timeline()
        self.load_about()
        self.load_theory_of_change()
        self.load_accessibility_statement()
        self.load_home_content()
        return self.report

    def load_home(self):
        home = HomePage.objects.first()
        if home is not None:
            return home
        content = tomllib.loads((self.corpus / "pages" / "home.toml").read_text())
        root = Page.get_first_root_node()
        # Wagtail's install leaves a placeholder welcome page (slug "home") as the site root.
        placeholder = root.get_children().filter(slug="home").first()
        if placeholder is not None:
            placeholder.slug = "wagtail-welcome-placeholder"
            placeholder.save()
        home = HomePage(
            title="Learning from Big Local",
            slug="home",
            intro=markdown_to_richtext(content["intro"]),
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
        site.root_page = home
        site.site_name = "Learning from Big Local"
        # Canonical links, the sitemap and feeds use the site's public address (LFBL_BASE_URL).
        sync_site(site)
        site.save()
        if placeholder is not None and placeholder.specific_class is Page:
            placeholder.delete()
        self._remember("page", "home")
        return home

    def load_sections(self, home):
        for model, slug, title in SECTION_PAGES:
            if self._is_loaded("page", slug) or model.objects.exists():
                continue
            self._publish(home, model(title=title, slug=slug, show_in_menus=True))
            self._remember("page", slug)

    def load_regions(self):
        for order, row in enumerate(read_csv(self.corpus / "regions.csv")):
            key = slugify(row["name"])
            if self._is_loaded("region", key):
                continue
            Region.objects.get_or_create(
                slug=key, defaults={"name": row["name"], "sort_order": order}
            )
            self._remember("region", key)

    def load_theme_groups(self):
        for order, row in enumerate(read_csv(self.corpus / "theme-groups.csv")):
            key = row["slug"]
            if self._is_loaded("theme-group", key):
                continue
            ThemeGroup.objects.get_or_create(
                slug=key,
                defaults={
                    "name": row["name"],
                    "description": row["description"],
                    "sort_order": order,
                },
            )
            self._remember("theme-group", key)

    def load_themes(self):
        index = self._section(ThemeIndexPage)
        for row in read_csv(self.corpus / "themes.csv"):
            key = slugify(row["name"])
            if self._is_loaded("theme", key) or ThemePage.objects.filter(slug=key).exists():
                continue
            self._publish(
                index,
                ThemePage(
                    title=row["name"],
                    slug=key,
                    description=markdown_to_plain(row["description"]),
                    group=ThemeGroup.objects.filter(slug=row["group"]).first(),
                ),
            )
            self._remember("theme", key)

    def load_resource_types(self):
        for order, row in enumerate(read_csv(self.corpus / "resource-types.csv")):
            key = row["slug"]
            if self._is_loaded("resource-type", key):
                continue
            ResourceType.objects.get_or_create(
                slug=key,
                defaults={
                    "name": row["name"],
                    "plural": row["plural"],
                    "description": row["description"],
                    "sort_order": order,
                    "title_is_question": row.get("title_is_question") == "yes",
                    "offers_plain_text": row.get("offers_plain_text") == "yes",
                    "import_default": row.get("import_default") == "yes",
                    **{
                        name: "\n".join(ResourceType.lines(row.get(name) or ""))
                        for name in IMPORT_CUE_COLUMNS
                    },
                    **{name: row[name] for name in METADATA_TYPE_COLUMNS if row.get(name)},
                },
            )
            self._remember("resource-type", key)

    def load_areas(self):
        index = self._section(AreaIndexPage)
        regions = {region.name: region for region in Region.objects.all()}
        for row in read_csv(self.corpus / "areas.csv"):
            key = slugify(row["name"])
            if self._is_loaded("area", key) or AreaPage.objects.filter(slug=key).exists():
                continue
            self._publish(
                index,
                AreaPage(
                    title=row["name"],
                    slug=key,
                    region=regions.get(row["region"]),
                    local_authority=row["local_authority"],
                    location_confidence=row["location_confidence"],
                    our_bigger_story=row["our_bigger_story_area"].lower() == "yes",
                    variant_names="\n".join(split_list(row.get("variants", ""))),
                ),
            )
            self._remember("area", key)

    def load_organisations(self):
        for row in read_csv(self.corpus / "organisations.csv"):
            key = slugify(row["name"])
            if self._is_loaded("organisation", key):
                continue
            Organisation.objects.get_or_create(
                slug=key,
                defaults={
                    "name": row["name"],
                    "abbreviation": row["abbreviation"],
                    "kind": row["kind"],
                    "description": markdown_to_plain(row["description"]),
                },
            )
            self._remember("organisation", key)

    def load_glossary(self):
        for row in read_csv(self.corpus / "glossary.csv"):
            key = slugify(row["term"])
            if self._is_loaded("glossary-term", key):
                continue
            GlossaryTerm.objects.get_or_create(
                slug=key,
                defaults={
                    "term": row["term"],
                    "also_known_as": row["also_known_as"],
                    "definition": markdown_to_plain(row["definition"]),
                },
            )
            self._remember("glossary-term", key)

    def load_catalogue_records(self):
        """Works the library cites but does not hold in full: catalogue records with a link."""
        index = self._section(ResourceIndexPage)
        types = {kind.slug: kind for kind in ResourceType.objects.all()}
        for row in read_csv(self.corpus / "references.csv"):
            key = row["slug"]
            if self._is_loaded("resource", key) or ResourcePage.objects.filter(slug=key).exists():
                continue
            page = ResourcePage(
                title=row["title"],
                slug=key,
                resource_type=types[row["type"]],
                summary=markdown_to_plain(row["summary"]),
                publisher=row["publisher"],
                external_url=row["url"],
                source=row["note"] or "Catalogue record: the full text is held by its publisher.",
            )
            if row["year"]:
                page.publication_date, page.date_precision = parse_partial_date(row["year"])
            for name in split_list(row["authors"]):
                page.authors.add(ResourceAuthor(name=name))
            self._publish(index, page)
            self._remember("resource", key)

    def load_documents(self):
        """The source documents in `corpus/documents/`, imported through the ingest pipeline."""
        from ingest.drafts import import_bundled_document

        index = self._section(ResourceIndexPage)
        documents = self.corpus / "documents"
        for row in read_csv(documents / "manifest.csv"):
            key = row["slug"]
            if self._is_loaded("resource", key) or ResourcePage.objects.filter(slug=key).exists():
                continue
            page = import_bundled_document(documents / row["file"], index, row)
            if row.get("recording"):
                self._add_recording(page, row)
            self._remember("resource", key)

    def load_series(self):
        """Podcast series (corpus/series.csv): their episodes are rows of the documents manifest."""
        path = self.corpus / "series.csv"
        for row in read_csv(path) if path.exists() else []:
            key = row["slug"]
            if self._is_loaded("series", key):
                continue
            Series.objects.update_or_create(
                slug=key, defaults={"name": row["name"], "description": row["description"]}
            )
            self._remember("series", key)

    def _add_recording(self, page, row):
        """An episode's recording, series and number, published as the page's next revision."""
        path = self.corpus / row["recording"]
        with path.open("rb") as handle:
            page.recording = get_document_model().objects.create(
                title=f"Recording: {page.title}"[:255],
                file=File(handle, name=path.name),
                file_size=path.stat().st_size,
            )
        page.series = Series.objects.filter(slug=row.get("series", "")).first()
        page.episode_number = int(row["episode"]) if row.get("episode") else None
        if row.get("duration"):
            page.duration = datetime.timedelta(seconds=parse_timestamp(row["duration"]))
        page.save_revision().publish()

    def load_timeline(self):
        for row in read_csv(self.corpus / "timeline.csv"):
            key = f"{row['date']}-{slugify(row['title'])}"
            if self._is_loaded("timeline-event", key):
                continue
            date, precision = parse_partial_date(row["date"])
            event = TimelineEvent.objects.create(
                date=date,
                date_precision=precision,
                title=row["title"],
                description=markdown_to_plain(row["description"]),
            )
            event.resources.set(ResourcePage.objects.filter(slug__in=split_list(row["resources"])))
            event.save()
            self._remember("timeline-event", key)

    def load_about(self):
        if self._is_loaded("page-content", "about"):
            return
        page = AboutPage.objects.first()
        page.body = markdown_to_richtext((self.corpus / "pages" / "about.md").read_text())
        page.save_revision().publish()
        self._remember("page-content", "about")

    def load_theory_of_change(self):
        if self._is_loaded("page-content", "theory-of-change"):
            return
        content = tomllib.loads((self.corpus / "pages" / "theory-of-change.toml").read_text())
        page = TheoryOfChangePage.objects.first()
        page.intro = markdown_to_richtext(content.get("intro", ""))
        items = []
        for key, _label in TheoryOfChangePage.SECTIONS:
            for item in content.get(key, []):
                evidence = [
                    ResourcePage.objects.get(slug=slug) for slug in item.get("evidence", [])
                ]
                items.append((key, {"statement": item["statement"], "evidence": evidence}))
        page.items = items
        page.save_revision().publish()
        self._remember("page-content", "theory-of-change")

    def load_accessibility_statement(self):
        """`/accessibility/`, linked from the footer rather than the main navigation."""
        if self._is_loaded("page", "accessibility") or AccessibilityStatementPage.objects.exists():
            return
        content = tomllib.loads((self.corpus / "pages" / "accessibility.toml").read_text())
        sections = ("introduction", "standard", "known_issues", "contact", "enforcement", "testing")
        page = AccessibilityStatementPage(
            title="Accessibility statement",
            slug="accessibility",
            show_in_menus=False,
            prepared_on=content["prepared_on"],
            reviewed_on=content.get("reviewed_on"),
            **{name: markdown_to_richtext(content.get(name, "")) for name in sections},
        )
        self._publish(HomePage.objects.first(), page)
        self._remember("page", "accessibility")

    def load_home_content(self):
        """The home page's 'start here' text links other pages, so it is set once they exist."""
        if self._is_loaded("page-content", "home"):
            return
        content = tomllib.loads((self.corpus / "pages" / "home.toml").read_text())
        home = HomePage.objects.first()
        home.start_here = markdown_to_richtext(content.get("start_here", ""))
        home.save_revision().publish()
        self._remember("page-content", "home")
