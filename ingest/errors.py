"""The one exception the ingest pipeline raises for a file it will not import."""


class IngestError(Exception):
    """A file was rejected; ``reason`` is a sentence an editor can act on."""

    def __init__(self, reason: str, *, code: str = "rejected") -> None:
        super().__init__(reason)
        self.reason = reason
        # A short machine-readable tag (for example "encrypted_pdf") so the
        # admin can group rejections without parsing the sentence.
        self.code = code

    def __str__(self) -> str:
        return self.reason
