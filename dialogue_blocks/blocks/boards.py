"""Boards: contributions per theme, in lists by kind.

`ThemeBoardBlock` is the board itself: per theme one list per kind, each with
reactions and support, sortable by newest and by most support. The idea board
has two fixed kinds, ideas and concerns; the Verdiepen board (deepening.py)
has the kinds its editor names, on themes it may take from a vote.
"""

from dataclasses import dataclass

from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from .. import services
from ..forms import DEFAULT_MAX_LENGTH, BoardForm, theme_choices, themes_of
from .base import ParticipationBlock, Received
from .questions import contribution_received


@dataclass(frozen=True)
class BoardKind:
    """One list of a board: what it stores as the kind, and how it reads."""

    key: str  # Contribution.kind
    choice: str  # in the form: "Een idee"
    heading: str  # above the list: "Ideeën"
    empty: str  # an empty list: "Nog geen ideeën."


class IdeaBoardValue(blocks.StructValue):
    def chosen_themes(self, dialogue):
        return themes_of(dialogue, list(self.get("themes") or []))


class ThemeBoardBlock(ParticipationBlock):
    """What every board shares; a board says its kinds and its themes."""

    accepts_input = True
    kicker = ""
    kind_question = "Wat voegt u toe?"
    kind_missing = "Kies wat u toevoegt."
    text_label = "Uw bijdrage"
    submit_label = "Plaats uw bijdrage"

    def kinds_of(self, value) -> list[BoardKind]:
        raise NotImplementedError

    def themes_for(self, value, dialogue) -> list:
        """The board's themes, in the order it shows them."""
        return list(value.chosen_themes(dialogue))

    def why_no_themes(self, value) -> str:
        """Why the board shows no theme, for the editor's warning at publish."""
        return (
            "de dialoog heeft nog geen thema's, of de gekozen thema's bestaan niet meer"
        )

    def participation_context(self, value, participation, block_id) -> dict:
        dialogue = participation.dialogue
        themes = self.themes_for(value, dialogue)
        kinds = self.kinds_of(value)
        form = participation.bound_forms.get(block_id) or self.form_for(
            value, block_id, themes
        )
        return {
            "columns": participation.board(block_id, themes, kinds),
            "form": form,
            "board": self,
        }

    def new_form(self, value, dialogue, block_id, data=None) -> BoardForm:
        return self.form_for(value, block_id, self.themes_for(value, dialogue), data)

    def form_for(self, value, block_id, themes, data=None) -> BoardForm:
        """The board's form over themes already read (the page shows them too)."""
        return BoardForm(
            data,
            auto_id=f"blok-{block_id}-%s",
            max_characters=value["max_length"],
            themes=theme_choices(themes),
            kinds=[(kind.key, kind.choice) for kind in self.kinds_of(value)],
            kind_question=self.kind_question,
            kind_missing=self.kind_missing,
            text_label=self.text_label,
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


IDEA_BOARD_KINDS = [
    BoardKind("idee", "Een idee", "Ideeën", "Nog geen ideeën."),
    BoardKind("zorg", "Een zorg", "Zorgen", "Nog geen zorgen."),
]


class IdeaBoardBlock(ThemeBoardBlock):
    """Ideas and concerns per theme, sortable by newest and by most support."""

    kicker = "Ideeën en zorgen"
    kind_question = "Is het een idee of een zorg?"
    kind_missing = "Kies of het een idee of een zorg is."
    text_label = "Uw idee of zorg"
    submit_label = "Plaats idee of zorg"

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
        template = "dialogue_blocks/blocks/board.html"
        value_class = IdeaBoardValue

    def kinds_of(self, value) -> list[BoardKind]:
        return IDEA_BOARD_KINDS
