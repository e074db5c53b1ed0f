"""Run LinkChecker (PyPI `LinkChecker`) over an archive on disk, through its Python API.

Why the API rather than the `linkchecker` command: run as root, the command switches to the user
`nobody`, who cannot read pytest's private temporary folders. Through the API it checks the same
way (recursively, every internal link and asset, file:// URLs, nothing fetched from the network:
links that leave the archive are only noted, never followed) and hands back each broken URL.
"""

import re
from pathlib import Path

from linkcheck import configuration, director, get_link_pat
from linkcheck.cmdline import aggregate_url
from linkcheck.logger.none import NoneLogger


class _Collect(NoneLogger):
    LoggerName = "archive-collect"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.checked = []
        self.broken = []

    def log_filter_url(self, url_data, do_print):
        self.stats.log_url(url_data, do_print)
        self.checked.append(url_data.url)
        if not url_data.valid and not url_data.extern:
            self.broken.append(f"{url_data.url} (in {url_data.parent_url}): {url_data.result}")


def check_links(root: Path, start: str = "index.html") -> tuple[list[str], list[str]]:
    """(checked URLs, broken internal links) found by crawling the archive in `root` from the
    page `start`. Everything below `root` is internal, wherever the crawl starts."""
    config = configuration.Configuration()
    config["internlinks"].append(get_link_pat("^" + re.escape(root.resolve().as_uri() + "/")))
    config["recursionlevel"] = -1
    config["threads"] = 2
    config["checkextern"] = False
    config["status"] = False  # no progress thread (it needs a console logger)
    logger = _Collect()
    config["logger"] = logger
    config["fileoutput"] = []
    config.sanitize()
    aggregate = director.get_aggregate(config)
    aggregate_url(aggregate, (root / start).resolve().as_uri())
    director.check_urls(aggregate)
    return logger.checked, logger.broken
