"""Participation blocks editors place between their own text on a phase page.

Each block renders its contributions and, for a participant while the phase is
open, its form. The form posts to the page's `bijdragen/<block id>/` route
(dialogue_blocks.routes); PageParticipation (listing.py) supplies what to list.
"""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.snippets.blocks import SnippetChooserBlock

from .forms import DEFAULT_MAX_LENGTH, AnswerForm, IdeaForm, themes_of


class ParticipationBlock(blocks.StructBlock):
    """Shared rendering: the block's own form and listing come from the page."""

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        participation = (parent_context or {}).get("participation")
        block_id = (parent_context or {}).get("block_id")
        context["block_id"] = block_id
        context["participation"] = participation
        if participation is not None and block_id:
            context.update(self.participation_context(value, participation, block_id))
        return context

    def participation_context(self, value, participation, block_id) -> dict:
        raise NotImplementedError

    def heading_of(self, value) -> str:
        """What the block is about, as its heading says: for contents and lists."""
        return value["heading"]


class QuestionValue(blocks.StructValue):
    def themes(self, dialogue):
        return themes_of(dialogue) if self.get("offer_themes") else None


class QuestionBlock(ParticipationBlock):
    """An open question participants answer, with reactions and support."""

    question = blocks.CharBlock(label="Vraag", max_length=250)
    help_text = blocks.TextBlock(label="Toelichting", required=False, max_length=600)
    max_length = blocks.IntegerBlock(
        label="Maximale lengte van een antwoord (tekens)",
        default=DEFAULT_MAX_LENGTH,
        min_value=50,
        max_value=5000,
    )
    offer_themes = blocks.BooleanBlock(
        label="Deelnemers kiezen een thema bij hun antwoord",
        required=False,
        default=False,
    )
    reactions = blocks.BooleanBlock(
        label="Reacties op antwoorden toestaan", required=False, default=True
    )

    class Meta:
        icon = "help"
        label = "Open vraag"
        template = "dialogue_blocks/blocks/question.html"
        value_class = QuestionValue

    def participation_context(self, value, participation, block_id) -> dict:
        dialogue = participation.dialogue
        form = participation.bound_forms.get(block_id) or self.new_form(
            value, dialogue, block_id
        )
        return {"listing": participation.listing(block_id), "form": form}

    def heading_of(self, value) -> str:
        return value["question"]

    def new_form(self, value, dialogue, block_id, data=None) -> AnswerForm:
        return AnswerForm(
            data,
            auto_id=f"blok-{block_id}-%s",
            max_characters=value["max_length"],
            themes=value.themes(dialogue),
        )


class IdeaBoardValue(blocks.StructValue):
    def chosen_themes(self, dialogue):
        return themes_of(dialogue, list(self.get("themes") or []))


class IdeaBoardBlock(ParticipationBlock):
    """Ideas and concerns per theme, sortable by newest and by most support."""

    heading = blocks.CharBlock(label="Kop", max_length=150)
    intro = blocks.TextBlock(label="Uitleg", required=False, max_length=600)
    themes = blocks.ListBlock(
        SnippetChooserBlock("dialogue_blocks.Theme"),
        label="Thema's",
        required=False,
        help_text="Leeg: alle thema's van de dialoog.",
    )
    max_length = blocks.IntegerBlock(
        label="Maximale lengte (tekens)",
        default=DEFAULT_MAX_LENGTH,
        min_value=50,
        max_value=5000,
    )

    class Meta:
        icon = "list-ul"
        label = "Ideeën en zorgen"
        template = "dialogue_blocks/blocks/idea_board.html"
        value_class = IdeaBoardValue

    def participation_context(self, value, participation, block_id) -> dict:
        dialogue = participation.dialogue
        themes = list(value.chosen_themes(dialogue))
        form = participation.bound_forms.get(block_id) or self.new_form(
            value, dialogue, block_id
        )
        return {"columns": participation.board(block_id, themes), "form": form}

    def new_form(self, value, dialogue, block_id, data=None) -> IdeaForm:
        return IdeaForm(
            data,
            auto_id=f"blok-{block_id}-%s",
            max_characters=value["max_length"],
            themes=value.chosen_themes(dialogue),
        )


class EarlierContributionsValue(blocks.StructValue):
    def source_block_id(self) -> str:
        return str(self.get("block_id") or "").strip()


class EarlierContributionsBlock(ParticipationBlock):
    """Shows, read-only, what participants wrote in a block on an earlier step."""

    heading = blocks.CharBlock(label="Kop", max_length=150)
    source_page = blocks.PageChooserBlock(
        label="Stap", page_type="cms.PhasePage", help_text="De eerdere stap."
    )
    block_id = blocks.CharBlock(
        label="Blok-id",
        max_length=36,
        help_text="Het id van het blok op die stap (te zien in de blokinstellingen).",
    )
    top = blocks.IntegerBlock(
        label="Alleen de meest gesteunde",
        required=False,
        min_value=1,
        max_value=100,
        help_text="Leeg: alle gepubliceerde bijdragen, nieuwste eerst.",
    )

    class Meta:
        icon = "history"
        label = "Uit een eerdere stap"
        template = "dialogue_blocks/blocks/earlier_contributions.html"
        value_class = EarlierContributionsValue

    def clean(self, value):
        value = super().clean(value)
        page = value.get("source_page")
        block_id = value.source_block_id()
        if page is not None and not any(
            child.id == block_id for child in page.specific.body
        ):
            raise StructBlockValidationError(
                block_errors={
                    "block_id": ValidationError(
                        f"Op ‘{page.title}’ staat geen blok met dit id."
                    )
                }
            )
        return value

    def participation_context(self, value, participation, block_id) -> dict:
        source = value["source_page"].specific
        listing = participation.earlier(source, value.source_block_id(), value["top"])
        return {"listing": listing, "source": source}


# Blocks that accept contributions (the earlier-contributions block only shows).
PARTICIPATION_BLOCK_TYPES = ("question", "idea_board")
