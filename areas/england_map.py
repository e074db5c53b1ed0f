"""The map of England on `/areas/` and area pages: region shapes and one dot per area.

The shapes come from `areas/data/england-map.json`, built from Natural Earth by
`scripts/build_england_map.py` (see `areas/data/README.md`). No tiles or scripts: plain SVG.
"""

import csv
import json
import math
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

MAP_DATA = Path(__file__).resolve().parent / "data" / "england-map.json"
# Natural Earth maps unitary, metropolitan and London councils but not shire districts: for those
# the map uses the county the district lies in (a fact list kept by hand, see data/README.md).
DISTRICT_COUNTIES = MAP_DATA.parent / "district-counties.csv"
GOLDEN_ANGLE = math.radians(137.5)
BADGE_RADIUS = 11
DOT_RADIUS = 3.2
# Dots closer than this overlap or touch and cannot be told apart or chosen; they are moved apart.
DOT_SPACING = 2 * DOT_RADIUS + 1.2
# London is too small to hold its count badge among its dots: the badge sits off to the
# north-west with a leader line.
BADGE_OFFSETS = {"london": (-36, -26)}


@dataclass
class MapDot:
    area: object
    x: float
    y: float
    placed_at: str  # "council", "county" or "region": how exactly the dot is placed

    @property
    def at_local_authority(self):
        return self.placed_at == "council"

    @property
    def label(self):
        where = ", ".join(self.area.local_authorities)
        region = self.area.region.name if self.area.region else "region not recorded"
        return (
            f"{self.area.title} ({where}, {region})" if where else f"{self.area.title} ({region})"
        )


@dataclass
class MapRegion:
    name: str
    path: str
    label_x: float
    label_y: float
    region: object = None  # the Region row, when the library has areas there
    area_count: int = 0
    dots: list = field(default_factory=list)
    badge_x: float = 0
    badge_y: float = 0

    @property
    def has_leader(self):
        return (self.badge_x, self.badge_y) != (self.label_x, self.label_y)


@cache
def map_data() -> dict:
    return json.loads(MAP_DATA.read_text(encoding="utf-8"))


def normalise_place(name: str) -> str:
    """'Bristol, City of' and 'St. Helens' match Natural Earth's 'Bristol' and 'St Helens'."""
    name = re.sub(r",\s*(city|county) of$", "", name.strip(), flags=re.IGNORECASE)
    return re.sub(r"[^a-z0-9]+", " ", name.lower().replace("st.", "st")).strip()


@cache
def places() -> dict:
    return {normalise_place(name): value for name, value in map_data()["places"].items()}


@cache
def district_counties() -> dict:
    with DISTRICT_COUNTIES.open(encoding="utf-8", newline="") as rows:
        return {normalise_place(row["district"]): row["county"] for row in csv.DictReader(rows)}


def _place_in_region(name, area):
    found = places().get(normalise_place(name))
    if found and (area.region is None or found[2].lower() == area.region.name.lower()):
        return found[0], found[1]
    return None


def local_authority_point(area):
    """Where the area's first mapped local authority is, if it is a unit the map data has."""
    for name in area.local_authorities:
        point = _place_in_region(name, area)
        if point:
            return point
    return None


def county_point(area):
    """Where the county holding the area's district council is, if the district is listed."""
    for name in area.local_authorities:
        county = district_counties().get(normalise_place(name))
        point = county and _place_in_region(county, area)
        if point:
            return point
    return None


def _spread(x, y, index, step=DOT_SPACING):
    """The index-th point of a sunflower spiral round (x, y): keeps stacked dots apart."""
    if index == 0:
        return x, y
    radius = step * math.sqrt(index)
    return x + radius * math.cos(index * GOLDEN_ANGLE), y + radius * math.sin(index * GOLDEN_ANGLE)


class EnglandMap:
    """Regions with their area counts, and a dot per area (at its council, else in its region)."""

    def __init__(self, areas, regions):
        data = map_data()
        self.width = data["width"]
        self.height = data["height"]
        regions_by_name = {region.name.lower(): region for region in regions}
        self.regions = []
        slots = {}
        for item in data["regions"]:
            map_region = MapRegion(
                name=item["name"],
                path=item["path"],
                label_x=item["label"][0],
                label_y=item["label"][1],
                region=regions_by_name.get(item["name"].lower()),
            )
            self.regions.append(map_region)
            slots[item["name"].lower()] = list(item["slots"])
        by_name = {r.name.lower(): r for r in self.regions}
        used_points: dict[tuple, int] = {}
        self.dots = []
        self.unmapped = []
        for area in areas:
            map_region = by_name.get(area.region.name.lower()) if area.region else None
            if map_region is None:
                self.unmapped.append(area)
                continue
            map_region.area_count += 1
            point, placed_at = local_authority_point(area), "council"
            if point is None:
                point, placed_at = county_point(area), "county"
            if point is None:
                free = slots[map_region.name.lower()]
                point = free.pop(0) if free else (map_region.label_x, map_region.label_y + 14)
                placed_at = "region"
            key = (point[0], point[1])
            x, y = _spread(*key, used_points.get(key, 0))
            used_points[key] = used_points.get(key, 0) + 1
            dot = MapDot(area, round(x, 1), round(y, 1), placed_at)
            map_region.dots.append(dot)
            self.dots.append(dot)
        for map_region in self.regions:
            dx, dy = BADGE_OFFSETS.get(map_region.name.lower(), (0, 0))
            map_region.badge_x = map_region.label_x + dx
            map_region.badge_y = map_region.label_y + dy
        self._separate_dots()

    def _separate_dots(self, rounds=60):
        """Push apart dots of neighbouring councils that would overlap, a little at a time, so
        each dot stays near its place; a grid of cells keeps each round linear in the dots."""
        for _ in range(rounds):
            cells: dict[tuple, list] = {}
            for dot in self.dots:
                cells.setdefault((int(dot.x // DOT_SPACING), int(dot.y // DOT_SPACING)), []).append(
                    dot
                )
            moved = False
            for (cx, cy), members in cells.items():
                near = [
                    d
                    for dx in (-1, 0, 1)
                    for dy in (-1, 0, 1)
                    for d in cells.get((cx + dx, cy + dy), ())
                ]
                for dot in members:
                    for other in near:
                        if other is dot or id(other) < id(dot):
                            continue
                        dx, dy = other.x - dot.x, other.y - dot.y
                        distance = math.hypot(dx, dy)
                        if distance >= DOT_SPACING:
                            continue
                        angle = math.atan2(dy, dx) if distance else id(dot) % 628 / 100
                        push = (DOT_SPACING - distance) / 2 + 0.05
                        dot.x -= push * math.cos(angle)
                        dot.y -= push * math.sin(angle)
                        other.x += push * math.cos(angle)
                        other.y += push * math.sin(angle)
                        moved = True
            # Count badges stay put: a dot under one moves out, then the round repeats.
            moved = self._clear_badges() or moved
            if not moved:
                break
        for dot in self.dots:
            dot.x, dot.y = round(dot.x, 1), round(dot.y, 1)

    def _clear_badges(self) -> bool:
        """Move any dot hidden under a count badge to just outside it, so every dot shows;
        True if one moved."""
        moved = False
        clearance = BADGE_RADIUS + 3
        for map_region in self.regions:
            for dot in self.dots:
                dx, dy = dot.x - map_region.badge_x, dot.y - map_region.badge_y
                distance = math.hypot(dx, dy)
                if distance >= clearance:
                    continue
                angle = math.atan2(dy, dx) if distance else 0
                dot.x = map_region.badge_x + (clearance + 0.1) * math.cos(angle)
                dot.y = map_region.badge_y + (clearance + 0.1) * math.sin(angle)
                moved = True
        return moved

    @property
    def placed_by_county_count(self):
        return sum(1 for dot in self.dots if dot.placed_at == "county")

    @property
    def placed_by_region_count(self):
        return sum(1 for dot in self.dots if dot.placed_at == "region")
