"""Insights keeps no data of its own yet: what it shows is derived on request."""

from django.db import models


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
