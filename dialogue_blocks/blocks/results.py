"""'Resultaten': the live results of a voting block on another step.

The editor names the block by its step and heading, as a dot vote names an
earlier block (voting.block_by_heading); the results are the block's own
(`VotingBlock.results_of`), drawn by the same template, through the same
suppression at k. They show once the source allows everyone to see them:
always, or once its step has closed.
"""

from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from ..results import ALWAYS
from .base import ParticipationBlock
from .sources import StepBlockChoiceBlock
from .voting import block_by_heading

# The blocks whose results 'Resultaten' can show.
VOTING_BLOCK_TYPES = ("dot_vote", "poll", "statements")


class ResultsValue(blocks.StructValue):
    def source_block(self):
        """(phase, stream child) of the voting block named by step and heading."""
        return block_by_heading(
            self.get("source_page"), self.get("source_heading"), VOTING_BLOCK_TYPES
        )


class ResultsBlock(ParticipationBlock):
    """Shows the live results of a vote, poll or statements on another step."""

    heading = blocks.CharBlock(label="Kop", max_length=150)
    intro = blocks.TextBlock(label="Uitleg", required=False, max_length=600)
    source_page = blocks.PageChooserBlock(
        label="Stap", page_type="cms.PhasePage", help_text="De stap waar gestemd is."
    )
    source_heading = StepBlockChoiceBlock(
        VOTING_BLOCK_TYPES,
        label="Blok op die stap",
        help_text="Stippen verdelen, een peiling of stellingen, bij zijn kop.",
    )

    class Meta:
        icon = "doc-full"
        label = "Resultaten"
        template = "dialogue_blocks/blocks/vote_results_block.html"
        value_class = ResultsValue

    def clean(self, value):
        value = super().clean(value)
        page = value.get("source_page")
        if page is not None and value.source_block() is None:
            raise StructBlockValidationError(
                block_errors={
                    "source_heading": ValidationError(
                        f"Op ‘{page.title}’ staat geen stemming, peiling of blok "
                        "stellingen met deze kop."
                    )
                }
            )
        return value

    def participation_context(self, value, participation, block_id) -> dict:
        found = value.source_block()
        if found is None:
            return {"source": None}
        phase, child = found
        visible = (
            child.value["results_visibility"] == ALWAYS
            or timezone.now() >= phase.closes_at
        )
        context = {
            "source": phase,
            "source_kind": child.block.meta.label,
            "results_template": child.block.results_template,
            "results_note": "De uitslag verschijnt als die stap gesloten is.",
            "results": None,
            "k": participation.dialogue.k_threshold,
        }
        if visible:
            context.update(
                child.block.results_of(
                    child.value, phase, child.id, participation.dialogue
                )
            )
        return context
