"""`{{ data|json_ld }}`: schema.org metadata as a JSON-LD script block, safe inside HTML."""

import json

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

# JSON is valid JavaScript, but "</script>" or "<!--" inside a string would end the block early.
_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


@register.filter
def json_ld(data):
    if not data:
        return ""
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')
