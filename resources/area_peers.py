"""'Areas like this one': peers by region and by the themes of the resources that mention them.

An area has no themes of its own; what the library says about it does. Two areas are alike when
the resources mentioning them share themes, and a little more alike when they share a region.
"""

from dataclasses import dataclass

from areas.models import AreaPage
from resources.models import ResourcePage
from security.per_version import per_version
from themes.models import ThemePage


@dataclass
class Peer:
    area: object
    same_region: bool
    shared_themes: list  # theme titles, alphabetical

    @property
    def score(self):
        # A shared theme counts for more than a shared region: region alone is listed elsewhere.
        return 2 * len(self.shared_themes) + (1 if self.same_region else 0)

    @property
    def reasons(self):
        reasons = []
        if self.same_region:
            reasons.append("same region")
        count = len(self.shared_themes)
        if count:
            reasons.append(f"shares {count} theme{'s' if count != 1 else ''}")
        return reasons


def themes_by_area(area_ids=None) -> dict[int, dict[int, str]]:
    """{area id: {theme id: theme title}} from the visible resources that mention each area."""
    rows = (
        ResourcePage.objects.visible()
        .filter(areas__isnull=False, themes__in=ThemePage.objects.visible())
        .values_list("areas", "themes", "themes__title")
    )
    if area_ids is not None:
        rows = rows.filter(areas__in=area_ids)
    themes: dict[int, dict[int, str]] = {}
    for area_id, theme_id, title in rows.distinct():
        themes.setdefault(area_id, {})[theme_id] = title
    return themes


def similar_areas(area, limit=6) -> list[Peer]:
    """Visible areas most like `area`, best first, each saying why it is alike."""
    themes, areas = _what_areas_share()
    own = themes.get(area.pk, {})
    peers = []
    for other in areas:
        if other.pk == area.pk:
            continue
        shared = sorted(own[t] for t in own.keys() & themes.get(other.pk, {}).keys())
        same_region = area.region_id is not None and other.region_id == area.region_id
        if shared or same_region:
            peers.append(Peer(other, same_region, shared))
    peers.sort(key=lambda peer: (-peer.score, peer.area.title))
    return peers[:limit]


@per_version
def _what_areas_share():
    """The themes of each area and the visible areas with their regions: kept while the library
    is unchanged, since every area page compares its area with all 150."""
    return themes_by_area(), list(AreaPage.objects.visible().select_related("region"))
