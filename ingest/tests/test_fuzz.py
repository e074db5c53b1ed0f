"""Whatever bytes arrive, analyse_file returns a document or raises IngestError."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.document import AnalysedDocument
from ingest.errors import IngestError
from ingest.pipeline import analyse_file
from ingest.tests.conftest import seed_text
from ingest.tests.makers import docx_file, seed_structure, simple_text_pdf

NAMES = st.sampled_from(["a.pdf", "a.docx", "a.html", "a.md", "a.txt", "a", "a.png"])
VALID = [
    simple_text_pdf(seed_text(3).splitlines()[:12]),
    docx_file(seed_structure(seed_text(0))),
    seed_text(2).encode(),
    b"<html><body><h1>T</h1><p>Body text of a page.</p></body></html>",
]


@st.composite
def damaged(draw):
    data = bytearray(draw(st.sampled_from(VALID)))
    for _ in range(draw(st.integers(0, 6))):
        position = draw(st.integers(0, len(data) - 1))
        data[position] = draw(st.integers(0, 255))
    cut = draw(st.integers(1, len(data)))
    return bytes(data[: cut if draw(st.booleans()) else len(data)])


INPUTS = st.one_of(
    st.binary(max_size=4096),
    st.text(max_size=2000).map(lambda text: text.encode("utf-8")),
    damaged(),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=INPUTS, filename=NAMES)
def test_analyse_file_returns_a_document_or_raises_ingest_error(data, filename):
    try:
        document = analyse_file(data, filename)
    except IngestError as error:
        assert error.reason
    else:
        assert isinstance(document, AnalysedDocument)
        assert document.title
