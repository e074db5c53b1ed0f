"""Locust readers for `bench/load_test.py`: a realistic mix of what the public asks for.

Each simulated reader asks for one page after another with no pause (a closed loop; geventhttpclient, so the load generator itself stays cheap), so N
readers keep N requests in flight: the server's capacity, not the readers, sets the pace. The
addresses come from a JSON file the bench writes from the library (``LFBL_LOAD_URLS``).

Each answer's ``X-Page-Cache`` header (hit or miss) is counted per kind, with its response time;
when the run ends the counts go to ``LFBL_LOAD_CACHE_STATS`` (JSON) if it is set.
"""

import json
import os
import random
from collections import defaultdict
from urllib.parse import urlencode

from locust import FastHttpUser, constant, events, task

with open(os.environ["LFBL_LOAD_URLS"]) as _urls:
    URLS = json.load(_urls)
# As the reverse proxy sends them: production redirects plain HTTP to HTTPS.
HEADERS = {"X-Forwarded-Proto": "https"}
# kind -> cache status ("hit", "miss", "none") -> response times in ms
CACHE_TIMES: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))


@events.request.add_listener
def count_cache_status(name, response_time, response, exception, **_):
    if exception is None and response is not None:
        status = response.headers.get("X-Page-Cache") or "none"
        CACHE_TIMES[name][status].append(response_time)


@events.quitting.add_listener
def write_cache_stats(**_):
    if path := os.environ.get("LFBL_LOAD_CACHE_STATS"):
        with open(path, "w") as handle:
            json.dump(CACHE_TIMES, handle)


def pick(values, chance=0.5):
    return [random.choice(values)] if values and random.random() < chance else []


class Reader(FastHttpUser):
    wait_time = constant(0)

    def get(self, path, name, **params):
        if params:
            path = f"{path}?{urlencode(params)}"
        self.client.get(path, headers=HEADERS, name=name)

    @task(3)
    def home(self):
        self.get("/", "home")

    @task(5)
    def filtered_listing(self):
        params = {}
        for facet in ("type", "theme", "region"):
            if chosen := pick(URLS[facet], 0.4):
                params[facet] = chosen[0]
        if random.random() < 0.2:
            params["page"] = 2
        self.get("/resources/", "listing (filtered)", **params)

    @task(6)
    def resource_page(self):
        self.get(random.choice(URLS["resources"]), "resource page")

    @task(2)
    def theme_or_area_page(self):
        self.get(random.choice(URLS["themes"] + URLS["areas"]), "theme or area page")

    @task(4)
    def search(self):
        params = {"q": random.choice(URLS["queries"])}
        if chosen := pick(URLS["type"], 0.3):
            params["type"] = chosen[0]
        self.get("/search/", "search", **params)

    @task(2)
    def api(self):
        if random.random() < 0.5:
            params = {"theme": random.choice(URLS["theme"])} if URLS["theme"] else {}
            self.get("/api/v1/resources/", "api list", **params)
        else:
            self.get(f"/api/v1/resources/{random.choice(URLS['slugs'])}/", "api detail")
