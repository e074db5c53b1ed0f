"""The library's content generation: one row that every change to stored content moves on.

Cached public pages are filed under the generation they were rendered in, so a change anywhere
(a publish, a snippet edit, a view restriction ...) makes every server render afresh. The new
value is written in the same transaction as the change, so it is exactly as durable: no server
can keep serving a page from before a change that committed.
"""

import uuid

from django.db import models

ROW = 1


class Generation(models.Model):
    """The single row: a random value, replaced (not counted up) at each change, so a value a
    rolled-back transaction wrote is never written again."""

    token = models.CharField(max_length=32, default="")

    def __str__(self):
        return self.token


def current() -> str:
    row = Generation.objects.filter(pk=ROW).values_list("token", flat=True).first()
    return row or ""


def move_on() -> None:
    token = uuid.uuid4().hex
    if not Generation.objects.filter(pk=ROW).update(token=token):
        Generation.objects.get_or_create(pk=ROW, defaults={"token": token})
