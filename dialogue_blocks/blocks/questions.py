"""Open questions: participants answer, react and support."""

from wagtail import blocks

from .. import services
from ..forms import DEFAULT_MAX_LENGTH, AnswerForm, theme_choices, themes_of
from .base import ParticipationBlock, Received


def contribution_received(contribution) -> Received:
    """Newest first, the default order, shows the new item at the top."""
    return Received(
        f"bijdrage-{contribution.pk}", services.posted_message(contribution)
    )


class QuestionValue(blocks.StructValue):
    def themes(self, dialogue):
        if not self.get("offer_themes"):
            return None
        return theme_choices(themes_of(dialogue))


class QuestionBlock(ParticipationBlock):
    """An open question participants answer, with reactions and support."""

    accepts_input = True

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

    def receive(self, page, participant, block_id, value, form) -> Received:
        return contribution_received(
            services.create_contribution(
                participant,
                page,
                block_id,
                form.cleaned_data["text"],
                theme=form.cleaned_data.get("theme"),
            )
        )
