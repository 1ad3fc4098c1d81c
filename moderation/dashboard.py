"""The queue-health panel on the admin dashboard."""

from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component

from dialogue_blocks.models import Contribution, ContributionStatus, Flag


def queue_health(now=None) -> dict:
    """What waits, since when, and whether that breaks the service level."""
    now = now or timezone.now()
    waiting = Contribution.objects.filter(status=ContributionStatus.PENDING)
    oldest = waiting.order_by("created_at").values_list("created_at", flat=True).first()
    service_level = timedelta(hours=settings.MODERATION_SERVICE_LEVEL_HOURS)
    age = now - oldest if oldest else None
    return {
        "pending": waiting.count(),
        "oldest_age_hours": round(age.total_seconds() / 3600, 1) if age else None,
        "open_flags": Flag.objects.filter(resolved_at__isnull=True).count(),
        "service_level_hours": settings.MODERATION_SERVICE_LEVEL_HOURS,
        "breached": age is not None and age > service_level,
    }


class QueueHealthPanel(Component):
    name = "queue_health"
    order = 50
    template_name = "moderation/admin/queue_health_panel.html"

    def get_context_data(self, parent_context):
        return {
            **queue_health(),
            "queue_url": reverse("dialogue_blocks_contribution_modeladmin_index"),
            "flags_url": reverse(
                "dialogue_blocks_flaggedcontribution_modeladmin_index"
            ),
        }
