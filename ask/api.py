"""`/api/v1/ask/?q=…` (also `/api/ask`): the library's answer to a question, as JSON."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from .answers import MAX_QUESTION_LENGTH, ask
from .serializers import AnswerSerializer, AskQuerySerializer


class AskView(APIView):
    """Quotes from the library that answer a question, or none when it holds no answer."""

    authentication_classes = []
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]

    @extend_schema(
        summary="Ask the library a question",
        description=(
            "Up to five sentences or key points quoted word for word from publicly visible "
            "resources, the most direct first, each linked to its passage; the resources they "
            "come from; and the Q&A articles whose questions are closest. When nothing in the "
            "library answers, `answered` is false and `quotes` is empty. Nothing is generated."
        ),
        parameters=[
            OpenApiParameter("q", str, description=AskQuerySerializer().fields["q"].help_text)
        ],
        responses={200: AnswerSerializer},
    )
    def get(self, request):
        question = str(request.query_params.get("q", "")).strip()[:MAX_QUESTION_LENGTH]
        answer = ask(question)
        data = AnswerSerializer(answer).data
        return Response(data, headers={"X-Robots-Tag": "noindex"})
