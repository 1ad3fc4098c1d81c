"""E-mail moderators when items wait: at most one message per moderator per interval.

The message lists the waiting texts and links to the queue, nothing about who
wrote them. A moderator mailed recently is skipped; where the task backend can
defer, a later run is queued, so items that arrived meanwhile still get told.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_tasks import default_task_backend, task
from wagtail.models import Site

from cms.permissions import MODERATORS_GROUP
from cms.retrying import retried
from dialogue_blocks.models import Contribution, ContributionStatus

from .models import ModeratorNotice

ITEMS_IN_MAIL = 20


def interval() -> timedelta:
    return timedelta(minutes=settings.MODERATOR_MAIL_INTERVAL_MINUTES)


def moderators():
    return (
        get_user_model()
        .objects.filter(groups__name=MODERATORS_GROUP, is_active=True)
        .exclude(email="")
    )


def send_notice(user, waiting) -> None:
    context = {
        "items": waiting[:ITEMS_IN_MAIL],
        "count": len(waiting),
        "not_listed": max(0, len(waiting) - ITEMS_IN_MAIL),
        # The admin lives on the site itself: the link takes the Site's address,
        # like every other link in an e-mail.
        "queue_url": Site.objects.get(is_default_site=True).root_url
        + reverse("dialogue_blocks_contribution_modeladmin_index"),
    }
    message = EmailMultiAlternatives(
        subject=render_to_string("emails/moderation_subject.txt", context).strip(),
        body=render_to_string("emails/moderation.txt", context),
        to=[user.email],
    )
    message.tags = ["moderatie"]
    message.send()
    ModeratorNotice.objects.update_or_create(
        user=user, defaults={"last_sent_at": timezone.now()}
    )


def defer_until(moment) -> None:
    if default_task_backend.supports_defer:
        notify_moderators.using(run_after=moment).enqueue()


@task()
@retried
def notify_moderators() -> int:
    """Tell every moderator what waits, unless they were told within the interval."""
    waiting = list(
        Contribution.objects.filter(status=ContributionStatus.PENDING)
        .select_related("phase")
        .order_by("created_at")
    )
    if not waiting:
        return 0
    sent = 0
    now = timezone.now()
    last_sent = dict(ModeratorNotice.objects.values_list("user_id", "last_sent_at"))
    for user in moderators():
        previous = last_sent.get(user.pk)
        if previous is not None and now - previous < interval():
            defer_until(previous + interval())
            continue
        send_notice(user, waiting)
        sent += 1
    return sent
