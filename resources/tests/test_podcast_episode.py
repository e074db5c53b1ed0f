"""Podcast episodes: a recording the page plays (seekable, by byte ranges), a transcript whose
turns link to their moment, the episodes of a series in order, and search that finds a turn.

The episodes here are made by the importer from a transcript written for the test, with a
recording made by the test, so nothing depends on the bundled sample episodes."""

import datetime
import io
import json
import re
import wave

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from ingest.drafts import create_resource
from ingest.library_vocabulary import build_vocabulary
from ingest.pipeline import analyse_file
from resources.models import ResourceIndexPage, ResourcePage, Series
from resources.recording import requested_range
from resources.transcripts import parse_timestamp
from search.site_index import get_index, index_resource, remove_resource

pytestmark = pytest.mark.django_db

TRANSCRIPT = """A visit to the orchard at Wenlow Fields
In this episode the host walks round a community orchard and hears how it was planted.
Sam Host 00:04
I came to the orchard on a wet Tuesday, and the first thing I saw was the cider press.
Priya 00:31
We planted the first trees with the primary school. Do you want to see the grafts?
Sam Host 00:40
Yes please. How long did it take?
Priya 01:02:03
About two winters, with a lot of help from the allotment society.
"""


def wav_bytes(seconds=2, rate=8000) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as audio:
        audio.setnchannels(1)
        audio.setsampwidth(1)
        audio.setframerate(rate)
        audio.writeframes(bytes([128]) * rate * seconds)
    return buffer.getvalue()


def stored_document(name, data):
    return get_document_model().objects.create(title=name, file=ContentFile(data, name=name))


def import_episode(tmp_path, text=TRANSCRIPT, name="orchard.txt", *, publish=True):
    path = tmp_path / name
    path.write_text(text)
    document = analyse_file(path, vocabulary=build_vocabulary())
    index = ResourceIndexPage.objects.get()
    return create_resource(document, index, source_path=path, publish=publish)


@pytest.fixture
def episode(tmp_path):
    page = import_episode(tmp_path)
    page.recording = stored_document("orchard.wav", wav_bytes())
    page.duration = datetime.timedelta(seconds=75)
    page.save_revision().publish()
    return ResourcePage.objects.get(pk=page.pk)


def test_an_imported_transcript_becomes_timed_turns(tmp_path):
    page = import_episode(tmp_path)
    kinds = [block.block_type for block in page.body]
    assert kinds[-1] == "transcript"
    turns = page.body[-1].value["turns"]
    assert [(t["speaker"], t["start"]) for t in turns] == [
        ("Sam Host", "00:04"),
        ("Priya", "00:31"),
        ("Sam Host", "00:40"),
        ("Priya", "1:02:03"),
    ]
    assert turns[3]["text"].startswith("About two winters")
    assert page.resource_type.name == "Podcast episode"


def test_each_turn_links_to_its_moment(client, episode):
    html = client.get(episode.url).content.decode()
    assert re.search(r'<li id="t-00-00-31" class="transcript-turn">', html)
    assert (
        '<a class="transcript-time" href="#t-00-00-31"><time datetime="PT31S">00:31</time></a>'
        in html
    )
    assert (
        '<a class="transcript-time" href="#t-01-02-03"><time datetime="PT1H2M3S">1:02:03</time></a>'
        in html
    )
    assert '<span class="transcript-speaker">Priya</span>' in html
    assert ("Transcript", "transcript") in episode.sections()


def test_the_page_plays_the_recording_with_a_native_player(client, episode):
    html = client.get(episode.url).content.decode()
    assert re.search(
        r'<audio id="recording-player"[^>]* controls[^>]* src="[^"]+/recording/"', html
    )
    assert "js/transcript-player" in html
    assert '<time datetime="PT1M15S">01:15</time>' in html  # the length
    data = json.loads(re.search(r'application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "PodcastEpisode"
    assert data["associatedMedia"]["encodingFormat"] == "audio/wav"
    assert data["associatedMedia"]["duration"] == "PT1M15S"


def test_the_recording_is_served_in_byte_ranges(client, episode):
    url = episode.url + "recording/"
    data = wav_bytes()
    whole = client.get(url)
    assert whole.status_code == 200 and whole["Content-Type"] == "audio/wav"
    assert b"".join(whole.streaming_content) == data
    assert whole["Accept-Ranges"] == "bytes" and whole["X-Content-Type-Options"] == "nosniff"

    part = client.get(url, HTTP_RANGE="bytes=100-199")
    assert part.status_code == 206
    assert part["Content-Range"] == f"bytes 100-199/{len(data)}"
    assert b"".join(part.streaming_content) == data[100:200]

    tail = client.get(url, HTTP_RANGE="bytes=-10")
    assert b"".join(tail.streaming_content) == data[-10:]

    past = client.get(url, HTTP_RANGE=f"bytes={len(data)}-")
    assert past.status_code == 416 and past["Content-Range"] == f"bytes */{len(data)}"


@pytest.mark.parametrize(
    "header, wanted",
    [
        ("bytes=0-", (0, 999)),
        ("bytes=10-5000", (10, 999)),
        ("bytes=-0", False),
        ("bytes=0-1,5-6", None),  # several ranges: the whole file, as RFC 9110 allows
        ("items=0-1", None),
        ("bytes=-", None),
        ("bytes=9-3", False),
    ],
)
def test_range_headers(header, wanted):
    assert requested_range(header, 1000) == wanted


def test_a_file_that_is_not_audio_is_refused_as_a_recording(client, episode):
    episode.recording = stored_document("notes.html", b"<html><script>alert(1)</script>")
    with pytest.raises(ValidationError):
        episode.full_clean()
    ResourcePage.objects.filter(pk=episode.pk).update(recording=episode.recording)
    assert client.get(episode.url + "recording/").status_code == 404
    assert "<audio" not in client.get(episode.url).content.decode()


def test_a_page_without_a_recording_has_no_player_and_no_recording_route(client, tmp_path):
    page = import_episode(tmp_path)
    assert "<audio" not in client.get(page.url).content.decode()
    assert client.get(page.url + "recording/").status_code == 404


def test_episodes_of_a_series_link_in_order_and_only_when_visible(client, tmp_path):
    series = Series.objects.create(name="Orchard voices", slug="orchard-voices")
    made = []
    for number, draft in ((1, False), (2, False), (3, True), (4, False)):
        text = TRANSCRIPT.replace("Wenlow Fields", f"Wenlow Fields, part {number}")
        page = import_episode(tmp_path, text, f"part{number}.txt", publish=not draft)
        page.series, page.episode_number = series, number
        revision = page.save_revision()
        if not draft:
            revision.publish()
        made.append(ResourcePage.objects.get(pk=page.pk))
    first, second, draft, fourth = made

    html = client.get(second.url).content.decode()
    assert "Episode 2 of Orchard voices" in html
    assert f'href="{first.url}" rel="prev"' in html
    assert f'href="{fourth.url}" rel="next"' in html  # the unpublished third is skipped
    assert draft.title not in html
    assert '<span aria-current="page">' in html
    assert first.episode_neighbours() == (None, second)


def test_search_finds_the_turn_and_links_to_its_moment(episode):
    index_resource(episode)
    try:
        hits = get_index().search("allotment society").hits
        hit = next(hit for hit in hits if hit.id == str(episode.pk))
        assert hit.anchor == "t-01-02-03"
        assert hit.link.endswith("#t-01-02-03")
    finally:
        remove_resource(episode.pk)


def test_timestamps_are_checked():
    assert parse_timestamp("1:02:03") == 3723
    for bad in ("1:60", "1:61:00", "12", "1:2", "a:bc"):
        with pytest.raises(ValueError):
            parse_timestamp(bad)


def test_the_api_and_open_data_describe_the_recording(client, episode):
    api = client.get(f"/api/v1/resources/{episode.slug}/").json()
    assert api["recording_url"].endswith(f"/{episode.slug}/recording/")
    assert (api["recording_type"], api["duration"]) == ("audio/wav", "PT1M15S")
    rows = client.get("/data/resources.json").json()["rows"]
    [row] = [row for row in rows if row["slug"] == episode.slug]
    assert row["duration"] == "PT1M15S"
    assert client.get(api["recording_url"]).status_code == 200
