"""Dates known only to the year or month (common in programme records) and how to show them."""

import datetime

from django.db import models


class DatePrecision(models.TextChoices):
    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"


def parse_partial_date(text: str) -> tuple[datetime.date, str]:
    """'2010' → (2010-01-01, year); '2019-11' → (2019-11-01, month); '2010-07-27' → day."""
    parts = [int(part) for part in text.strip().split("-")]
    if len(parts) == 1:
        return datetime.date(parts[0], 1, 1), DatePrecision.YEAR
    if len(parts) == 2:
        return datetime.date(parts[0], parts[1], 1), DatePrecision.MONTH
    return datetime.date(*parts[:3]), DatePrecision.DAY


def format_partial_date(date: datetime.date | None, precision: str) -> str:
    if date is None:
        return ""
    if precision == DatePrecision.YEAR:
        return str(date.year)
    if precision == DatePrecision.MONTH:
        return date.strftime("%B %Y")
    return f"{date.day} {date.strftime('%B %Y')}"


def iso_partial_date(date: datetime.date | None, precision: str) -> str | None:
    """ISO 8601 to the precision known: "2024", "2024-03" or "2024-03-01" (None without a date).
    schema.org, Dublin Core (W3CDTF), the open data and the API all write dates this way."""
    if date is None:
        return None
    if precision == DatePrecision.YEAR:
        return f"{date.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{date.year:04d}-{date.month:02d}"
    return date.isoformat()
