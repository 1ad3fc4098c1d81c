"""Keep the provincial departments' admin access in step with their landing pages."""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.db.models.signals import post_migrate, post_save
from django.dispatch import receiver

from dialogue_blocks.models import DialogueSalt

from .models import DialoguePage, LandingPage
from .permissions import (
    ensure_department_groups,
    ensure_role_groups,
    grant_department_access,
)


@receiver(post_save, sender=LandingPage)
def give_department_its_landing_page(sender, instance, created, raw=False, **kwargs):
    if not raw and instance.province_id:
        grant_department_access(instance)


@receiver(post_save, sender=DialoguePage)
def give_dialogue_its_salt(sender, instance, created, raw=False, **kwargs):
    """The salt exists before anyone joins, so that joining writes nothing else."""
    if created and not raw:
        DialogueSalt.objects.get_or_create(dialogue_id=instance.pk)


# Apps whose permissions the department groups are given.
PERMISSION_APPS = (
    "wagtailadmin",
    "wagtailcore",
    "wagtailimages",
    "wagtaildocs",
    "cms",
    "dialogue_blocks",
    "invitations",
    "moderation",
    "insights",
)


@receiver(post_migrate)
def create_reference_data_and_department_groups(
    sender, app_config=None, using="default", **kwargs
):
    """After migrate, and after a flush, the reference data and role groups exist.

    Groups are made here rather than in a data migration: on a fresh database
    Django creates permissions only after all migrations have run.

    post_migrate fires per app in INSTALLED_APPS order, and Wagtail's apps come
    after ours, so the permissions the groups need are created here first.
    """
    if app_config is None or app_config.label != "cms":
        return
    from dialogue_blocks.models import Province
    from dialogue_blocks.reference_data import load_reference_data

    if not Province.objects.using(using).exists():
        load_reference_data()
    for label in PERMISSION_APPS:
        create_permissions(apps.get_app_config(label), verbosity=0, using=using)
    ensure_department_groups()
    ensure_role_groups()
