"""Build the static archive: every published page rendered in-process and written as files.

How: Django's test `Client` renders each URL through the real URL conf, middleware and templates
(no server, no network). The crawl starts from the home page, the sitemap, the feeds, every
resource's extra routes (plain text, RIS, BibTeX) and the open-data folder, then follows every
internal link and asset it finds. A second pass rewrites links to relative file paths, adds the
archive banner, points search forms at the Pagefind page and removes forms that need a server.
Pagefind then indexes the written pages. Everything is built in a temporary folder beside the
destination and moved into place only when complete.
"""

import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit

import lxml.etree
import lxml.html
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.test import Client, RequestFactory
from django.utils import timezone
from django.utils.dateformat import format as format_date
from tqdm import tqdm

from archive import paths
from resources.facets import archive_facets
from search.best_bets import archive_entries

SEEDS = ("/", "/sitemap.xml", "/robots.txt", "/feeds/resources.rss", "/feeds/resources.atom")
# Added by the open-data work; exported when they respond, skipped quietly when they do not.
OPTIONAL_SEEDS = ("/data/", "/data/datapackage.json")
SEARCH_PAGE_ASSETS = (
    "archive/js/archive-search.js",
    "archive/js/needs-http-note.js",
    "archive/css/archive-search.css",
)
RESOURCE_ROUTES = ("text/", "cite/ris/", "cite/bibtex/")
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"

# Pagefind's ranking, used by the export's search page and by the tests that compare it with the
# live search. Against the live top five for archive/data/search_queries.txt, favouring shorter
# pages and saturating repeated words sooner put the live best result first in 15 of 20 queries
# (Pagefind's defaults: 14) with the same overlap (60 shared results of 100).
PAGEFIND_RANKING = {"pageLength": 0.9, "termSaturation": 0.7}


class ExportError(Exception):
    pass


@dataclass
class Fetched:
    key: str
    file: str  # archive-relative; empty for a redirect
    content_type: str
    redirect: str = ""  # the crawl key a redirect leads to
    download: bool = False  # kept byte for byte: never read or rewritten as a page


@dataclass
class ExportResult:
    out: Path
    pages: int = 0
    files: int = 0
    bytes: int = 0
    pagefind_bytes: int = 0
    seconds_render: float = 0.0
    seconds_index: float = 0.0
    missing: list[str] = field(default_factory=list)


def _client_host() -> str:
    """A host name the site accepts, so the crawl works under any settings module."""
    allowed = [h for h in settings.ALLOWED_HOSTS if h and "*" not in h and not h.startswith(".")]
    for host in ("localhost", "127.0.0.1", "testserver"):
        if host in allowed or "*" in settings.ALLOWED_HOSTS:
            return host
    return allowed[0] if allowed else "localhost"


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _body(response) -> bytes:
    if getattr(response, "streaming", False):
        # Reading to the end closes the response (the test client's wrapper does it). Closing it
        # again would fire request_finished a second time, which closes the database connection
        # (and, inside a test, ends its transaction on PostgreSQL).
        return b"".join(response.streaming_content)
    return response.content


def _on_site(base_key: str, link: str):
    """`link` (found on the page `base_key`) split into its parts if it points into the site;
    None for fragments, mailto: and the like, and other sites."""
    link = link.strip()
    if not link or link.startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
        return None
    parts = urlsplit(urljoin("http://archive.invalid" + base_key, link))
    return parts if parts.netloc == "archive.invalid" else None


class StaticSiteBuilder:
    def __init__(
        self,
        out: Path,
        *,
        made_on: datetime.date | None = None,
        progress: bool = True,
        strict: bool = False,
    ):
        self.out = Path(out).resolve()
        self.strict = strict
        self.made_on = made_on or timezone.localdate()
        self.progress = progress
        self.client = Client(HTTP_HOST=_client_host())
        self.fetched: dict[str, Fetched] = {}
        self.missing: dict[str, str] = {}  # crawl key -> the page that linked to it

    # -- the crawl --------------------------------------------------------------------------------

    def _seeds(self):
        from resources.models import ResourcePage

        yield from SEEDS
        # Only the search page, written after the crawl, links these, so nothing else finds them.
        yield from (static(asset) for asset in SEARCH_PAGE_ASSETS)
        for resource in ResourcePage.objects.visible().specific():
            url = resource.get_url()
            if url and url.startswith("/"):
                yield from (url + route for route in RESOURCE_ROUTES)

    def _internal_key(self, base_key: str, link: str) -> str | None:
        """The crawl key for a link found on `base_key`, or None if it leaves the site."""
        parts = _on_site(base_key, link)
        if parts is None:
            return None
        if paths.is_excluded(parts.path) or parts.path.startswith(
            (paths.SEARCH_PATH, paths.PAGEFIND_PREFIX)
        ):
            return None
        return paths.crawl_key(parts.path, parts.query)

    def _fetch(self, key: str) -> tuple[bytes, str, bool] | str | None:
        """(body, content type, whether it is a download), or the redirect's target, or None if
        nothing answers."""
        if key.startswith(settings.MEDIA_URL):
            # Read from storage: production serves media from the web server, not Django.
            name = key[len(settings.MEDIA_URL) :]
            if not default_storage.exists(name):
                return None
            with default_storage.open(name) as handle:
                return handle.read(), "application/octet-stream", True
        response = self.client.get(key)
        if response.status_code in (301, 302, 307, 308):
            return response["Location"]
        if response.status_code != 200:
            if key.startswith(settings.STATIC_URL):
                found = finders.find(key[len(settings.STATIC_URL) :])
                if found:
                    return Path(found).read_bytes(), "application/octet-stream", False
            return None
        # An uploaded document (or a citation file) is a download: an HTML document among them
        # must never become a page of the archive, nor have its links followed.
        download = response.get("Content-Disposition", "").startswith("attachment")
        return _body(response), response.get("Content-Type", "text/html"), download

    def _links(self, key: str, data: bytes, content_type: str) -> list[str]:
        kind = content_type.split(";")[0]
        if kind == "text/html":
            doc = lxml.html.fromstring(data)
            found = [link for _, _, link, _ in doc.iterlinks()]
            for element in doc.xpath("//*[@srcset]"):
                found += [part.split()[0] for part in element.get("srcset").split(",") if part]
            return found
        if kind == "text/css":
            return [m.group(2) or m.group(4) for m in CSS_URL.finditer(data.decode("utf-8"))]
        if key == "/sitemap.xml":
            root = lxml.etree.fromstring(data)
            return [urlsplit(loc.text.strip()).path for loc in root.iter(SITEMAP_NS + "loc")]
        if key.endswith("/datapackage.json"):
            # The data package lists its files (`resources[].path`), relative to itself.
            package = json.loads(data)
            return [
                r["path"] for r in package.get("resources", []) if isinstance(r.get("path"), str)
            ]
        return []

    def crawl(self, staging: Path) -> None:
        queue = deque()
        seen = set()
        optional = set(OPTIONAL_SEEDS)
        for key in (*self._seeds(), *OPTIONAL_SEEDS):
            if key not in seen:
                seen.add(key)
                queue.append((key, None))
        bar = tqdm(total=len(queue), desc="Rendering", unit="url", disable=not self.progress)
        while queue:
            key, referrer = queue.popleft()
            bar.update(1)
            result = self._fetch(key)
            if result is None:
                if key not in optional:
                    self.missing[key] = referrer or "(seed)"
                continue
            if isinstance(result, str):
                target = self._internal_key(key, result)
                if target:
                    self.fetched[key] = Fetched(key, "", "", redirect=target)
                    if target not in seen:
                        seen.add(target)
                        queue.append((target, key))
                        bar.total += 1
                continue
            data, content_type, download = result
            file = paths.file_for(key, content_type)
            if download:
                file = paths.inert(file)
            destination = staging / file
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(data)
            self.fetched[key] = Fetched(key, file, content_type, download=download)
            for link in [] if download else self._links(key, data, content_type):
                target = self._internal_key(key, link)
                if target and target not in seen:
                    seen.add(target)
                    queue.append((target, key))
                    bar.total += 1
        bar.close()

    # -- rewriting --------------------------------------------------------------------------------

    def _file_of(self, key: str) -> str | None:
        for _ in range(5):  # follow recorded redirects
            fetched = self.fetched.get(key)
            if fetched is None:
                return None
            if not fetched.redirect:
                return fetched.file
            key = fetched.redirect
        return None

    def _rewrite(self, from_file: str, base_key: str, link: str) -> str | None:
        """A relative link for `link`, unchanged if it leaves the site, None to drop it."""
        parts = _on_site(base_key, link)
        if parts is None:
            return link
        if parts.path.startswith(paths.PAGEFIND_PREFIX):
            return paths.relative_href(from_file, parts.path.lstrip("/"), parts.fragment)
        if parts.path == paths.SEARCH_PATH:
            query = parse_qs(parts.query).get("q")
            return paths.relative_href(
                from_file,
                "search/index.html",
                parts.fragment,
                urlencode({"q": query[0]}) if query else "",
            )
        key = paths.crawl_key(parts.path, parts.query)
        if key is None:
            # A filtered listing has no static file: the Pagefind page filters instead.
            return paths.relative_href(from_file, "search/index.html")
        target = self._file_of(key)
        if target is None:
            return None  # the server-only parts (admin, API, OAI) are not in the archive
        return paths.relative_href(from_file, target, parts.fragment)

    def _banner(self):
        made = format_date(self.made_on, "j F Y")
        banner = lxml.html.fragment_fromstring(
            # A labelled region, so the banner sits in a landmark like the rest of the page.
            '<div class="archive-banner" role="region" aria-label="About this copy" '
            'data-pagefind-ignore="all" '
            'style="background:#fff4ce;color:#1f1f1f;border-bottom:2px solid #8a6d00;'
            'padding:.5rem 1rem;font-size:.95rem">'
            f"<strong>Archive copy.</strong> This is a static copy of Learning from Big Local, "
            f'made on <time datetime="{self.made_on.isoformat()}">{made}</time>. '
            "It no longer changes; search runs in your browser.</div>"
        )
        return banner

    def _without_server_forms(self, doc, base_key: str) -> None:
        """Search forms go to the Pagefind page; other forms (filters, sorting) need a server,
        so each is swapped for a link to the archive's search, which can filter."""
        noted = False
        for form in doc.xpath("//form"):
            action = urljoin(base_key, form.get("action") or base_key)
            if urlsplit(action).path == paths.SEARCH_PATH:
                continue
            if noted:  # one note per page is enough (the listing has a filter and a sort form)
                form.drop_tree()
                continue
            note = self._note_for(form, urlsplit(action).path)
            note.tail = form.tail
            form.getparent().replace(form, note)
            noted = True

    def _note_for(self, form, action_path: str):
        """What stands in for a form that needs a server: the form's own `data-archive-note`
        with a link to it on the live site, or else the note about filtering."""
        own = form.get("data-archive-note")
        if own:
            live = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + action_path
            paragraph = lxml.html.fragment_fromstring('<p class="archive-note"></p>')
            paragraph.text = own + " Ask at "
            link = lxml.html.fragment_fromstring("<a></a>")
            link.set("href", live)
            link.text = live
            link.tail = ", or search this archive."
            paragraph.append(link)
            return paragraph
        return lxml.html.fragment_fromstring(
            '<p class="archive-note">Filtering and sorting need the live site. '
            '<a href="/search/">Search this archive</a> to filter by type, theme, region '
            "and year.</p>"
        )

    def rewrite_html(self, staging: Path, fetched: Fetched) -> None:
        path = staging / fetched.file
        doc = lxml.html.fromstring(path.read_bytes())
        self._without_server_forms(doc, fetched.key)
        body = doc.find("body")
        if body is not None:
            body.insert(0, self._banner())
        doc.rewrite_links(lambda link: self._rewrite(fetched.file, fetched.key, link))
        for element in doc.xpath("//*[@srcset]"):
            element.set(
                "srcset",
                ", ".join(
                    " ".join(
                        [self._rewrite(fetched.file, fetched.key, part.split()[0]) or ""]
                        + part.split()[1:]
                    )
                    for part in element.get("srcset").split(",")
                    if part.strip()
                ),
            )
        path.write_bytes(lxml.html.tostring(doc, doctype="<!DOCTYPE html>", encoding="utf-8"))

    def rewrite_css(self, staging: Path, fetched: Fetched) -> None:
        path = staging / fetched.file

        def replace(match):
            link = match.group(2) or match.group(4)
            new = self._rewrite(fetched.file, fetched.key, link) or link
            return match.group(0).replace(link, new)

        path.write_text(CSS_URL.sub(replace, path.read_text(encoding="utf-8")), encoding="utf-8")

    # -- the search page and its index ------------------------------------------------------------

    def write_search_page(self, staging: Path) -> None:
        request = RequestFactory().get(paths.SEARCH_PATH, HTTP_HOST=_client_host())
        request.user = AnonymousUser()
        html = render_to_string(
            "archive/search.html",
            {
                "ranking_json": json.dumps(PAGEFIND_RANKING),
                "facets_json": json.dumps(archive_facets()),
                "best_bets_json": json.dumps(archive_entries()),
            },
            request=request,
        )
        file = "search/index.html"
        (staging / file).parent.mkdir(parents=True, exist_ok=True)
        (staging / file).write_text(html, encoding="utf-8")
        self.fetched[paths.SEARCH_PATH] = Fetched(paths.SEARCH_PATH, file, "text/html")

    def index(self, staging: Path) -> None:
        completed = subprocess.run(
            [
                sys.executable,
                "-m",
                "pagefind",
                "--site",
                str(staging),
                "--output-subdir",
                "pagefind",
            ],
            capture_output=True,
            text=True,
        )
        if completed.returncode != 0:
            raise ExportError(f"Pagefind failed:\n{completed.stdout}\n{completed.stderr}")

    # -- the whole build --------------------------------------------------------------------------

    def build(self) -> ExportResult:
        import time

        self.out.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{self.out.name}-building-", dir=self.out.parent))
        staging.chmod(0o777 & ~_umask())  # mkdtemp makes it private; a website is not
        try:
            started = time.perf_counter()
            self.crawl(staging)
            if self.strict and self.missing:
                raise ExportError(
                    "Linked URLs did not respond: " + ", ".join(sorted(self.missing)[:20])
                )
            self.write_search_page(staging)
            to_rewrite = [f for f in self.fetched.values() if f.file and not f.download]
            for fetched in tqdm(to_rewrite, desc="Linking", unit="file", disable=not self.progress):
                kind = fetched.content_type.split(";")[0]
                if kind == "text/html":
                    self.rewrite_html(staging, fetched)
                elif kind == "text/css" or fetched.file.endswith(".css"):
                    self.rewrite_css(staging, fetched)
            rendered = time.perf_counter()
            self.index(staging)
            indexed = time.perf_counter()
            self._replace_out(staging)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        result = ExportResult(
            out=self.out,
            pages=sum(1 for f in self.fetched.values() if f.content_type.startswith("text/html")),
            seconds_render=rendered - started,
            seconds_index=indexed - rendered,
            missing=[f"{key} (linked from {ref})" for key, ref in sorted(self.missing.items())],
        )
        for file in self.out.rglob("*"):
            if file.is_file():
                result.files += 1
                result.bytes += file.stat().st_size
                if file.relative_to(self.out).parts[0] == "pagefind":
                    result.pagefind_bytes += file.stat().st_size
        return result

    def _replace_out(self, staging: Path) -> None:
        """Swap the finished build in; an older archive is removed only after the swap."""
        old = None
        if self.out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{self.out.name}-old-", dir=self.out.parent))
            self.out.rename(old / "archive")
        staging.rename(self.out)
        if old:
            shutil.rmtree(old, ignore_errors=True)


def build_static_site(out, **options) -> ExportResult:
    return StaticSiteBuilder(Path(out), **options).build()
