from django.apps import AppConfig


class DialogueBlocksConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "dialogue_blocks"
    verbose_name = "Deelname"

    def ready(self):
        from . import signals  # noqa: F401
