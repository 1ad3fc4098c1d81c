"""'Wie moet er meedoen?': participants name who else should take part.

Each suggestion is a contribution of the kind "suggestie": the organisation,
network, role or function as its title, the reason as its text. It is
moderated, listed, supported and counted as every contribution is; staff turn
a published one into invitees in the register (invitations.suggestions).
"""

from wagtail import blocks

from .. import services
from ..forms import SuggestionForm
from ..models import ContributionKind
from .base import ParticipationBlock
from .questions import contribution_received

DEFAULT_REASON_LENGTH = 500


class SuggestionsBlock(ParticipationBlock):
    """Participants suggest organisations, networks, roles or functions to invite."""

    accepts_input = True

    heading = blocks.CharBlock(
        label="Kop", max_length=150, default="Wie moet er meedoen?"
    )
    intro = blocks.TextBlock(label="Uitleg", required=False, max_length=600)
    max_length = blocks.IntegerBlock(
        label="Maximale lengte van de reden (tekens)",
        default=DEFAULT_REASON_LENGTH,
        min_value=50,
        max_value=2000,
    )
    reactions = blocks.BooleanBlock(
        label="Reacties op suggesties toestaan", required=False, default=False
    )

    class Meta:
        icon = "group"
        label = "Wie moet er meedoen?"
        template = "dialogue_blocks/blocks/suggestions.html"

    def participation_context(self, value, participation, block_id) -> dict:
        form = participation.bound_forms.get(block_id) or self.new_form(
            value, participation.dialogue, block_id
        )
        return {"listing": participation.listing(block_id), "form": form}

    def new_form(self, value, dialogue, block_id, data=None) -> SuggestionForm:
        return SuggestionForm(
            data, auto_id=f"blok-{block_id}-%s", max_characters=value["max_length"]
        )

    def receive(self, page, participant, block_id, value, form):
        return contribution_received(
            services.create_contribution(
                participant,
                page,
                block_id,
                form.cleaned_data["text"],
                kind=ContributionKind.SUGGESTION,
                title=form.cleaned_data["title"],
            )
        )
