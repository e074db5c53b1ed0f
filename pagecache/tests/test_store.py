"""The page store culls as Django's file cache does, but lists its folder at most every few seconds."""

from pagecache import store
from pagecache.store import PageStore


def entries(folder):
    return len(list(folder.glob("*.djcache")))


def test_entries_beyond_the_limit_wait_for_the_next_cull(tmp_path, monkeypatch):
    cache = PageStore(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 4, "CULL_FREQUENCY": 2}})
    clock = [1000.0]
    monkeypatch.setattr(store.time, "monotonic", lambda: clock[0])
    for n in range(12):
        cache.set(f"page-{n}", "<html>", 60)
    # One cull, at the first write, when there was nothing to cull: the rest waited.
    assert entries(tmp_path) == 12
    clock[0] += store.CULL_EVERY_SECONDS
    cache.set("page-12", "<html>", 60)
    assert entries(tmp_path) <= 7  # Django's cull removed half before the write


def test_what_is_kept_is_read_back(tmp_path):
    cache = PageStore(str(tmp_path), {})
    cache.set("page", ("version", b"<html>"), 60)
    assert cache.get("page") == ("version", b"<html>")
