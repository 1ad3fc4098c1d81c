"""Results of a voting block as they may be published, and their bar chart.

Every number passes through dialogue_blocks.anonymity: an option is shown only
if at least k distinct participants voted for it; below that it reads "minder
dan k", with secondary suppression because the number of participants who
voted is shown too. A dot vote's points are shown only where the option's
participants are. Read from the counters (VoteTally) in one query, whatever the
number of votes. The chart is plain SVG (role="img", a title and a
description) beside a table with the same numbers, so it needs no JavaScript
and renders in a PDF as well.
"""

from dataclasses import dataclass
from typing import NamedTuple

from .anonymity import Figure, figure, suppress_breakdown
from .item_rows import values_where
from .models import WHOLE_BLOCK, VoteTally

ALWAYS = "altijd"
AFTER_VOTING = "na_stemmen"
AFTER_CLOSING = "na_sluiting"
VISIBILITY_CHOICES = [
    (ALWAYS, "Altijd"),
    (AFTER_VOTING, "Nadat de deelnemer heeft gestemd (en voor iedereen na sluiting)"),
    (AFTER_CLOSING, "Pas als de stap gesloten is"),
]
WAITING_NOTES = {
    AFTER_VOTING: "De uitslag ziet u zodra u heeft gestemd, en voor iedereen als "
    "deze stap gesloten is.",
    AFTER_CLOSING: "De uitslag verschijnt als deze stap gesloten is.",
}


def results_visible(visibility: str, phase_closed: bool, has_voted: bool) -> bool:
    """The editor's choice: always, after one's own vote, or after closing."""
    if visibility == ALWAYS or phase_closed:
        return True
    return visibility == AFTER_VOTING and has_voted


@dataclass(frozen=True)
class Option:
    """One option of a voting block: its stable key and what it is called."""

    key: str
    label: str
    description: str = ""


@dataclass(frozen=True)
class ResultRow:
    label: str
    voters: Figure
    value: Figure  # what the bar shows: points, or participants
    share: float  # of the largest value shown, 0 to 1; 0 when hidden
    percentage: int | None = None  # of the participants who voted, when both shown


@dataclass(frozen=True)
class Results:
    """What a block's results show; the same for a dot vote and a poll."""

    rows: list[ResultRow]
    respondents: Figure
    k: int
    option_heading: str  # "Thema", "Antwoord"
    value_heading: str  # "Stippen", "Deelnemers"
    counts_points: bool

    @property
    def summary(self) -> str:
        """The chart's description: every bar in words."""
        parts = []
        for row in self.rows:
            if not row.voters.is_shown:
                parts.append(f"{row.label}: minder dan {self.k} deelnemers")
            elif self.counts_points:
                parts.append(
                    f"{row.label}: {row.value} {self.value_heading.lower()} "
                    f"van {row.voters} deelnemers"
                )
            else:
                parts.append(f"{row.label}: {row.voters} deelnemers")
        return "; ".join(parts) + "."

    @property
    def chart_title(self) -> str:
        return f"{self.value_heading} per {self.option_heading.lower()}"

    @property
    def chart(self) -> "BarChart":
        return BarChart.of(self)


def read_results(
    phase,
    block_id: str,
    options: list[Option],
    k: int,
    *,
    counts_points: bool,
    option_heading: str,
) -> Results:
    """A block's results from its counters (one query), suppressed at k."""
    tallies = read_tallies(phase, [block_id]).get(str(block_id), {})
    return results_from(
        tallies, options, k, counts_points=counts_points, option_heading=option_heading
    )


class Tally(NamedTuple):
    """A VoteTally's counts, as the results read them."""

    points: int
    voters: int


def read_tallies(phase, block_ids) -> dict[str, dict[str, Tally]]:
    """Block id → option → tally, for several blocks (or statements) in one query."""
    found: dict[str, dict[str, Tally]] = {str(block_id): {} for block_id in block_ids}
    rows = values_where(
        VoteTally,
        ("block_id", "option", "points", "voters"),
        phase_id=phase.pk,
        block_id=list(block_ids),
    )
    for block_id, option, points, voters in rows:
        found.setdefault(str(block_id), {})[option] = Tally(points, voters)
    return found


def results_from(
    tallies: dict[str, Tally],
    options: list[Option],
    k: int,
    *,
    counts_points: bool,
    option_heading: str,
) -> "Results":
    """One block's results from its tallies (option → tally), suppressed at k."""

    def of(key: str) -> tuple[int, int]:
        tally = tallies.get(key)
        return (tally.points, tally.voters) if tally else (0, 0)

    voters = suppress_breakdown(
        {option.key: of(option.key)[1] for option in options}, k, total_shown=True
    )
    values = {
        option.key: Figure(
            (of(option.key)[0] if counts_points else of(option.key)[1])
            if voters[option.key].is_shown
            else None,
            k,
        )
        for option in options
    }
    respondents = figure(of(WHOLE_BLOCK)[1], k)
    largest = max(
        (value.value for value in values.values() if value.is_shown), default=0
    )
    rows = [
        ResultRow(
            label=option.label,
            voters=voters[option.key],
            value=values[option.key],
            share=(values[option.key].value / largest)
            if largest and values[option.key].is_shown
            else 0.0,
            percentage=round(100 * voters[option.key].value / respondents.value)
            if voters[option.key].is_shown
            and respondents.is_shown
            and respondents.value
            else None,
        )
        for option in options
    ]
    return Results(
        rows=rows,
        respondents=respondents,
        k=k,
        option_heading=option_heading,
        value_heading="Stippen" if counts_points else "Deelnemers",
        counts_points=counts_points,
    )


# Chart geometry, in the SVG's own units; the SVG scales to its container.
CHART_WIDTH = 320  # about its width on a phone, so its text keeps its size
ROW_HEIGHT = 54
LABEL_HEIGHT = 20
BAR_HEIGHT = 20
VALUE_SPACE = 50  # room after the longest bar for its number
LABEL_CHARACTERS = 36


@dataclass(frozen=True)
class BarInput:
    """What one bar shows: its text, and its length (0 to 1 of the longest)."""

    label: str
    text: str  # the number at the end of the bar, or "minder dan k"
    is_shown: bool
    fraction: float
    marker: float | None = None  # a target line, 0 to 1 of the longest


@dataclass(frozen=True)
class Bar:
    label: str
    text: str  # the number at the end of the bar, or "minder dan k"
    label_y: int
    bar_y: int
    width: float
    text_x: float
    text_y: int
    is_shown: bool
    marker_x: float | None = None


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    bars: list[Bar]

    @classmethod
    def of(cls, results: Results) -> "BarChart":
        return cls.of_bars(
            [
                BarInput(row.label, str(row.value), row.value.is_shown, row.share)
                for row in results.rows
            ]
        )

    @classmethod
    def of_bars(cls, inputs: list[BarInput]) -> "BarChart":
        longest = CHART_WIDTH - VALUE_SPACE
        bars = []
        for index, item in enumerate(inputs):
            top = index * ROW_HEIGHT
            width = round(item.fraction * longest, 1) if item.is_shown else 0.0
            label = item.label
            if len(label) > LABEL_CHARACTERS:
                label = label[: LABEL_CHARACTERS - 1].rstrip() + "…"
            bars.append(
                Bar(
                    label=label,
                    text=item.text,
                    label_y=top + LABEL_HEIGHT - 5,
                    bar_y=top + LABEL_HEIGHT,
                    width=max(width, 2.0) if item.is_shown else 0.0,
                    text_x=width + 8,
                    text_y=top + LABEL_HEIGHT + BAR_HEIGHT - 5,
                    is_shown=item.is_shown,
                    marker_x=None
                    if item.marker is None
                    else round(item.marker * longest, 1),
                )
            )
        return cls(CHART_WIDTH, max(len(bars), 1) * ROW_HEIGHT, bars)
