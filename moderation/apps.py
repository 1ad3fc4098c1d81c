from django.apps import AppConfig


class ModerationConfig(AppConfig):
    """The moderators' side: queue, flags, holds, facilitation and notifications.

    It acts on dialogue_blocks' models and keeps its own staff-side data (display
    names, notification times). Nothing here identifies a participant.
    """

    default_auto_field = "django.db.models.BigAutoField"
    name = "moderation"
    verbose_name = "Moderatie"
