"""Each site URL has one file in the archive, and links between files are relative."""

from archive.paths import crawl_key, file_for, relative_href


def test_folders_become_index_files_and_pages_of_a_listing_sit_beside_them():
    assert file_for("/", "text/html") == "index.html"
    assert file_for("/resources/x/", "text/html; charset=utf-8") == "resources/x/index.html"
    assert file_for("/resources/?page=3", "text/html") == "resources/page-3.html"


def test_downloads_keep_their_kind_as_an_extension():
    assert file_for("/resources/x/cite/ris/", "application/x-research-info-systems") == (
        "resources/x/cite/ris/index.ris"
    )
    assert file_for("/resources/x/text/", "text/plain; charset=utf-8") == (
        "resources/x/text/index.txt"
    )
    assert file_for("/feeds/resources.rss", "application/rss+xml") == "feeds/resources.rss"
    assert file_for("/documents/4/report%20one.pdf", "application/pdf") == (
        "documents/4/report one.pdf"
    )


def test_only_plain_pagination_survives_as_a_query_string():
    assert crawl_key("/resources/", "page=2") == "/resources/?page=2"
    assert crawl_key("/resources/", "page=1") == "/resources/"
    assert crawl_key("/resources/", "theme=housing") is None
    assert crawl_key("/resources/", "page=2&sort=date") is None
    assert crawl_key("/resources/", "page=zero") is None


def test_links_are_relative_to_the_linking_file():
    assert relative_href("index.html", "resources/x/index.html") == "resources/x/index.html"
    assert relative_href("resources/x/index.html", "static/css/site.css") == (
        "../../static/css/site.css"
    )
    assert relative_href("resources/x/index.html", "resources/x/index.html", "refs") == "#refs"
    assert relative_href("about/index.html", "search/index.html", query="q=a+b") == (
        "../search/index.html?q=a+b"
    )
    assert (
        relative_href("index.html", "documents/4/report one.pdf") == "documents/4/report%20one.pdf"
    )
