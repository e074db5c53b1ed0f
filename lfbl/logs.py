"""Structured logs for production: one JSON object per line, for Django and gunicorn alike.

Log collectors (journald, Loki, CloudWatch ...) read fields rather than parse text. Gunicorn's
access log passes its request details as a dict of "atoms"; `AccessJsonFormatter` turns the
useful ones into named fields instead of a formatted line.
"""

from pythonjsonlogger.json import JsonFormatter

# Gunicorn's access-log atoms worth keeping, by the field name they get.
ACCESS_FIELDS = {
    "remote": "h",
    "method": "m",
    "path": "U",
    "query": "q",
    "status": "s",
    "bytes": "B",
    "duration_ms": "M",
    "referer": "f",
    "user_agent": "a",
}
FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"


class AccessJsonFormatter(JsonFormatter):
    """Gunicorn's access log as JSON fields (method, path, status, duration_ms ...)."""

    def add_fields(self, log_record, record, message_dict):
        super().add_fields(log_record, record, message_dict)
        atoms = record.args if isinstance(record.args, dict) else {}
        for field, atom in ACCESS_FIELDS.items():
            if atom in atoms:
                log_record[field] = atoms[atom]
        log_record["message"] = "request"


def django_logging(level: str = "INFO") -> dict:
    """The LOGGING setting for production: JSON lines on standard error."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": JsonFormatter, "format": FORMAT}},
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
        "root": {"handlers": ["console"], "level": level},
        "loggers": {"django": {"handlers": ["console"], "level": level, "propagate": False}},
    }


def gunicorn_logging() -> dict:
    """Gunicorn's `logconfig_dict`: its error and access logs as JSON lines."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "json": {"()": JsonFormatter, "format": FORMAT},
            "access": {"()": AccessJsonFormatter, "format": "%(asctime)s %(name)s"},
        },
        "handlers": {
            "error": {"class": "logging.StreamHandler", "formatter": "json"},
            "access": {
                "class": "logging.StreamHandler",
                "formatter": "access",
                "stream": "ext://sys.stdout",
            },
        },
        # Replaces gunicorn's default root logger, whose handler is not defined here.
        "root": {"handlers": ["error"], "level": "INFO"},
        "loggers": {
            "gunicorn.error": {"handlers": ["error"], "level": "INFO", "propagate": False},
            "gunicorn.access": {"handlers": ["access"], "level": "INFO", "propagate": False},
        },
    }
