"""scripts/build_england_map.py turns Natural Earth admin-1 units into the shipped map data."""

import json

import pytest

from scripts.build_england_map import build, svg_path


def unit(name, region, lon0, lat0, nation="England"):
    square = [[lon0, lat0], [lon0 + 1, lat0], [lon0 + 1, lat0 + 1], [lon0, lat0 + 1], [lon0, lat0]]
    return {
        "type": "Feature",
        "properties": {
            "name": name,
            "region": region,
            "geonunit": nation,
            "longitude": lon0 + 0.5,
            "latitude": lat0 + 0.5,
        },
        "geometry": {"type": "Polygon", "coordinates": [square]},
    }


@pytest.fixture
def source(tmp_path):
    features = [
        unit("Leeds", "Yorkshire and the Humber", -2, 53),
        unit("York", "Yorkshire and the Humber", -1, 53),
        unit("Camden", "Greater London", -2, 52),
        unit("Glasgow", "Scottish region", -4, 55, nation="Scotland"),
    ]
    path = tmp_path / "admin1.json"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


def test_english_units_are_dissolved_into_regions_with_library_names(source):
    data = build(source)
    assert [r["name"] for r in data["regions"]] == ["London", "Yorkshire and The Humber"]
    yorkshire = data["regions"][1]
    # Two squares side by side dissolve into one rectangle: a single ring.
    assert yorkshire["path"].count("M") == 1
    assert "Glasgow" not in data["places"]


def test_places_are_projected_inside_the_drawing_north_up(source):
    data = build(source)
    leeds_x, leeds_y, region = data["places"]["Leeds"]
    camden_x, camden_y, _ = data["places"]["Camden"]
    assert region == "Yorkshire and The Humber"
    assert 0 < leeds_x < data["width"] and 0 < leeds_y < data["height"]
    assert leeds_y < camden_y  # Leeds is north of Camden, so higher on the map
    assert leeds_x == pytest.approx(camden_x)


def test_an_unknown_english_region_stops_the_build(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"features": [unit("Nowhere", "Atlantis", 0, 50)]}))
    with pytest.raises(SystemExit, match="Unknown region"):
        build(path)


def test_svg_paths_use_relative_moves_and_close_each_ring():
    from shapely.geometry import box

    assert svg_path(box(0, 0, 10, 5)) == "M10 0l0 5l-10 0l0 -5z"
