"""Targets: the share of participants each group should have, and their defaults.

By default a province, size class or network should have the share of
participants that it has of the municipalities (the reference data), and a
role the share it has of the dialogue's register. Staff may set other shares;
only those are stored (Target), so a default follows the data it comes from.
"""

from collections import Counter
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import Count

from dialogue_blocks.models import GroupDimension, Municipality
from invitations.models import Invitee

from .groups import MunicipalityGroups, groups
from .models import Target

ONE_DECIMAL = Decimal("0.1")


@dataclass(frozen=True)
class TargetShare:
    share: Decimal  # percent of all participants
    is_default: bool


def percentage(part: int, whole: int) -> Decimal:
    if not whole:
        return Decimal(0)
    return (Decimal(100) * part / whole).quantize(ONE_DECIMAL, ROUND_HALF_UP)


def default_shares(dialogue, dimension: str) -> dict[str, Decimal]:
    """Per group of the dimension its default target (percent)."""
    if dimension == GroupDimension.ROLE:
        counts = Counter(
            dict(
                Invitee.objects.filter(dialogue=dialogue)
                .values_list("role")
                .annotate(n=Count("pk"))
                .order_by()
            )
        )
        whole = sum(counts.values())
    else:
        reference = MunicipalityGroups()
        active = Municipality.objects.filter(is_active=True).values_list(
            "pk", flat=True
        )
        counts = Counter()
        whole = 0
        for pk in active:
            whole += 1
            counts.update(reference.keys(dimension, "", pk))
    return {
        group.key: percentage(counts.get(group.key, 0), whole)
        for group in groups(dimension)
    }


def targets(dialogue, dimension: str) -> dict[str, TargetShare]:
    """Per group the target in force: what staff set, else the default."""
    chosen = dict(
        Target.objects.filter(dialogue=dialogue, dimension=dimension).values_list(
            "group", "share"
        )
    )
    return {
        key: TargetShare(chosen[key], False)
        if key in chosen
        else TargetShare(default, True)
        for key, default in default_shares(dialogue, dimension).items()
    }


@transaction.atomic
def set_targets(dialogue, dimension: str, shares: dict[str, Decimal]) -> int:
    """Keep the shares that differ from their default; returns how many."""
    defaults = default_shares(dialogue, dimension)
    Target.objects.filter(dialogue=dialogue, dimension=dimension).delete()
    chosen = [
        Target(dialogue=dialogue, dimension=dimension, group=key, share=share)
        for key, share in shares.items()
        if key in defaults and share != defaults[key]
    ]
    Target.objects.bulk_create(chosen)
    return len(chosen)


def reset_targets(dialogue, dimension: str) -> None:
    """Back to the defaults for every group of the dimension."""
    Target.objects.filter(dialogue=dialogue, dimension=dimension).delete()
