"""Lighthouse scores (mobile preset) for the home, a resource and an area page, served as `make run` serves them.

    make quality-tools && .venv/bin/python bench/lighthouse.py

Prepares a fresh database in a temporary folder (migrate, load_library, rebuild_search_index,
collectstatic) with the `local` settings (DEBUG off, hashed and compressed static files through
whitenoise), serves it with gunicorn and runs the pinned Lighthouse from `tools/quality` against
Debian's Chromium. As the peer measured in the same run, each page's HTML is also served bare (no
stylesheet, script or icon) by Python's own static file server, so the ratios show what the site's
styling and server add to paint times and bytes. Scores go to `bench/results/lighthouse-<date>.json`;
the script exits non-zero if any score is under 95.
"""

from __future__ import annotations

import argparse
import datetime
import functools
import http.server
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import threading
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lfbl.tests.quality_tools import (  # noqa: E402
    CHROMIUM,
    LIGHTHOUSE_BAR,
    LIGHTHOUSE_CATEGORIES,
    LIGHTHOUSE_CLI,
    LIGHTHOUSE_PAGES,
    run_lighthouse,
)
from lfbl.tests.served_site import prepare_site, serve  # noqa: E402

# What the bare peer leaves out: everything but the HTML itself.
EXTRAS = re.compile(r"<link[^>]+rel=\"(?:stylesheet|icon)\"[^>]*>|<script\b.*?</script>", re.S)


@functools.cache
def peer_server(folder):
    """Python's static file server on a free port, serving the bare copies."""
    handler = functools.partial(QuietHandler, directory=folder)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, help="where to save (default bench/results/...)")
    args = parser.parse_args()
    if not LIGHTHOUSE_CLI.exists():
        sys.exit("Lighthouse is not installed: run `make quality-tools`")

    results, version = {}, None
    with tempfile.TemporaryDirectory(prefix="lfbl-lighthouse-") as work:
        work = Path(work)
        var_dir = work / "var"
        bare_dir = work / "bare"
        var_dir.mkdir()
        bare_dir.mkdir()
        print("Preparing the site (migrate, load_library, index, collectstatic)...", flush=True)
        env = prepare_site(var_dir, "lfbl.settings.local", collect_static=True)
        with serve(var_dir, env, workers=2, threads=4) as site:
            for name, path in LIGHTHOUSE_PAGES.items():
                html = urllib.request.urlopen(site + path, timeout=30).read().decode()
                (bare_dir / f"{name}.html").write_text(EXTRAS.sub("", html))
                run = run_lighthouse(site + path, work / f"{name}.json")
                peer = run_lighthouse(
                    f"{peer_server(str(bare_dir))}/{name}.html", work / "peer.json"
                )
                version = run.version
                results[name] = {
                    "url": path,
                    "scores": run.scores,
                    "metrics": run.metrics,
                    "audits_below_full_marks": run.below_full_marks,
                    "peer_bare_html_metrics": peer.metrics,
                    "lcp_vs_bare_html": round(run.metrics["lcp_ms"] / peer.metrics["lcp_ms"], 2),
                    "bytes_vs_bare_html": round(run.metrics["bytes"] / peer.metrics["bytes"], 2),
                }
                print(
                    f"{name:9} "
                    + "  ".join(f"{c} {run.scores[c]:3}" for c in LIGHTHOUSE_CATEGORIES)
                    + f"  | LCP {run.metrics['lcp_ms']:.0f} ms"
                    + f" ({results[name]['lcp_vs_bare_html']}x bare HTML)"
                    + f"  bytes {run.metrics['bytes']:.0f}"
                    + f" ({results[name]['bytes_vs_bare_html']}x bare HTML)",
                    flush=True,
                )

    lowest = min(score for page in results.values() for score in page["scores"].values())
    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True)
    summary = {
        "date": datetime.date.today().isoformat(),
        "lighthouse": version,
        "preset": "mobile (Lighthouse default: emulated Moto G Power, simulated slow 4G)",
        "browser": chromium.stdout.strip(),
        "bar": LIGHTHOUSE_BAR,
        "lowest_score": lowest,
        "lowest_score_vs_bar": round(lowest / LIGHTHOUSE_BAR, 3),
        "pages": results,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
    }
    output = args.output or ROOT / "bench" / "results" / f"lighthouse-{summary['date']}.json"
    output.write_text(json.dumps(summary, indent=2) + "\n")
    ratio = summary["lowest_score_vs_bar"]
    print(f"lowest score {lowest} (bar {LIGHTHOUSE_BAR}, ratio {ratio}); saved {output}")
    if lowest < LIGHTHOUSE_BAR:
        sys.exit(1)


if __name__ == "__main__":
    main()
