"""The register's e-mails: a personal link, rendered from staff-approved templates."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

LINK_MAIL_TAG = "toegangslink"


def send_link_mail(email: str, dialogue, template: str, link: str, **context) -> None:
    """Mail a personal link; `template` is 'invitation' or 'sign_in'."""
    context = {
        **context,
        "dialogue": dialogue,
        "link": link,
        "valid_days": settings.ACCESS_LINK_VALID_DAYS,
    }
    message = EmailMultiAlternatives(
        subject=render_to_string(f"emails/{template}_subject.txt", context).strip(),
        body=render_to_string(f"emails/{template}.txt", context),
        to=[email],
    )
    message.attach_alternative(
        render_to_string(f"emails/{template}.html", context), "text/html"
    )
    message.tags = [LINK_MAIL_TAG, template]
    # A provider that rewrites links would learn the token and the moment of the
    # click for a known address: no tracking on personal links.
    message.track_clicks = False
    message.track_opens = False
    message.send()


def page_link(dialogue, route: str, token: str) -> str:
    return dialogue.full_url + dialogue.reverse_subpage(route, args=[token])
