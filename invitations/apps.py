from django.apps import AppConfig


class InvitationsConfig(AppConfig):
    """The personal-data side: who was invited or signed up, and their links.

    Nothing here points to a participant or a contribution, and nothing there
    points here: that gap is what keeps contributions anonymous.
    """

    default_auto_field = "django.db.models.BigAutoField"
    name = "invitations"
    verbose_name = "Uitnodigingen"

    def ready(self):
        from . import checks, tracking  # noqa: F401 - system checks, webhook receiver
