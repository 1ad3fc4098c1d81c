"""What an editor is told on publishing a step: the days it is open, and the
mistakes the page allows but participants would trip over (a board that shows
nothing, two steps open at once). Warnings, not errors: a board may wait for
themes that are still being written, and an overlap may be meant.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from dialogue_blocks.blocks.boards import ThemeBoardBlock

THEMES_URL = "wagtailsnippets_dialogue_blocks_theme:list"


@dataclass(frozen=True)
class Warning:
    text: str
    link: str = ""
    link_text: str = ""


def day(moment: datetime) -> str:
    return date_format(timezone.localtime(moment).date(), "l j F Y")


def last_open_day(closes_at: datetime) -> str:
    """Closing is exclusive: a step that closes at midnight was open the day before."""
    return day(closes_at - timedelta(microseconds=1))


def step_name(phase) -> str:
    return f"Stap {phase.step} ({phase.step_label})"


def open_days(phase) -> str:
    return (
        f"{step_name(phase)} is open van {day(phase.opens_at)} tot en met "
        f"{last_open_day(phase.closes_at)}."
    )


def empty_boards(phase) -> list[Warning]:
    dialogue = phase.dialogue_page()
    return [
        Warning(
            f"Het blok ‘{child.block.heading_of(child.value)}’ toont geen enkel "
            f"thema, dus niets om aan toe te voegen: "
            f"{child.block.why_no_themes(child.value)}.",
            reverse(THEMES_URL),
            "Thema's beheren",
        )
        for child in phase.body
        if isinstance(child.block, ThemeBoardBlock)
        and not child.block.themes_for(child.value, dialogue)
    ]


def overlapping_steps(phase) -> list[Warning]:
    others = (
        phase.dialogue_page()
        .phases()
        .exclude(pk=phase.pk)
        .filter(opens_at__lt=phase.closes_at, closes_at__gt=phase.opens_at)
    )
    return [
        Warning(
            f"{step_name(phase)} en stap {other.step} ({other.step_label}) zijn "
            f"tegelijk open, "
            f"van {day(max(phase.opens_at, other.opens_at))} tot en met "
            f"{last_open_day(min(phase.closes_at, other.closes_at))}. Deelnemers "
            "zien dan twee open stappen; pas de looptijd aan als dat niet de "
            "bedoeling is."
        )
        for other in others
    ]


def publish_warnings(phase) -> list[Warning]:
    return empty_boards(phase) + overlapping_steps(phase)
