"""A resource page transfers under 150 KB on a first visit (HTML, CSS, JavaScript and fonts; images
excluded), measured from Chromium's own network log with an empty cache."""

import pytest

pytestmark = pytest.mark.browser

BUDGET_BYTES = 150 * 1024
RESOURCE_PAGES = [
    # The longest page in the bundled library: a Q&A article with many references.
    "/resources/how-did-local-trust-support-big-local-areas-to-build-networks/",
    "/resources/our-bigger-story-change-in-big-local/",
]
NOT_COUNTED = {"Image", "Media"}


def first_visit_transfers(browser, base_url, path):
    """(resource type, url, bytes on the wire) for each response of one cold page load."""
    context = browser.new_context(base_url=base_url)  # a new context starts with an empty cache
    page = context.new_page()
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.setCacheDisabled", {"cacheDisabled": True})
    kinds, transfers = {}, []
    session.on("Network.responseReceived", lambda e: kinds.__setitem__(e["requestId"], e))
    session.on(
        "Network.loadingFinished",
        lambda e: transfers.append((e["requestId"], e["encodedDataLength"])),
    )
    page.goto(path, wait_until="networkidle")
    context.close()
    return [
        (kinds[request]["type"], kinds[request]["response"]["url"], size)
        for request, size in transfers
        if request in kinds
    ]


@pytest.mark.parametrize("path", RESOURCE_PAGES)
def test_resource_page_first_load_is_under_150_kb(browser, site_server, path):
    transfers = first_visit_transfers(browser, site_server.url, path)
    counted = [(kind, url, size) for kind, url, size in transfers if kind not in NOT_COUNTED]
    assert any(kind == "Document" for kind, _, _ in counted), "the page itself was not measured"
    assert any(kind == "Stylesheet" for kind, _, _ in counted), "the stylesheet was not measured"
    total = sum(size for _, _, size in counted)
    assert total < BUDGET_BYTES, sorted(counted, key=lambda item: -item[2])[:5]
