"""The one predicate that decides whether a phase is open, in frozen time."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from cms.models import PhasePage
from cms.phases import PhaseStatus

# A page instance looks up its content type, even unsaved.
pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
OPENS = datetime(2026, 3, 2, 9, 0, tzinfo=AMSTERDAM)
CLOSES = datetime(2026, 3, 16, 0, 0, tzinfo=AMSTERDAM)


@pytest.mark.parametrize(
    ("moment", "accepts", "status"),
    [
        (datetime(2026, 3, 1, 12, 0, tzinfo=AMSTERDAM), False, PhaseStatus.UPCOMING),
        (
            datetime(2026, 3, 2, 8, 59, 59, tzinfo=AMSTERDAM),
            False,
            PhaseStatus.UPCOMING,
        ),
        (OPENS, True, PhaseStatus.OPEN),
        (datetime(2026, 3, 10, 15, 0, tzinfo=AMSTERDAM), True, PhaseStatus.OPEN),
        (datetime(2026, 3, 15, 23, 59, 59, tzinfo=AMSTERDAM), True, PhaseStatus.OPEN),
        (CLOSES, False, PhaseStatus.CLOSED),
        (datetime(2026, 4, 1, 0, 0, tzinfo=AMSTERDAM), False, PhaseStatus.CLOSED),
    ],
)
def test_phase_status_follows_its_dates(moment, accepts, status):
    phase = PhasePage(step=3, opens_at=OPENS, closes_at=CLOSES)
    with time_machine.travel(moment, tick=False):
        assert phase.accepts_contributions() is accepts
        assert phase.status() == status


def test_explicit_moment_overrides_the_clock():
    phase = PhasePage(step=3, opens_at=OPENS, closes_at=CLOSES)
    with time_machine.travel(datetime(2027, 1, 1, tzinfo=AMSTERDAM), tick=False):
        assert phase.accepts_contributions(OPENS) is True
        assert phase.status(OPENS) == PhaseStatus.OPEN


def test_last_day_is_the_day_before_a_midnight_closing():
    phase = PhasePage(step=3, opens_at=OPENS, closes_at=CLOSES)
    assert str(phase.first_day) == "2026-03-02"
    assert str(phase.last_day) == "2026-03-15"
