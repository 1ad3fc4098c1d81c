"""What insights keeps: the report's built files. Figures are derived on request."""

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
            ),
            (
                "view_report",
                "Het rapport inzien en maken, ook voordat het gepubliceerd is",
            ),
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


class ReportFileKind(models.TextChoices):
    PDF = "pdf", "PDF"
    XLSX = "xlsx", "Excel (XLSX)"


class ReportFileStatus(models.TextChoices):
    QUEUED = "wachtrij", "wacht op de beurt"
    BUILDING = "bezig", "wordt gemaakt"
    READY = "klaar", "klaar"
    FAILED = "mislukt", "mislukt"


class ReportFile(models.Model):
    """The report of a dialogue as a file, built by a task (insights.tasks).

    One per dialogue and kind: building again replaces it. It holds what the
    report shows, aggregates at k and quotes without author, and nothing else.
    """

    dialogue = models.ForeignKey(
        "cms.DialoguePage", on_delete=models.CASCADE, related_name="report_files"
    )
    kind = models.CharField("soort", max_length=4, choices=ReportFileKind.choices)
    status = models.CharField(
        "stand",
        max_length=8,
        choices=ReportFileStatus.choices,
        default=ReportFileStatus.QUEUED,
    )
    progress = models.PositiveSmallIntegerField("voortgang in procenten", default=0)
    content = models.BinaryField("bestand", blank=True, editable=False)
    built_at = models.DateTimeField("gemaakt", null=True, blank=True)

    class Meta:
        verbose_name = "rapportbestand"
        verbose_name_plural = "rapportbestanden"
        constraints = [
            models.UniqueConstraint(
                fields=["dialogue", "kind"], name="one_report_file_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"rapport ({self.get_kind_display()}) van dialoog {self.dialogue_id}"

    @property
    def is_ready(self) -> bool:
        return self.status == ReportFileStatus.READY

    @property
    def is_pending(self) -> bool:
        return self.status in (ReportFileStatus.QUEUED, ReportFileStatus.BUILDING)
