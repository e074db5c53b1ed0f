"""The pinned npm quality tools (`make quality-tools` installs them) and how to run Lighthouse.

The tests and `bench/lighthouse.py` share this, so both check pages the same way.
"""

import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

QUALITY_DIR = Path(__file__).resolve().parents[2] / "tools" / "quality"
VNU_JAR = QUALITY_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE_CLI = QUALITY_DIR / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"
    " --disable-background-networking --disable-component-update --disable-sync"
    " --no-first-run --disable-quic"
)
LIGHTHOUSE_CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
LIGHTHOUSE_BAR = 95
LIGHTHOUSE_PAGES = {
    "home": "/",
    "resource": "/resources/how-did-local-trust-support-big-local-areas-to-build-networks/",
    "area": "/areas/ramsey/",
}
METRICS = {
    "first-contentful-paint": "fcp_ms",
    "largest-contentful-paint": "lcp_ms",
    "total-blocking-time": "tbt_ms",
    "cumulative-layout-shift": "cls",
    "total-byte-weight": "bytes",
}


LIGHTHOUSE_ATTEMPTS = 3
RUN_AGAIN = "Please run Lighthouse again"


def require(tool):
    """Fail (never skip) with the command that installs the tool when it is missing."""
    if not tool.exists():
        pytest.fail(f"{tool} is missing: run `make quality-tools`")
    return tool


@dataclass
class LighthouseRun:
    scores: dict  # category -> 0..100
    metrics: dict  # see METRICS
    below_full_marks: list  # ids of weighted audits that lost points
    version: str


def run_lighthouse(url, output):
    """Lighthouse with its default (mobile) preset against Debian's Chromium; JSON report to `output`."""
    command = [
        "node",
        str(require(LIGHTHOUSE_CLI)),
        url,
        "--output=json",
        f"--output-path={output}",
        "--quiet",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    for attempt in range(1, LIGHTHOUSE_ATTEMPTS + 1):
        completed = subprocess.run(
            command,
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            capture_output=True,
            text=True,
            timeout=300,
        )
        if completed.returncode == 0:
            break
        # Lighthouse itself says when a failure is its trace recording, not the page (seen once
        # in CI: NO_NAVSTART); only then is running it again the right answer.
        if RUN_AGAIN not in completed.stderr or attempt == LIGHTHOUSE_ATTEMPTS:
            raise RuntimeError(f"Lighthouse failed on {url}:\n{completed.stderr.strip()}")
    report = json.loads(Path(output).read_text())
    if report.get("runtimeError"):
        raise RuntimeError(f"Lighthouse failed on {url}: {report['runtimeError']}")
    audits = report["audits"]
    metrics = {key: audits[audit]["numericValue"] for audit, key in METRICS.items()}
    return LighthouseRun(
        scores={c: round(report["categories"][c]["score"] * 100) for c in LIGHTHOUSE_CATEGORIES},
        metrics={key: round(value, 3 if key == "cls" else 0) for key, value in metrics.items()},
        below_full_marks=sorted(
            ref["id"]
            for category in report["categories"].values()
            for ref in category["auditRefs"]
            if ref["weight"]
            and audits[ref["id"]]["score"] is not None
            and audits[ref["id"]]["score"] < 1
        ),
        version=report["lighthouseVersion"],
    )
