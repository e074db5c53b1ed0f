"""A record of what the bundled library has loaded, so a second load neither duplicates content
nor brings back what an editor deleted or overwrites what an editor changed."""

from django.db import models


class LoadedRecord(models.Model):
    kind = models.CharField(max_length=40)
    key = models.CharField(max_length=255)
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="unique_loaded_record")]

    def __str__(self):
        return f"{self.kind}:{self.key}"
