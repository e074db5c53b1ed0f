"""Settings for developers working on the code: debug pages on."""

from .base import *  # noqa: F403

DEBUG = True
SERVE_MEDIA = True
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405

WHITENOISE_USE_FINDERS = True
