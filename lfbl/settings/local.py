"""The settings `make run` uses: a single machine, SQLite, DEBUG off so errors never show tracebacks."""

from .base import *  # noqa: F403

# Serve uploaded images and documents from Django itself: fine for one machine, not for production.
SERVE_MEDIA = True
