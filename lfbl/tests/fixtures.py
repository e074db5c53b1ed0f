"""A small library of the tests' own, for tests that are about the site and not about the bundled
corpus (after Datasette's tests/fixtures.py).

Tests that only need "a published resource" or "a theme with resources" take the `library`
fixture (conftest.py) and read what they need from it, so a change to `corpus/` never breaks a
test about something else. Everything is made inside the test's transaction, beside the bundled
library, and is gone after the test. Its names are invented and say what they are for.

    def test_unpublished_resources_leave_the_feed(client, library):
        library.report.unpublish()
"""

import datetime
from dataclasses import dataclass

from areas.models import AreaIndexPage, AreaPage, Region
from organisations.models import Organisation
from resources.models import ResourceIndexPage, ResourcePage, ResourceType
from themes.models import ThemeGroup, ThemeIndexPage, ThemePage


@dataclass
class FixtureLibrary:
    themes: list[ThemePage]  # "Fixture allotments" (with every resource), "Fixture bus routes"
    area: AreaPage
    organisation: Organisation
    report: ResourcePage  # fixture-report: dated to the day, by two people, cites the case study
    case_study: ResourcePage  # fixture-case-study: an organisation's, undated
    question: ResourcePage  # fixture-question: a Q&A article dated to the month
    resources: list[ResourcePage]  # the three, newest first


def _published(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page.__class__.objects.get(pk=page.pk)


def _theme(title: str, description: str) -> ThemePage:
    group, _ = ThemeGroup.objects.get_or_create(name="Fixture themes", slug="fixture-themes")
    page = ThemePage(title=title, description=description, group=group)
    return _published(ThemeIndexPage.objects.get(), page)


def _resource(slug: str, type_slug: str, title: str, **fields) -> ResourcePage:
    body = [
        ("section", {"heading": heading, "content": f"<p>{text}</p>"})
        for heading, text in fields.pop("sections")
    ]
    page = ResourcePage(
        title=title,
        slug=slug,
        resource_type=ResourceType.objects.get(slug=type_slug),
        body=body,
        **fields,
    )
    return _published(ResourceIndexPage.objects.get(), page)


def make_library() -> FixtureLibrary:
    allotments = _theme(
        "Fixture allotments", "Growing food together on shared plots: a theme made for the tests."
    )
    buses = _theme("Fixture bus routes", "Getting about without a car: a theme made for the tests.")
    region, _ = Region.objects.get_or_create(name="Fixture region", slug="fixture-region")
    area = _published(
        AreaIndexPage.objects.get(),
        AreaPage(title="Fixtureford", region=region, local_authority="Fixtureford Borough"),
    )
    organisation = Organisation.objects.create(name="Fixture Growers Trust", slug="fixture-growers")

    case_study = _resource(
        "fixture-case-study",
        "case-study",
        "Quince Lane allotments: a fixture case study",
        summary="How a residents' group in Fixtureford turned a closed bowling green into allotments.",
        sections=[("What they did", "They signed a lease with the council and dug forty plots.")],
        publisher="Fixture Growers Trust",
    )
    question = _resource(
        "fixture-question",
        "qa-article",
        "How did the fixture partnership choose its bus routes?",
        summary="The partnership asked riders which stops mattered and kept the three they named.",
        sections=[("The survey", "Riders filled in cards at the stops for a month.")],
        publication_date=datetime.date(2020, 6, 1),
        date_precision="month",
    )
    report = _resource(
        "fixture-report",
        "report",
        "Growing together: a fixture report on shared plots",
        summary="Residents in Fixtureford grew food on shared plots and sold the surplus at a stall.",
        key_points=[("point", "Forty plots were let in the first year.")],
        sections=[
            (
                "The plots",
                "Each plot was shared by two households who split the work and the crop.",
            ),
            ("The stall", "A Saturday stall sold the surplus and paid for seeds the next spring."),
            ("What next", "The group plans a second site beside the school playing field."),
        ],
        publication_date=datetime.date(2022, 3, 14),
        date_precision="day",
        publisher="Fixture Growers Trust",
    )
    report.authors.create(name="Ada Planter", sort_order=0)
    report.authors.create(name="Ben Hoe", sort_order=1)
    report.references.create(
        title=case_study.title, authors="Fixture Growers Trust", year=2021, target=case_study
    )
    for page in (case_study, question, report):
        page.themes.set([allotments] if page is not question else [allotments, buses])
        page.areas.set([area])
        page.organisations.set([organisation])
        page.save_revision().publish()
    resources = [ResourcePage.objects.get(pk=p.pk) for p in (report, question, case_study)]
    return FixtureLibrary(
        themes=[allotments, buses],
        area=AreaPage.objects.get(pk=area.pk),
        organisation=organisation,
        report=resources[0],
        case_study=resources[2],
        question=resources[1],
        resources=resources,
    )
