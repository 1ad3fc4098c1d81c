"""Keep the provincial departments' admin access in step with their landing pages."""

from django.db.models.signals import post_migrate, post_save
from django.dispatch import receiver

from .models import LandingPage
from .permissions import ensure_department_groups, grant_department_access


@receiver(post_save, sender=LandingPage)
def give_department_its_landing_page(sender, instance, created, raw=False, **kwargs):
    if not raw and instance.province_id:
        grant_department_access(instance)


@receiver(post_migrate)
def create_reference_data_and_department_groups(sender, app_config=None, **kwargs):
    # post_migrate fires once per app; only the last one of ours needs to act, and it
    # also runs after a test database is flushed, so the data is always there.
    if app_config is None or app_config.label != "cms":
        return
    from dialogue_blocks.models import Province
    from dialogue_blocks.reference_data import load_reference_data

    if not Province.objects.exists():
        load_reference_data()
    ensure_department_groups()
