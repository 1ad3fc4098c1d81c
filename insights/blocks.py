"""'Deelname': who takes part, by group, against the targets, for everyone to see.

A block of a phase page like the participation blocks, though nobody writes in
it. Its figures are insights.representation's: through k, with secondary
suppression, the same numbers the dashboard and the landing pages show.
"""

from wagtail import blocks

from dialogue_blocks.blocks import ParticipationBlock
from dialogue_blocks.models import GroupDimension

from .groups import DIMENSIONS
from .representation import participation_tables


class ParticipationFiguresBlock(ParticipationBlock):
    """Who takes part per role, province, size class or network, against target."""

    heading = blocks.CharBlock(label="Kop", max_length=150, default="Wie doen er mee?")
    intro = blocks.TextBlock(label="Uitleg", required=False, max_length=600)
    dimensions = blocks.MultipleChoiceBlock(
        label="Per",
        choices=GroupDimension.choices,
        default=[GroupDimension.ROLE, GroupDimension.PROVINCE],
        help_text="Per kenmerk een grafiek en een tabel.",
    )

    class Meta:
        icon = "group"
        label = "Deelname"
        template = "insights/blocks/participation.html"

    def participation_context(self, value, participation, block_id) -> dict:
        chosen = [
            dimension for dimension in DIMENSIONS if dimension in value["dimensions"]
        ]
        return {
            "tables": participation_tables(participation.dialogue, chosen),
            "k": participation.dialogue.k_threshold,
        }
