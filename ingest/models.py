"""What an import leaves for editors: each upload batch and file with its progress and outcome, the
suggestions made for each draft (for review), and the text of attached documents (for search)."""

from django.conf import settings
from django.db import models


class ImportBatch(models.Model):
    """Files an editor uploaded together; a background task imports them one by one."""

    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resource_type = models.CharField(max_length=80, blank=True)
    task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Import of {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def finished(self) -> bool:
        return not self.files.exclude(state=ImportedFile.DONE).exists()


class ImportedFile(models.Model):
    """One imported file: waiting, being imported, or done with an outcome and a reason. Files
    uploaded in the admin belong to a batch; those imported with `import_documents` do not."""

    WAITING, RUNNING, DONE = "waiting", "running", "done"
    STATES = [(WAITING, "Waiting"), (RUNNING, "Importing"), (DONE, "Done")]

    batch = models.ForeignKey(
        ImportBatch, null=True, blank=True, on_delete=models.CASCADE, related_name="files"
    )
    name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField(default=0)
    # Where the upload waits for the worker, outside media so it is never served.
    upload_path = models.CharField(max_length=500, blank=True)
    state = models.CharField(max_length=10, choices=STATES, default=WAITING)
    outcome = models.CharField(max_length=20, blank=True)
    reason = models.TextField(blank=True)
    page = models.ForeignKey(
        "resources.ResourcePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="imports",
    )
    report = models.JSONField(default=dict, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.name


class Suggestion(models.Model):
    """A theme, area, organisation or type the importer suggested for a resource, with why.

    Suggestions at or above their kind's threshold were applied when the draft was made; an
    editor accepts or rejects each one in the draft's editor.
    """

    PENDING, ACCEPTED, REJECTED = "pending", "accepted", "rejected"
    STATUSES = [(PENDING, "To review"), (ACCEPTED, "Accepted"), (REJECTED, "Rejected")]
    KINDS = [
        ("theme", "Theme"),
        ("area", "Area"),
        ("organisation", "Organisation"),
        ("type", "Resource type"),
    ]

    page = models.ForeignKey(
        "resources.ResourcePage", on_delete=models.CASCADE, related_name="import_suggestions"
    )
    kind = models.CharField(max_length=20, choices=KINDS)
    name = models.CharField(max_length=300)
    confidence = models.FloatField()
    evidence = models.TextField(blank=True)
    applied = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=STATUSES, default=PENDING)
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["kind", "-confidence", "name"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.name} ({self.confidence:.0%})"


class AttachmentText(models.Model):
    """The readable text of an attached document, kept so search can find words inside it."""

    document = models.OneToOneField(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="extracted_text"
    )
    file_hash = models.CharField(max_length=64, blank=True)
    text = models.TextField(blank=True)
    failure = models.CharField(max_length=300, blank=True)
    # The file a resource was imported from: its text is the resource's own body already.
    is_import_source = models.BooleanField(default=False)

    def __str__(self):
        return f"Text of {self.document}"
