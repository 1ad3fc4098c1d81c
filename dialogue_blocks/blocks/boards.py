"""The idea board: ideas and concerns per theme."""

from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from .. import services
from ..forms import DEFAULT_MAX_LENGTH, IdeaForm, themes_of
from .base import ParticipationBlock, Received
from .questions import contribution_received


class IdeaBoardValue(blocks.StructValue):
    def chosen_themes(self, dialogue):
        return themes_of(dialogue, list(self.get("themes") or []))


class IdeaBoardBlock(ParticipationBlock):
    """Ideas and concerns per theme, sortable by newest and by most support."""

    accepts_input = True

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

    def receive(self, page, participant, block_id, value, form) -> Received:
        return contribution_received(
            services.create_contribution(
                participant,
                page,
                block_id,
                form.cleaned_data["text"],
                kind=form.cleaned_data["kind"],
                theme=form.cleaned_data["theme"],
            )
        )
