"""The theory-of-change diagram in a real browser, with JavaScript off (it is HTML and CSS only):
side by side on a laptop, stacked with arrows pointing down on a phone, a plain list on paper."""

import pytest

pytestmark = pytest.mark.browser

URL = "/theory-of-change/"

# Boxes of the diagram's parts, in page coordinates (whole pixels), and whether each is drawn.
LAYOUT = """() => {
  const box = (el) => {
    const r = el.getBoundingClientRect();
    return {left: Math.round(r.left), right: Math.round(r.right), top: Math.round(r.top + scrollY),
            bottom: Math.round(r.bottom + scrollY), width: Math.round(r.width),
            height: Math.round(r.height), shown: r.width > 0 && r.height > 0};
  };
  const all = (selector) => [...document.querySelectorAll(selector)].map(box);
  return {
    steps: all(".toc-chain > .toc-step"),
    arrows: all(".toc-chain > .toc-arrow svg"),
    chain: box(document.querySelector(".toc-chain")),
    conditions: all(".toc-conditions > section"),
    main: box(document.querySelector("main .wrap")),
  };
}"""


@pytest.fixture
def reader(browser, site_server):
    context = browser.new_context(base_url=site_server.url, java_script_enabled=False)
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


def layout(tab, width, media="screen"):
    tab.set_viewport_size({"width": width, "height": 900})
    tab.emulate_media(media=media)
    tab.goto(URL)
    return tab.evaluate(LAYOUT)


def test_at_1280_px_the_steps_stand_side_by_side_joined_by_arrows_pointing_right(reader):
    parts = layout(reader, 1280)
    steps, arrows = parts["steps"], parts["arrows"]
    assert len(steps) == 3 and len(arrows) == 2
    assert len({step["top"] for step in steps}) == 1, steps
    for left, arrow, right in zip(steps, arrows, steps[1:], strict=False):
        assert arrow["shown"]
        assert left["right"] <= arrow["left"] and arrow["right"] <= right["left"], (left, arrow)
        assert arrow["width"] > arrow["height"], "an arrow between columns points across"
        assert arrow["width"] >= 24
    for step in steps:
        assert step["width"] >= 280, "each column is wide enough to read"


def test_at_1280_px_enablers_barriers_and_risks_stand_in_a_band_beneath(reader):
    parts = layout(reader, 1280)
    band = parts["conditions"]
    assert len(band) == 3
    assert all(section["top"] >= parts["chain"]["bottom"] for section in band)
    assert len({section["top"] for section in band}) == 1, band
    assert band[0]["right"] <= band[1]["left"] and band[1]["right"] <= band[2]["left"]


def test_at_390_px_the_steps_stack_with_arrows_pointing_down(reader):
    parts = layout(reader, 390)
    steps, arrows = parts["steps"], parts["arrows"]
    for upper, arrow, lower in zip(steps, arrows, steps[1:], strict=False):
        assert arrow["shown"]
        assert upper["bottom"] <= arrow["top"] and arrow["bottom"] <= lower["top"], (upper, arrow)
        assert arrow["height"] > arrow["width"], "an arrow between stacked steps points down"
        assert arrow["height"] >= 24
    for step in steps:
        assert step["width"] >= parts["main"]["width"] - 40, "a stacked step takes the full width"
    band = parts["conditions"]
    for upper, lower in zip(band, band[1:], strict=False):
        assert upper["bottom"] <= lower["top"]
    assert band[0]["top"] >= steps[-1]["bottom"]


def test_on_paper_the_diagram_prints_as_the_plain_list(reader):
    parts = layout(reader, 1280, media="print")
    steps = parts["steps"]
    for upper, lower in zip(steps, steps[1:], strict=False):
        assert upper["bottom"] <= lower["top"], "printed steps follow one another"
    assert not any(arrow["shown"] for arrow in parts["arrows"]), "no arrows on paper"
