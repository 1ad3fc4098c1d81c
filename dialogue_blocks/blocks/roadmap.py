"""'Routekaart': milestones for further cooperation, and what input they took up.

Participants do not write here; they read which milestones follow from the
dialogue, and per theme "Wat is er met uw inbreng gedaan": the milestones and
the published contributions staff linked to them (dialogue_blocks.roadmap).
"""

from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from ..roadmap import STATUS_CHOICES, milestones_in, outcomes_by_theme
from .base import ParticipationBlock


class MilestoneBlock(blocks.StructBlock):
    """One milestone: what, when, who carries it, how far it is, which themes."""

    title = blocks.CharBlock(label="Mijlpaal", max_length=150)
    description = blocks.TextBlock(label="Toelichting", required=False, max_length=600)
    date = blocks.DateBlock(
        label="Datum", help_text="Wanneer de mijlpaal bereikt moet zijn."
    )
    owner = blocks.CharBlock(
        label="Wie is aan zet",
        max_length=120,
        help_text="Bijvoorbeeld ‘VNG-bestuur’ of ‘werkgroep regionale samenwerking’.",
    )
    status = blocks.ChoiceBlock(
        label="Stand van zaken", choices=STATUS_CHOICES, default="gepland"
    )
    themes = blocks.ListBlock(
        SnippetChooserBlock("dialogue_blocks.Theme"),
        label="Thema's",
        required=False,
        help_text="De thema's uit de dialoog waar deze mijlpaal op voortbouwt.",
    )

    class Meta:
        icon = "date"
        label = "Mijlpaal"


class RoadmapBlock(ParticipationBlock):
    """The roadmap of further cooperation, as a list of milestones by date."""

    heading = blocks.CharBlock(label="Kop", max_length=150)
    intro = blocks.TextBlock(label="Uitleg", required=False, max_length=600)
    milestones = blocks.ListBlock(MilestoneBlock(), label="Mijlpalen", min_num=1)

    class Meta:
        icon = "list-ol"
        label = "Routekaart"
        template = "dialogue_blocks/blocks/roadmap.html"

    def participation_context(self, value, participation, block_id) -> dict:
        milestones = milestones_in(participation.page, block_id, value)
        return {
            "milestones": milestones,
            "outcomes": outcomes_by_theme(milestones),
        }
