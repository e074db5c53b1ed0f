from django.apps import AppConfig


class OaiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "oai"
    verbose_name = "OAI-PMH repository"
