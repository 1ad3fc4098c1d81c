"""Factories for the page types; pages are created as children of a given parent."""

from datetime import timedelta

import factory
import wagtail_factories
from django.contrib.auth.models import Group, User
from django.utils import timezone

from cms.models import DialoguePage, LandingPage, PhasePage, StandardPage
from cms.phases import Step


class DialoguePageFactory(wagtail_factories.PageFactory):
    title = "Dialoog over samenwerking"
    slug = factory.Sequence(lambda n: f"dialoog-{n}")
    intro = "Praat mee over samenwerking in de regio."

    class Meta:
        model = DialoguePage


class PhasePageFactory(wagtail_factories.PageFactory):
    step = Step.VERKENNEN
    title = factory.LazyAttribute(lambda page: Step(page.step).label)
    slug = factory.LazyAttribute(lambda page: Step(page.step).slug)
    summary = "Wat gaat goed en wat schuurt?"
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))

    class Meta:
        model = PhasePage


class LandingPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Afdeling {n}")
    slug = factory.Sequence(lambda n: f"afdeling-{n}")
    intro = "Welkom, leden van de afdeling."

    class Meta:
        model = LandingPage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = "Over deze site"
    slug = factory.Sequence(lambda n: f"pagina-{n}")
    intro = "Uitleg over de site."

    class Meta:
        model = StandardPage


def staff(username, group_name=None, superuser=False) -> User:
    """An admin user, in one of the role groups (cms.permissions) if named."""
    user = User.objects.create_user(
        username, password="geheim-wachtwoord", is_staff=True
    )
    if group_name:
        user.groups.add(Group.objects.get(name=group_name))
    user.is_superuser = superuser
    user.save()
    return user
