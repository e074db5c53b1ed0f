"""`/ask/?q=…`: the library's answer to a question, as a page that needs no JavaScript.

The page shows the quotes (each linked to its passage, highlighted there), the resources they come
from and the closest Q&A articles; or, when the library holds no answer, says so and offers a
search. `/api/ask` and `/api/v1/ask/` give the same answer as JSON (`ask/api.py`).
"""

from django.shortcuts import render

from .answers import MAX_QUESTION_LENGTH, ask


def ask_page(request):
    question = request.GET.get("q", "").strip()[:MAX_QUESTION_LENGTH]
    answer = ask(question) if question else None
    response = render(request, "ask/ask.html", {"question": question, "answer": answer})
    # Answers are endless combinations of questions: keep them out of search engines.
    response["X-Robots-Tag"] = "noindex"
    return response
