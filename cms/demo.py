"""Build the demo dialogue; every function is idempotent (finds before it creates)."""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from wagtail.models import Page, Site
from wagtail.rich_text import RichText

from dialogue_blocks.blocks import PARTICIPATION_BLOCK_TYPES
from dialogue_blocks.models import Network, Province
from home.models import HomePage
from moderation.models import FacilitatorProfile

from . import demo_content as content
from .demo_participation import build_living_dialogue
from .models import DialoguePage, LandingPage, PhasePage, SiteFooter, StandardPage
from .permissions import MODERATORS_GROUP
from .phases import Step

DEMO_STAFF_USERNAME = "redactie"
DEMO_MODERATOR_USERNAME = "moderator"
# Both development-only accounts share it; see README.
DEMO_STAFF_PASSWORD = "dialoog-demo-2026"  # noqa: S105
DEMO_FACILITATOR_NAME = "Gespreksleider VNG (demo)"


def sections_to_body(sections) -> list[tuple[str, object]]:
    """A heading per section; its text a paragraph, or bullets if it is a list."""
    body = []
    for heading, text in sections:
        body.append(("heading", {"text": heading, "level": "h2"}))
        if isinstance(text, list):
            items = "".join(f"<li>{escape(item)}</li>" for item in text)
            html = f"<ul>{items}</ul>"
        else:
            html = f"<p>{escape(text)}</p>"
        body.append(("paragraph", RichText(html)))
    return body


def faq_block(heading: str, questions) -> tuple[str, dict]:
    items = [
        {"question": question, "answer": RichText(f"<p>{escape(answer)}</p>")}
        for question, answer in questions
    ]
    return ("accordion", {"heading": heading, "items": items})


def publish_child(parent: Page, page: Page, slug: str) -> tuple[Page, bool]:
    """The live child with this slug, created and published if it is missing."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific, False
    page.slug = slug
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def local_midnight(days_from_today: int) -> datetime:
    day = timezone.localdate() + timedelta(days=days_from_today)
    return timezone.make_aware(datetime.combine(day, time.min))


def home_page() -> HomePage:
    home = HomePage.objects.first()
    if home.intro != content.HOME_INTRO:
        home.intro = content.HOME_INTRO
        home.save_revision().publish()
    return home


def build_dialogue(home: HomePage) -> DialoguePage:
    dialogue, _ = publish_child(
        home,
        DialoguePage(
            title=content.DIALOGUE_TITLE,
            intro=content.DIALOGUE_INTRO,
            context=content.DIALOGUE_CONTEXT,
        ),
        content.DIALOGUE_SLUG,
    )
    return dialogue


def build_phases(dialogue: DialoguePage) -> None:
    for step, (title, summary, sections) in content.PHASES.items():
        body = sections_to_body(sections)
        if step == Step.VERZAMELEN:
            body.append(faq_block("Vragen over anonimiteit", content.ANONYMITY_FAQ))
        publish_child(
            dialogue,
            PhasePage(
                title=title, step=step, summary=summary, body=body, **dates(step)
            ),
            step.slug,
        )


def dates(step: Step) -> dict[str, datetime]:
    """The demo's schedule for a step, counted from today."""
    opens_in, closes_in = content.SCHEDULE[step]
    return {
        "opens_at": local_midnight(opens_in),
        "closes_at": local_midnight(closes_in),
    }


def keep_a_block_open(dialogue: DialoguePage) -> None:
    """A demo loaded weeks later still has a step where people can contribute.

    When no step with a participation block is open, the whole schedule moves to
    today again, so the order of closed, open and upcoming steps stays intact.
    """
    phases = [phase.specific for phase in dialogue.phases()]
    if any(
        phase.accepts_contributions() and phase_has_participation(phase)
        for phase in phases
    ):
        return
    for phase in phases:
        for field, moment in dates(Step(phase.step)).items():
            setattr(phase, field, moment)
        phase.save_revision().publish()


def phase_has_participation(phase: PhasePage) -> bool:
    return any(child.block_type in PARTICIPATION_BLOCK_TYPES for child in phase.body)


def build_landing_pages(dialogue: DialoguePage) -> None:
    for province in Province.objects.all():
        publish_child(
            dialogue,
            LandingPage(
                title=f"Afdeling {province.name}",
                province=province,
                intro=(
                    f"De VNG-afdeling {province.name} nodigt alle gemeenten in "
                    f"{province.name} uit om mee te praten over regionale "
                    "samenwerking. Hoe meer gemeenten meedoen, hoe sterker het "
                    "geluid uit de provincie."
                ),
            ),
            f"afdeling-{slugify(province.name)}",
        )
    for network in Network.objects.all():
        publish_child(
            dialogue,
            LandingPage(
                title=f"Netwerk {network.code}",
                network=network,
                intro=content.NETWORK_INTROS.get(network.code, network.description)
                + " Ook uw ervaring telt in deze dialoog.",
            ),
            f"netwerk-{slugify(network.code)}",
        )


def build_statements(home: HomePage) -> None:
    privacy, _ = publish_child(
        home,
        StandardPage(
            title="Privacyverklaring",
            intro="Welke gegevens deze dialoog bewaart, waarom, hoe lang, en welke "
            "rechten u heeft.",
            body=sections_to_body(content.PRIVACY_STATEMENT),
        ),
        "privacy",
    )
    accessibility, _ = publish_child(
        home,
        StandardPage(
            title="Toegankelijkheidsverklaring",
            intro="Hoe toegankelijk deze site is, wat nog niet goed werkt en waar u "
            "terechtkunt.",
            body=sections_to_body(content.ACCESSIBILITY_STATEMENT),
        ),
        "toegankelijkheid",
    )
    footer = SiteFooter.for_site(Site.objects.get(is_default_site=True))
    footer.privacy_page = privacy
    footer.accessibility_page = accessibility
    footer.contact_email = footer.contact_email or "dialoog@vng.example"
    footer.save()


def demo_account(username: str, **defaults):
    """A development-only account; its password is printed and in README."""
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults=defaults
    )
    if created:
        user.set_password(DEMO_STAFF_PASSWORD)
        user.save()
    return user


def ensure_demo_staff_accounts() -> None:
    """An editor who may do everything, and a moderator who may only moderate."""
    demo_account(
        DEMO_STAFF_USERNAME, is_staff=True, is_superuser=True, first_name="Redactie"
    )
    moderator = demo_account(
        DEMO_MODERATOR_USERNAME,
        first_name="Moderator",
        email="moderator@vng.example",
    )
    moderator.groups.add(Group.objects.get(name=MODERATORS_GROUP))
    FacilitatorProfile.objects.get_or_create(
        user=moderator, defaults={"display_name": DEMO_FACILITATOR_NAME}
    )


def build_demo(with_staff_account: bool) -> DialoguePage:
    home = home_page()
    dialogue = build_dialogue(home)
    build_phases(dialogue)
    build_landing_pages(dialogue)
    build_statements(home)
    build_living_dialogue(dialogue)
    keep_a_block_open(dialogue)
    if with_staff_account:
        ensure_demo_staff_accounts()
    return dialogue
