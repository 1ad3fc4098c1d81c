"""Insights keeps no data of its own yet: what it shows is derived on request."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from dialogue_blocks.models import GroupDimension


class Export(models.Model):
    """Carries the permission to download exports; its table stays empty.

    A real (empty) table rather than an unmanaged model: tools that read every
    model, such as dumpdata in the unlinkability tests, expect one.
    """

    class Meta:
        default_permissions = ()
        permissions = [
            (
                "export_contributions",
                "Gepubliceerde bijdragen, reacties en stemmen exporteren",
            )
        ]
        verbose_name = "export"
        verbose_name_plural = "exports"

    def __str__(self) -> str:
        return "export"


class Target(models.Model):
    """The share of participants staff aim for in one group of one dimension.

    Only what staff changed is stored: a group without a row has the default
    that insights.targets derives from the reference data or the register, so
    the default follows the data. `group` is the key groups_of gives (a role,
    a province's id, a size class, a network's code).
    """

    dialogue = models.ForeignKey(
        "cms.DialoguePage",
        verbose_name="dialoog",
        on_delete=models.CASCADE,
        related_name="targets",
    )
    dimension = models.CharField(
        "kenmerk", max_length=10, choices=GroupDimension.choices
    )
    group = models.CharField("groep", max_length=36)
    share = models.DecimalField(
        "streefaandeel (%)",
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )

    class Meta:
        verbose_name = "streefwaarde"
        verbose_name_plural = "streefwaarden"
        constraints = [
            models.UniqueConstraint(
                fields=["dialogue", "dimension", "group"], name="one_target_per_group"
            )
        ]

    def __str__(self) -> str:
        return f"{self.dimension} {self.group}: {self.share}%"
