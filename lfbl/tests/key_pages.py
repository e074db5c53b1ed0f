"""The key pages every quality check (axe, the Nu Html Checker, the pages answer) visits, in one list."""

MISSING_PAGE = "/no-such-page/"  # the helpful 404 page is checked too

KEY_PAGES = [
    "/",
    "/resources/",
    "/resources/?type=report&theme=community-change",
    "/resources/?type=qa-article&region=east-midlands",
    "/resources/how-did-local-trust-support-big-local-areas-to-build-networks/",
    "/resources/our-bigger-story-change-in-big-local/",
    "/resources/listening-and-reading-how-podcast-episodes-work/",
    "/themes/",
    "/themes/resident-leadership/",
    "/areas/",
    "/areas/ramsey/",
    "/timeline/",
    "/search/",
    "/search/?q=networks",
    "/search/?q=zzzzqqq",
    "/ask/",
    "/ask/?q=When+was+the+Community+Leadership+Academy+launched%3F",
    "/ask/?q=What+is+the+capital+of+France%3F",
    "/resources/how-did-local-trust-support-big-local-areas-to-build-networks/?highlight=Learning+clusters+were+launched+in+2018",
    "/about/",
    "/glossary/",
    "/theory-of-change/",
    "/accessibility/",
    MISSING_PAGE,
]
