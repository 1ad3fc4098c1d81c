"""Voting blocks: what dot voting and polls share, and "Stippen verdelen" itself.

A participant's points in a block are one ballot (models.Ballot, Vote), changed
and withdrawn through services.cast_vote and withdraw_vote while the step is
open; the results come from counters (results.read_results), shown when the
editor chose: always, after one's own vote, or once the step has closed.
"""

from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.snippets.blocks import SnippetChooserBlock

from .. import services
from ..contribution_chooser import ContributionChooserBlock
from ..forms import DotVoteForm, themes_of
from ..listing import most_supported
from ..models import Contribution, ContributionStatus
from ..results import (
    AFTER_VOTING,
    VISIBILITY_CHOICES,
    WAITING_NOTES,
    Option,
    read_results,
    results_visible,
)
from .base import ParticipationBlock, Received
from .sources import StepBlockChoiceBlock


class VotingBlock(ParticipationBlock):
    """Shared by the voting blocks: the ballot, its form, and the results."""

    accepts_input = True
    counts_points = False
    closed_message = "Deze stap is niet open; uw stem is niet opgeslagen."
    saved_message = (
        "Uw stem is opgeslagen. U kunt hem wijzigen zolang deze stap open is."
    )
    withdrawn_message = "Uw stem is ingetrokken."

    def options_of(self, value, dialogue, block_id) -> list[Option]:
        raise NotImplementedError

    def option_heading_of(self, value) -> str:
        """What an option is called in the results table: "Antwoord", "Thema"."""
        return "Antwoord"

    def budget_of(self, value, options) -> int:
        return 1

    def max_points_of(self, value) -> int:
        return 1

    results_template = "dialogue_blocks/includes/vote_results.html"

    def results_of(self, value, phase, block_id, dialogue) -> dict:
        """The block's results as its template shows them (for 'Resultaten')."""
        return {
            "results": read_results(
                phase,
                block_id,
                self.options_of(value, dialogue, block_id),
                dialogue.k_threshold,
                counts_points=self.counts_points,
                option_heading=self.option_heading_of(value),
            )
        }

    def participation_context(self, value, participation, block_id) -> dict:
        page, dialogue = participation.page, participation.dialogue
        options = self.options_of(value, dialogue, block_id)
        own = services.own_votes(participation.participant, page, block_id)
        form = participation.bound_forms.get(block_id) or self.new_form(
            value, dialogue, block_id, initial=own, options=options
        )
        # Closed, not merely not open yet: closing is exclusive (cms.phases).
        closed = timezone.now() >= page.closes_at
        visible = results_visible(value["results_visibility"], closed, bool(own))
        results = (
            read_results(
                page,
                block_id,
                options,
                dialogue.k_threshold,
                counts_points=self.counts_points,
                option_heading=self.option_heading_of(value),
            )
            if visible
            else None
        )
        return {
            "form": form,
            "own": own,
            "has_voted": bool(own),
            "spent": sum(own.values()),
            "budget": self.budget_of(value, options),
            "max_per_option": self.max_points_of(value),
            "results": results,
            "results_note": WAITING_NOTES.get(value["results_visibility"], ""),
        }

    def receive(self, page, participant, block_id, value, form) -> Received | None:
        anchor = f"blok-{block_id}"
        if form.withdrawing:
            services.withdraw_vote(participant, page, block_id)
            return Received(anchor, self.withdrawn_message)
        options = self.options_of(value, page.dialogue_page(), block_id)
        try:
            services.cast_vote(
                participant,
                page,
                block_id,
                form.points(),
                budget=self.budget_of(value, options),
                max_per_option=self.max_points_of(value),
                options=[option.key for option in options],
            )
        except services.VoteRefused as refused:
            form.add_error(None, str(refused))
            return None  # the page shows the form again, with what was entered
        return Received(anchor, self.saved_message)


THEMES_SOURCE, EARLIER_SOURCE, PICKED_SOURCE = "themas", "eerdere_stap", "gekozen"
MIN_PICKED = 2
# The blocks whose contributions a dot vote can take as its options.
CONTRIBUTION_BLOCK_TYPES = ("question", "idea_board", "deepening_board")
OPTION_LABEL_CHARACTERS = 120


def shortened(text: str, limit: int = OPTION_LABEL_CHARACTERS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def block_by_heading(page, heading, block_types):
    """(phase, stream child) of the block of these types whose heading matches.

    How a block on another step is named by an editor: the step and the
    block's heading (or poll question) exactly as it stands there. None if
    there is no such block.
    """
    heading = (heading or "").strip()
    if page is None or not heading:
        return None
    page = page.specific
    for child in page.body:
        if (
            child.block_type in block_types
            and child.block.heading_of(child.value).strip() == heading
        ):
            return page, child
    return None


class DotVoteValue(blocks.StructValue):
    def chosen_themes(self, dialogue):
        return themes_of(dialogue, list(self.get("themes") or []))

    @property
    def from_earlier_step(self) -> bool:
        return self.get("source") == EARLIER_SOURCE

    @property
    def over_contributions(self) -> bool:
        return self.get("source") in (EARLIER_SOURCE, PICKED_SOURCE)

    def picked_contributions(self, dialogue) -> list[Option]:
        """The contributions the editor chose, in that order, while published.

        Only this dialogue's: a pick from another dialogue (the chooser lists
        all) is refused when the page is saved (cms.models.foreign_pick_errors),
        and never shown.
        """
        chosen = list(
            dict.fromkeys(item.pk for item in self.get("picked") or [] if item)
        )
        published = {
            contribution.pk: contribution
            for contribution in Contribution.objects.filter(
                pk__in=chosen,
                phase__path__startswith=dialogue.path,
                parent=None,
                status=ContributionStatus.PUBLISHED,
            ).only("pk", "title", "text")
        }
        return [
            Option(str(pk), shortened(published[pk].quoted_text))
            for pk in chosen
            if pk in published
        ]

    def source_block(self):
        """(phase, block id) of the earlier block named by its heading, or None."""
        found = block_by_heading(
            self.get("source_page"),
            self.get("source_heading"),
            CONTRIBUTION_BLOCK_TYPES,
        )
        return (found[0], found[1].id) if found else None

    def top_contributions(self) -> list[Option]:
        """The earlier block's most supported published contributions, `top` of them.

        Read along the listing index for "most support"; supports change only
        while that step is open, so once it has closed the options stay put.
        """
        source = self.source_block()
        if source is None:
            return []
        page, block_id = source
        found = most_supported(page, block_id, self.get("top") or 5)
        return [Option(str(each.pk), shortened(each.text)) for each in found]


class DotVoteBlock(VotingBlock):
    """Participants spread a budget of points ("stippen") over the themes."""

    heading = blocks.CharBlock(label="Kop", max_length=150)
    intro = blocks.TextBlock(label="Uitleg", required=False, max_length=600)
    source = blocks.ChoiceBlock(
        label="Waarover verdelen deelnemers hun stippen?",
        choices=[
            (THEMES_SOURCE, "De thema's van de dialoog"),
            (EARLIER_SOURCE, "De meest gesteunde bijdragen van een eerdere stap"),
            (PICKED_SOURCE, "Bijdragen die u zelf kiest"),
        ],
        default=THEMES_SOURCE,
    )
    themes = blocks.ListBlock(
        SnippetChooserBlock("dialogue_blocks.Theme"),
        label="Thema's",
        required=False,
        help_text="Bij thema's. Leeg: alle thema's van de dialoog.",
    )
    source_page = blocks.PageChooserBlock(
        label="Eerdere stap",
        page_type="cms.PhasePage",
        required=False,
        help_text="Bij bijdragen: de stap waar ze staan.",
    )
    source_heading = StepBlockChoiceBlock(
        CONTRIBUTION_BLOCK_TYPES,
        label="Blok op die stap",
        required=False,
        help_text="Bij bijdragen: de vraag of het ideeënbord, bij zijn kop.",
    )
    top = blocks.IntegerBlock(
        label="Aantal bijdragen",
        default=5,
        min_value=2,
        max_value=20,
        help_text="Bij bijdragen: zoveel van de meest gesteunde.",
    )
    picked = blocks.ListBlock(
        ContributionChooserBlock(),
        label="Gekozen bijdragen",
        required=False,
        default=[],
        help_text="Bij zelf gekozen bijdragen: kies ze een voor een, in de volgorde "
        "waarin ze moeten staan. Een bijdrage die niet meer gepubliceerd is, valt weg.",
    )
    budget = blocks.IntegerBlock(
        label="Aantal stippen per deelnemer", default=5, min_value=1, max_value=100
    )
    max_per_option = blocks.IntegerBlock(
        label="Hoogstens zoveel stippen per thema of bijdrage",
        default=3,
        min_value=1,
        max_value=100,
    )
    results_visibility = blocks.ChoiceBlock(
        label="Uitslag tonen",
        choices=VISIBILITY_CHOICES,
        default=AFTER_VOTING,
    )

    counts_points = True
    closed_message = "Deze stap is niet open; uw stippen zijn niet opgeslagen."
    saved_message = (
        "Uw stippen zijn opgeslagen. U kunt ze wijzigen zolang deze stap open is."
    )
    withdrawn_message = "Uw stippen zijn ingetrokken."

    class Meta:
        icon = "pick"
        label = "Stippen verdelen"
        template = "dialogue_blocks/blocks/dot_vote.html"
        value_class = DotVoteValue

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if value["max_per_option"] > value["budget"]:
            errors["max_per_option"] = ValidationError(
                "Dit kan niet meer zijn dan het aantal stippen per deelnemer."
            )
        if value.from_earlier_step:
            page = value.get("source_page")
            if page is None:
                errors["source_page"] = ValidationError(
                    "Kies de stap waar de bijdragen staan."
                )
            elif value.source_block() is None:
                errors["source_heading"] = ValidationError(
                    f"Op ‘{page.title}’ staat geen vraag of ideeënbord met deze kop."
                )
        if value.get("source") == PICKED_SOURCE:
            picked = [item.pk for item in value.get("picked") or [] if item]
            if len(set(picked)) != len(picked):
                errors["picked"] = ValidationError(
                    "U koos een bijdrage twee keer; kies elke bijdrage één keer."
                )
            elif len(picked) < MIN_PICKED:
                errors["picked"] = ValidationError(
                    f"Kies ten minste {MIN_PICKED} bijdragen om over te stemmen."
                )
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    def option_heading_of(self, value) -> str:
        return "Bijdrage" if value.over_contributions else "Thema"

    def options_of(self, value, dialogue, block_id) -> list[Option]:
        if value.from_earlier_step:
            return value.top_contributions()
        if value.get("source") == PICKED_SOURCE:
            return value.picked_contributions(dialogue)
        return [
            Option(str(theme.pk), theme.title, theme.description)
            for theme in value.chosen_themes(dialogue)
        ]

    def budget_of(self, value, options) -> int:
        return value["budget"]

    def max_points_of(self, value) -> int:
        return value["max_per_option"]

    def new_form(
        self, value, dialogue, block_id, data=None, initial=None, options=None
    ) -> DotVoteForm:
        options = (
            options
            if options is not None
            else self.options_of(value, dialogue, block_id)
        )
        return DotVoteForm(
            data,
            auto_id=f"blok-{block_id}-%s",
            options=options,
            budget=value["budget"],
            max_per_option=value["max_per_option"],
            initial={
                f"stippen-{key}": points for key, points in (initial or {}).items()
            },
        )
