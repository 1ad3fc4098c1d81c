"""The moderation log of contributions: labelled by number, never by text.

Kept apart from moderation.services so that participation's erasure can use
it without importing the moderation actions.
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from dialogue_blocks.models import Contribution, FlaggedContribution


def log_title(contribution: Contribution) -> str:
    """The label of a contribution's log entries: never (part of) its text."""
    return f"Bijdrage {contribution.pk}"


def log_contribution(contribution: Contribution, action: str, **kwargs):
    return log(contribution, action, title=log_title(contribution), **kwargs)


def forget_log_entries(contribution_ids) -> int:
    """Delete the Wagtail log entries of these contributions; how many went.

    For erasure: call it for the contributions that are deleted. Entries logged
    through the proxy model (the flags list) go too.
    """
    object_ids = [str(pk) for pk in contribution_ids]
    if not object_ids:
        return 0
    content_types = ContentType.objects.get_for_models(
        Contribution, FlaggedContribution, for_concrete_models=False
    ).values()
    deleted, _ = ModelLogEntry.objects.filter(
        content_type__in=list(content_types), object_id__in=object_ids
    ).delete()
    return deleted
