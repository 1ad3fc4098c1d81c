from django.apps import AppConfig


class CmsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "cms"
    verbose_name = "Dialoogpagina's"

    def ready(self) -> None:
        from . import signals  # noqa: F401
