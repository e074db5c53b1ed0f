"""The JSON shape of an answer (`/api/v1/ask/`), described for the OpenAPI document."""

from rest_framework import serializers

from home.site_address import absolute


class AskQuerySerializer(serializers.Serializer):
    q = serializers.CharField(
        required=False,
        allow_blank=True,
        trim_whitespace=True,
        help_text="The question, in plain words. Longer than 1,000 characters is cut there.",
    )


class QuoteSerializer(serializers.Serializer):
    text = serializers.CharField(help_text="A sentence or key point, word for word.")
    title = serializers.CharField(help_text="The resource it is quoted from.")
    url = serializers.SerializerMethodField(help_text="The resource.")
    link = serializers.SerializerMethodField(
        help_text="The passage, with the quoted text highlighted (?highlight= and a text fragment)."
    )
    heading = serializers.CharField(help_text="The section it is in ('' for none).")
    key_point = serializers.BooleanField(help_text="True when it is one of the key points.")
    score = serializers.FloatField(help_text="How directly it answers (higher is better).")

    def get_url(self, quote) -> str:
        return absolute(quote.url)

    def get_link(self, quote) -> str:
        return absolute(quote.link)


class SourceSerializer(serializers.Serializer):
    title = serializers.CharField()
    url = serializers.SerializerMethodField()
    type = serializers.CharField(help_text="Its resource type.")

    def get_url(self, source) -> str:
        return absolute(source.url)


class AnswerSerializer(serializers.Serializer):
    question = serializers.CharField(help_text="The question as read (white space tidied).")
    answered = serializers.BooleanField(
        help_text="False when the library holds no answer: then `quotes` is empty."
    )
    quotes = QuoteSerializer(many=True, help_text="1 to 5 quotes, the most direct first.")
    sources = SourceSerializer(many=True, help_text="The resources the quotes come from.")
    questions = SourceSerializer(
        many=True, help_text="Q&A articles whose questions are closest to this one."
    )
    search_url = serializers.SerializerMethodField(help_text="A search for the same words.")

    def get_search_url(self, answer) -> str:
        return absolute(answer.search_url)
