"""`--warc` writes the archive as a WARC file that web archives (and warcio) read back whole."""

import pytest
from warcio.archiveiterator import ArchiveIterator

from archive.warc import write_warc

pytestmark = pytest.mark.django_db


def test_every_archived_file_is_a_response_record_with_its_bytes(export, tmp_path):
    warc = tmp_path / "lfbl.warc.gz"
    base = "https://archive.example.org/lfbl/"
    count = write_warc(export.out, warc, base, made_by="test")
    files = {p.relative_to(export.out).as_posix(): p for p in export.out.rglob("*") if p.is_file()}
    assert count == len(files)

    responses = {}
    kinds = []
    with open(warc, "rb") as stream:
        for record in ArchiveIterator(stream):
            kinds.append(record.rec_type)
            if record.rec_type == "response":
                url = record.rec_headers.get_header("WARC-Target-URI")
                responses[url] = (
                    record.http_headers.get_header("Content-Type"),
                    record.content_stream().read(),
                )
    assert kinds[0] == "warcinfo"
    assert len(responses) == len(files)
    home_type, home = responses[base + "index.html"]
    assert home_type.startswith("text/html")
    assert home == files["index.html"].read_bytes()
    css = [url for url in responses if url.endswith(".css")]
    assert css and responses[css[0]][0].startswith("text/css")
    assert [p.name for p in tmp_path.iterdir()] == ["lfbl.warc.gz"]
