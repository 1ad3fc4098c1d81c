"""Participation models and the reference data they are grouped by.

Reference data (provinces, municipalities, networks) is public information; it is
what participants are grouped by, never a way to identify them.
"""

from django.db import models


class SizeClass(models.TextChoices):
    """Municipal size classes by number of inhabitants."""

    SMALL = "klein", "kleine gemeente (minder dan 20.000 inwoners)"
    MEDIUM = "middelgroot", "middelgrote gemeente (20.000 tot 50.000 inwoners)"
    LARGE = "groot", "grote gemeente (50.000 tot 100.000 inwoners)"
    VERY_LARGE = "zeer_groot", "zeer grote gemeente (100.000 inwoners of meer)"
    UNKNOWN = "onbekend", "grootte onbekend"


# Lower bounds of each size class, largest first; the first bound a population
# reaches decides its class.
SIZE_CLASS_LOWER_BOUNDS = (
    (100_000, SizeClass.VERY_LARGE),
    (50_000, SizeClass.LARGE),
    (20_000, SizeClass.MEDIUM),
    (0, SizeClass.SMALL),
)


def size_class_for(population: int | None) -> SizeClass:
    """The size class of a municipality with this many inhabitants."""
    if population is None:
        return SizeClass.UNKNOWN
    for lower_bound, size_class in SIZE_CLASS_LOWER_BOUNDS:
        if population >= lower_bound:
            return size_class
    return SizeClass.UNKNOWN


class Province(models.Model):
    """One of the twelve provinces; each has a VNG provincial department."""

    code = models.CharField("CBS-code", max_length=4, unique=True)  # PV20 … PV31
    name = models.CharField("naam", max_length=50, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "provincie"
        verbose_name_plural = "provincies"

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    """A municipality as CBS registers it; kept (inactive) after a merger."""

    cbs_code = models.CharField("CBS-code", max_length=6, unique=True)  # GM0363
    name = models.CharField("naam", max_length=100)
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="municipalities"
    )
    population = models.PositiveIntegerField("inwoners", null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(
        "peiljaar inwoners", null=True, blank=True
    )
    population_is_exact = models.BooleanField(
        "exact aantal inwoners",
        default=False,
        help_text="Uit staat dat het aantal exact uit CBS StatLine is ingelezen.",
    )
    is_active = models.BooleanField(
        "bestaat nog",
        default=True,
        help_text="Gemeenten die bij een herindeling zijn opgeheven blijven bewaard.",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = "gemeente"
        verbose_name_plural = "gemeenten"

    def __str__(self) -> str:
        return self.name

    @property
    def size_class(self) -> SizeClass:
        return size_class_for(self.population)


class Network(models.Model):
    """A municipal network such as the G4 or the K80; staff keep its members."""

    code = models.CharField("code", max_length=10, unique=True)  # G4, G40, M50…
    name = models.CharField("naam", max_length=100)
    description = models.TextField("omschrijving", blank=True)
    members = models.ManyToManyField(
        Municipality, related_name="networks", blank=True, verbose_name="leden"
    )
    members_reference_date = models.DateField(
        "peildatum ledenlijst",
        null=True,
        blank=True,
        help_text="De datum waarop de ledenlijst voor het laatst is gecontroleerd.",
    )

    class Meta:
        ordering = ["code"]
        verbose_name = "netwerk"
        verbose_name_plural = "netwerken"

    def __str__(self) -> str:
        return f"{self.code} – {self.name}" if self.name != self.code else self.code
