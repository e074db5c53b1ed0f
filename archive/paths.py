"""Where each site URL lives in the static archive, and how one archived file links to another.

A static host (or a folder opened with file://) cannot run a query, so the archive gives every URL a
file of its own: `/resources/x/` becomes `resources/x/index.html`, the listing's `?page=2` becomes
`page-2.html` beside it, and a download such as `cite/ris/` keeps its kind as a file extension.
Links between files are always relative, so the copy works from any folder or host subpath.
"""

import mimetypes
import posixpath
from pathlib import PurePosixPath
from urllib.parse import parse_qs, quote, unquote, urlsplit

# Parts of the site that only make sense with a server behind them.
EXCLUDED_PREFIXES = ("/admin/", "/api/", "/cms/")
EXCLUDED_PATHS = ("/oai",)
# The live search page is replaced by Pagefind's, which reads `?q=` itself.
SEARCH_PATH = "/search/"
# Pagefind writes its bundle here after the pages are written.
PAGEFIND_PREFIX = "/pagefind/"

EXTENSIONS = {
    "text/html": ".html",
    "text/plain": ".txt",
    "text/css": ".css",
    "text/csv": ".csv",
    "application/json": ".json",
    "application/xml": ".xml",
    "text/xml": ".xml",
    "application/rss+xml": ".rss",
    "application/atom+xml": ".atom",
    "application/x-research-info-systems": ".ris",
    "application/x-bibtex": ".bib",
    "application/javascript": ".js",
    "text/javascript": ".js",
}


def is_excluded(path: str) -> bool:
    return path.startswith(EXCLUDED_PREFIXES) or path in EXCLUDED_PATHS


def page_number(query: str) -> int | None:
    """The page number when the query is plain pagination (`page=N` and nothing else)."""
    params = parse_qs(query, keep_blank_values=True)
    if set(params) != {"page"} or len(params["page"]) != 1:
        return None
    try:
        number = int(params["page"][0])
    except ValueError:
        return None
    return number if number >= 1 else None


def crawl_key(path: str, query: str = "") -> str | None:
    """The URL as the crawler knows it, or None when no static file can stand for it
    (a filtered listing, a search): plain pagination is the only query string kept."""
    if not query:
        return path
    number = page_number(query)
    if number is None:
        return None
    return path if number == 1 else f"{path}?page={number}"


def extension_for(content_type: str) -> str:
    kind = content_type.split(";")[0].strip().lower()
    return EXTENSIONS.get(kind) or mimetypes.guess_extension(kind) or ".bin"


def file_for(key: str, content_type: str) -> str:
    """The archive-relative file (POSIX, unquoted) that holds the response for a crawl key."""
    parts = urlsplit(key)
    path = unquote(parts.path)
    number = page_number(parts.query) if parts.query else None
    if path.endswith("/"):
        stem = "index" if number is None else f"page-{number}"
        return (path + stem + extension_for(content_type)).lstrip("/")
    if PurePosixPath(path).suffix:
        return path.lstrip("/")
    return (path + extension_for(content_type)).lstrip("/")


# A static host serves these as pages or scripts that run; a download with one is kept as text.
ACTIVE_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml", ".svg", ".svgz", ".xml", ".js", ".mjs"}


def inert(file: str) -> str:
    """The archive file for a download: `notes.html` becomes `notes.html.txt`, so no static host
    ever serves an uploaded document as active content."""
    return file + ".txt" if PurePosixPath(file).suffix.lower() in ACTIVE_SUFFIXES else file


def relative_href(from_file: str, to_file: str, fragment: str = "", query: str = "") -> str:
    """A link from one archived file to another that works wherever the archive is put."""
    if from_file == to_file and fragment:
        return "#" + fragment
    start = posixpath.dirname(from_file) or "."
    href = quote(posixpath.relpath(to_file, start))
    if query:
        href += "?" + query
    if fragment:
        href += "#" + fragment
    return href
