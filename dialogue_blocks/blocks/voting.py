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
from ..forms import DotVoteForm, themes_of
from ..results import (
    AFTER_VOTING,
    VISIBILITY_CHOICES,
    WAITING_NOTES,
    Option,
    read_results,
    results_visible,
)
from .base import ParticipationBlock, Received


class VotingBlock(ParticipationBlock):
    """Shared by the voting blocks: the ballot, its form, and the results."""

    accepts_input = True
    counts_points = False
    option_heading = "Antwoord"
    saved_message = (
        "Uw stem is opgeslagen. U kunt hem wijzigen zolang deze stap open is."
    )
    withdrawn_message = "Uw stem is ingetrokken."

    def options_of(self, value, dialogue) -> list[Option]:
        raise NotImplementedError

    def budget_of(self, value, options) -> int:
        return 1

    def max_points_of(self, value) -> int:
        return 1

    def participation_context(self, value, participation, block_id) -> dict:
        page, dialogue = participation.page, participation.dialogue
        options = self.options_of(value, dialogue)
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
                option_heading=self.option_heading,
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
        options = self.options_of(value, page.dialogue_page())
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


class DotVoteValue(blocks.StructValue):
    def chosen_themes(self, dialogue):
        return themes_of(dialogue, list(self.get("themes") or []))


class DotVoteBlock(VotingBlock):
    """Participants spread a budget of points ("stippen") over the themes."""

    heading = blocks.CharBlock(label="Kop", max_length=150)
    intro = blocks.TextBlock(label="Uitleg", required=False, max_length=600)
    themes = blocks.ListBlock(
        SnippetChooserBlock("dialogue_blocks.Theme"),
        label="Thema's",
        required=False,
        help_text="Leeg: alle thema's van de dialoog.",
    )
    budget = blocks.IntegerBlock(
        label="Aantal stippen per deelnemer", default=5, min_value=1, max_value=100
    )
    max_per_option = blocks.IntegerBlock(
        label="Hoogstens zoveel stippen per thema",
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
    option_heading = "Thema"
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
        if value["max_per_option"] > value["budget"]:
            raise StructBlockValidationError(
                block_errors={
                    "max_per_option": ValidationError(
                        "Dit kan niet meer zijn dan het aantal stippen per deelnemer."
                    )
                }
            )
        return value

    def options_of(self, value, dialogue) -> list[Option]:
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
        options = options if options is not None else self.options_of(value, dialogue)
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
