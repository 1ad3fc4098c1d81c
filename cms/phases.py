"""The seven steps of the 7V method and the status a phase derives from its dates."""

from datetime import datetime

from django.db import models


class Step(models.IntegerChoices):
    """The seven steps, in their fixed order."""

    VINDEN = 1, "Vinden"
    VERZAMELEN = 2, "Verzamelen"
    VERKENNEN = 3, "Verkennen"
    VERRIJKEN = 4, "Verrijken"
    VOORKEUREN = 5, "Voorkeuren"
    VERDIEPEN = 6, "Verdiepen"
    VOORTZETTEN = 7, "Voortzetten"

    @property
    def slug(self) -> str:
        return self.label.lower()


class PhaseStatus(models.TextChoices):
    UPCOMING = "binnenkort", "Binnenkort"
    OPEN = "open", "Open"
    CLOSED = "gesloten", "Gesloten"


def is_open_between(opens_at: datetime, closes_at: datetime, now: datetime) -> bool:
    """THE rule for whether a phase accepts input: opening included, closing not."""
    return opens_at <= now < closes_at


def status_between(
    opens_at: datetime, closes_at: datetime, now: datetime
) -> PhaseStatus:
    """The status shown for a phase; it follows from the one rule above."""
    if is_open_between(opens_at, closes_at, now):
        return PhaseStatus.OPEN
    return PhaseStatus.UPCOMING if now < opens_at else PhaseStatus.CLOSED
