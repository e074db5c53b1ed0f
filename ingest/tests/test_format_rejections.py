"""Bad files are rejected with a reason an editor can act on, never half-read."""

from __future__ import annotations

import io
import zipfile

import pytest

from ingest import formats
from ingest.errors import IngestError
from ingest.pipeline import analyse_file
from ingest.tests.makers import (
    encrypted_pdf,
    image_only_pdf,
    simple_text_pdf,
    zip_bomb_docx,
)

PARAGRAPHS = [
    "Big Local gave residents in 150 areas about one million pounds each to spend on their "
    "own priorities over ten to fifteen years.",
    "This short paragraph is here so the file has a real text layer.",
]


def _reason(data: bytes, filename: str, **kwargs) -> IngestError:
    with pytest.raises(IngestError) as caught:
        analyse_file(data, filename, **kwargs)
    return caught.value


def test_import_rejects_encrypted_pdf():
    error = _reason(encrypted_pdf(simple_text_pdf(PARAGRAPHS)), "report.pdf")
    assert error.code == "encrypted_pdf"
    assert "password" in error.reason


def test_import_reads_pdf_with_only_an_owner_password():
    document = analyse_file(encrypted_pdf(simple_text_pdf(PARAGRAPHS), user_password=""), "r.pdf")
    assert "one million pounds" in document.plain_text
    assert any("owner password" in warning for warning in document.warnings)


def test_import_rejects_image_only_pdf_without_text_layer():
    error = _reason(image_only_pdf(), "scan.pdf")
    assert error.code == "no_text_layer"
    assert "OCR" in error.reason


def test_import_rejects_truncated_pdf():
    data = simple_text_pdf(PARAGRAPHS)
    error = _reason(data[: len(data) * 2 // 3], "cut.pdf")
    assert error.code == "corrupt"
    assert "truncated" in error.reason


def test_import_rejects_pdf_with_damaged_insides():
    error = _reason(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R\ngarbage\n%%EOF\n", "x.pdf")
    assert error.code in ("corrupt", "no_text_layer")


def test_import_rejects_docx_zip_bomb_before_unzipping():
    error = _reason(zip_bomb_docx(), "bomb.docx")
    assert error.code == "zip_bomb"


def test_zip_check_uses_declared_total_size():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("word/document.xml", b"<w:document/>" * 100)
    with pytest.raises(IngestError, match="zip bomb"):
        formats.check_zip_archive(zipfile.ZipFile(buffer), max_total=500)


def test_import_rejects_docx_declaring_xml_entities():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "word/document.xml",
            '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><w:document/>',
        )
    error = _reason(buffer.getvalue(), "laughs.docx")
    assert error.code == "unsafe"


def test_import_rejects_truncated_docx():
    data = zip_bomb_docx(1)
    error = _reason(data[: len(data) // 2], "cut.docx")
    assert error.code == "corrupt"


def test_lying_extension_is_read_as_the_real_format_with_a_note():
    page = (
        "<!DOCTYPE html><html><body><h1>Real title</h1><p>Body text of the page.</p></body></html>"
    )
    document = analyse_file(page.encode(), "report.pdf")
    assert document.source_format == "html"
    assert document.title == "Real title"
    assert any("file says .pdf but is HTML" in warning for warning in document.warnings)


def test_lying_extension_is_reported_when_the_real_format_cannot_be_read():
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    error = _reason(png, "report.pdf")
    assert error.reason.startswith("file says .pdf but is a PNG image")


def test_lying_extension_on_unknown_binary_is_reported():
    error = _reason(bytes(range(256)) * 8, "report.docx")
    assert error.reason == "file says .docx but is binary data of an unknown type"


def test_import_rejects_binary_junk():
    error = _reason(bytes(range(256)) * 8, "mystery")
    assert error.code == "binary"


def test_import_rejects_old_word_format_clearly():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512
    assert ".doc" in _reason(ole, "old.doc").reason


def test_import_rejects_excel_workbook_named_docx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert "Excel" in _reason(buffer.getvalue(), "sheet.docx").reason


def test_import_rejects_file_over_the_size_limit():
    error = _reason(b"x" * 2048, "big.txt", max_bytes=1024)
    assert error.code == "too_large"


def test_size_limit_is_checked_before_reading_a_path(tmp_path, monkeypatch):
    path = tmp_path / "big.txt"
    path.write_text("Some text. " * 200)
    monkeypatch.setattr(type(path), "read_bytes", lambda self: pytest.fail("file was read"))
    with pytest.raises(IngestError, match="limit"):
        analyse_file(path, max_bytes=100)


def test_default_size_limit_is_300_megabytes():
    assert formats.DEFAULT_MAX_BYTES == 300 * 1024 * 1024


def test_import_rejects_empty_file():
    assert _reason(b"", "empty.txt").code == "empty"


def test_import_rejects_text_without_letters():
    assert _reason(b"1234 5678\n\n----\n", "numbers.txt").code == "no_text"


def test_windows_1252_text_is_decoded_with_a_note():
    document = analyse_file(
        "Caf\u00e9 culture in \u201cBig Local\u201d areas.".encode("cp1252"), "a.txt"
    )
    assert "Café" in document.plain_text
    assert any("Windows-1252" in warning for warning in document.warnings)


def test_missing_file_is_an_ingest_error(tmp_path):
    with pytest.raises(IngestError):
        analyse_file(tmp_path / "nope.pdf")


def test_utf8_text_cut_mid_character_is_read_with_a_warning():
    data = "Residents’ plans for the area’s “future”".encode()[:-1]
    document = analyse_file(data, "cut.txt")
    assert "Residents’ plans" in document.plain_text
    assert any("cut short" in warning for warning in document.warnings)
