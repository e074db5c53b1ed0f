"""Every string a reader takes from a file is hostile: here it loses any markup it carries.

A PDF's `/Title`, an HTML page's `<meta name="author">`, Markdown front matter or a DOCX heading
may hold `<script>` or `<img onerror=…>`. Readers hand over text; this walks what they return
(blocks and hints, whatever fields they grow) and keeps only the words of each string, so no later
step, output or consumer of the open data ever receives markup from a source file.
"""

from dataclasses import fields, is_dataclass

from security.sanitiser import strip_markup


def neutralise(value):
    """`value` (a dataclass, list, tuple, dict or string) with markup removed from every string,
    changed in place where it is mutable."""
    if isinstance(value, str):
        return strip_markup(value)
    if is_dataclass(value) and not isinstance(value, type):
        for item in fields(value):
            setattr(value, item.name, neutralise(getattr(value, item.name)))
        return value
    if isinstance(value, list):
        value[:] = [neutralise(item) for item in value]
        return value
    if isinstance(value, tuple):
        return tuple(neutralise(item) for item in value)
    if isinstance(value, dict):
        return {neutralise(key): neutralise(item) for key, item in value.items()}
    return value
