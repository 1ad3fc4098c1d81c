"""Counters follow deletions that no service makes (a theme deleted in the admin)."""

from django.db.models.signals import pre_delete
from django.dispatch import receiver

from . import counters
from .models import Theme


@receiver(pre_delete, sender=Theme)
def fold_theme_count(sender, instance, **kwargs):
    counters.fold_theme(instance)
