"""The stepper: the seven steps with their dates and status, the current one marked."""

from dataclasses import dataclass
from datetime import datetime

from .phases import PhaseStatus, Step


@dataclass(frozen=True)
class StepperItem:
    step: Step
    phase: object | None  # the live PhasePage of this step, if the dialogue has one
    status: PhaseStatus | None
    is_current: bool
    is_active: bool  # the page being viewed

    def shown(self, request) -> tuple:
        """What the stepper prints of this step: the key its HTML is kept
        under (templatetags/stepper.py)."""
        phase = self.phase
        where = (
            (phase.get_url(request), phase.first_day, phase.last_day)
            if phase is not None
            else None
        )
        return (self.step, self.status, self.is_current, self.is_active, where)


def current_phase(phases: list, now: datetime):
    """The open phase; else the next to open; else the last one that closed."""
    for phase in phases:
        if phase.accepts_contributions(now):
            return phase
    upcoming = [phase for phase in phases if phase.status(now) == PhaseStatus.UPCOMING]
    if upcoming:
        return upcoming[0]
    return phases[-1] if phases else None


def build_stepper(phases: list, now: datetime, active=None) -> list[StepperItem]:
    """All seven steps in order, whether or not each has a published page."""
    by_step = {phase.step: phase for phase in phases}
    current = current_phase(phases, now)
    items = []
    for step in Step:
        phase = by_step.get(step.value)
        items.append(
            StepperItem(
                step=step,
                phase=phase,
                status=phase.status(now) if phase else None,
                is_current=phase is not None and phase == current,
                is_active=phase is not None and phase == active,
            )
        )
    return items


def as_shown(phases: list, page) -> list:
    """The published phases with `page` in place of its stored version: in a
    preview it is the draft, which may also not be published yet."""
    others = [phase for phase in phases if phase.pk != page.pk]
    return sorted([*others, page], key=lambda phase: phase.step)


def neighbours(phases: list, phase) -> tuple:
    """The published phases just before and after this one (also in a preview)."""
    earlier = [candidate for candidate in phases if candidate.step < phase.step]
    later = [candidate for candidate in phases if candidate.step > phase.step]
    return (earlier[-1] if earlier else None), (later[0] if later else None)
