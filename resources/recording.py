"""Serving a podcast episode's recording to the page's audio player.

Browsers ask for audio in byte ranges (`Range: bytes=START-END`) and can only seek, for example to
a transcript's time link, when the server answers them with `206 Partial Content`. Django's
FileResponse sends whole files, and the one Django package for ranges (django-ranged-response)
has not been maintained since 2017, so the single-range case that media elements use is handled
here; any other Range header gets the whole file, which RFC 9110 allows.

A recording is served only with a type read from its first bytes (never the uploaded name), with
`nosniff` and the same sandboxing policy as every other uploaded file (security/downloads.py).
"""

import re

from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.utils.http import http_date

from resources.transcripts import audio_type
from security.downloads import DOWNLOAD_POLICY

SINGLE_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
CHUNK = 64 * 1024


def recording_type(document) -> str | None:
    """The audio type of a stored document, read from its first bytes; None if not audio or gone."""
    try:
        with document.file.open("rb") as handle:
            head = handle.read(16)
    except (FileNotFoundError, OSError, ValueError):
        return None
    return audio_type(head)


def requested_range(header: str, size: int) -> tuple[int, int] | None | bool:
    """(first, last) byte of a single `bytes=` range; None to send the whole file; False when the
    range cannot be satisfied (416)."""
    match = SINGLE_RANGE.match(header.replace(" ", ""))
    if not match or match.groups() == ("", ""):
        return None
    first, last = match.groups()
    if first == "":  # the last N bytes
        length = int(last)
        if length == 0:
            return False
        return max(size - length, 0), size - 1
    first = int(first)
    last = min(int(last), size - 1) if last else size - 1
    if first >= size or last < first:
        return False
    return first, last


def _stream(handle, first, last):
    handle.seek(first)
    remaining = last - first + 1
    try:
        while remaining > 0:
            chunk = handle.read(min(CHUNK, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            yield chunk
    finally:
        handle.close()


def recording_response(request, document, content_type: str):
    """The recording, whole (200) or the asked-for range (206), or 416 for a range past its end."""
    size = document.file.size
    wanted = requested_range(request.headers.get("Range", ""), size)
    if wanted is False:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
    elif wanted is None:
        response = FileResponse(document.file.open("rb"), content_type=content_type)
    else:
        first, last = wanted
        response = StreamingHttpResponse(
            _stream(document.file.open("rb"), first, last), status=206, content_type=content_type
        )
        response["Content-Range"] = f"bytes {first}-{last}/{size}"
        response["Content-Length"] = str(last - first + 1)
    response["Accept-Ranges"] = "bytes"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = DOWNLOAD_POLICY
    response["Content-Disposition"] = "inline"
    if document.created_at:
        response["Last-Modified"] = http_date(document.created_at.timestamp())
    return response
