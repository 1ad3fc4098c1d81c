"""'Verdiepen': the top themes worked out in depth, in kinds the editor names.

The idea board with other lists: per theme, for instance knelpunten,
oplossingen and "rol van de VNG", each with reactions and support. The themes
are the editor's, or the N that a dot vote over themes on another step put on
top, so that step 6 follows the priorities step 5 set.
"""

from django.core.exceptions import ValidationError
from django.utils.text import capfirst, slugify
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.snippets.blocks import SnippetChooserBlock

from ..forms import DEFAULT_MAX_LENGTH, themes_of
from ..models import KIND_LENGTH, WHOLE_BLOCK, ContributionKind, Theme, VoteTally
from .boards import BoardKind, ThemeBoardBlock
from .sources import StepBlockChoiceBlock
from .voting import THEMES_SOURCE, block_by_heading

CHOSEN_THEMES, VOTED_THEMES = "gekozen", "stemming"
DEFAULT_KINDS = [
    {"name": "knelpunt", "heading": "Knelpunten"},
    {"name": "oplossing", "heading": "Oplossingen"},
    {"name": "rol van de VNG", "heading": "Rol van de VNG"},
]


class KindBlock(blocks.StructBlock):
    """One list of the board, as the editor names it."""

    name = blocks.CharBlock(
        label="Soort (enkelvoud)",
        max_length=KIND_LENGTH,
        help_text="Zoals deelnemers kiezen wat ze toevoegen: ‘knelpunt’.",
    )
    heading = blocks.CharBlock(
        label="Kop boven de lijst",
        max_length=60,
        help_text="Bijvoorbeeld ‘Knelpunten’.",
    )

    class Meta:
        icon = "tag"
        label = "Soort"


class DeepeningValue(blocks.StructValue):
    def vote_block(self):
        """(phase, stream child) of the dot vote the themes come from, or None."""
        return block_by_heading(
            self.get("source_page"), self.get("source_heading"), ("dot_vote",)
        )

    def chosen_themes(self, dialogue):
        if self.get("theme_source") != VOTED_THEMES:
            return themes_of(dialogue, list(self.get("themes") or []))
        return voted_themes(self.vote_block(), dialogue, self.get("top") or 3)


def voted_themes(found, dialogue, top: int) -> list[Theme]:
    """The `top` themes with the most points in the vote, most first.

    Read from the vote's counters: one query, whatever the number of votes.
    Only the order is used here, never a number.
    """
    if found is None:
        return []
    phase, child = found
    keys = (
        VoteTally.objects.filter(phase=phase, block_id=child.id)
        .exclude(option=WHOLE_BLOCK)
        .order_by("-points", "option")
        .values_list("option", flat=True)
    )
    by_key = {str(theme.pk): theme for theme in themes_of(dialogue)}
    return [by_key[key] for key in keys if key in by_key][:top]


class DeepeningBoardBlock(ThemeBoardBlock):
    """Knelpunten, oplossingen and the role of VNG (or other kinds) per theme."""

    kicker = "Verdiepen"

    heading = blocks.CharBlock(label="Kop", max_length=150)
    intro = blocks.TextBlock(label="Uitleg", required=False, max_length=600)
    theme_source = blocks.ChoiceBlock(
        label="Welke thema's?",
        choices=[
            (CHOSEN_THEMES, "Thema's die ik kies"),
            (VOTED_THEMES, "De thema's die bovenaan staan in een stemming"),
        ],
        default=CHOSEN_THEMES,
    )
    themes = blocks.ListBlock(
        SnippetChooserBlock("dialogue_blocks.Theme"),
        label="Thema's",
        required=False,
        help_text="Bij thema's die u kiest. Leeg: alle thema's van de dialoog.",
    )
    source_page = blocks.PageChooserBlock(
        label="Stap met de stemming",
        page_type="cms.PhasePage",
        required=False,
        help_text="Bij een stemming: de stap waar gestemd is, meestal Voorkeuren.",
    )
    source_heading = StepBlockChoiceBlock(
        ("dot_vote",),
        label="Stemming op die stap",
        required=False,
        help_text="Bij een stemming: stippen verdelen over de thema's, bij zijn kop.",
    )
    top = blocks.IntegerBlock(
        label="Aantal thema's uit de stemming", default=3, min_value=1, max_value=10
    )
    kinds = blocks.ListBlock(
        KindBlock(),
        label="Soorten bijdragen",
        min_num=1,
        max_num=4,
        default=DEFAULT_KINDS,
    )
    max_length = blocks.IntegerBlock(
        label="Maximale lengte (tekens)",
        default=DEFAULT_MAX_LENGTH,
        min_value=50,
        max_value=5000,
    )

    class Meta:
        icon = "list-ul"
        label = "Verdiepen per thema"
        template = "dialogue_blocks/blocks/board.html"
        value_class = DeepeningValue

    def kinds_of(self, value) -> list[BoardKind]:
        return [
            BoardKind(
                key=kind["name"].strip(),
                choice=capfirst(kind["name"].strip()),
                heading=kind["heading"],
                empty=f"Nog niets bij ‘{kind['heading']}’.",
            )
            for kind in value["kinds"]
        ]

    def why_no_themes(self, value) -> str:
        if value.get("theme_source") == VOTED_THEMES:
            return "in de stemming waar de thema's uit komen, is nog niet gestemd"
        return super().why_no_themes(value)

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        names = [slugify(kind["name"]) for kind in value["kinds"]]
        if len(set(names)) < len(names):
            errors["kinds"] = ValidationError("Geef elke soort een eigen naam.")
        elif set(names) & {ContributionKind.ANSWER, ContributionKind.REACTION}:
            errors["kinds"] = ValidationError(
                "‘antwoord’ en ‘reactie’ zijn al in gebruik; kies een andere naam."
            )
        if value.get("theme_source") == VOTED_THEMES:
            errors.update(vote_errors(value))
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


def vote_errors(value) -> dict:
    if value.get("source_page") is None:
        return {"source_page": ValidationError("Kies de stap waar gestemd is.")}
    found = value.vote_block()
    if found is None:
        return {
            "source_heading": ValidationError(
                f"Op ‘{value['source_page'].title}’ staat geen stemming met deze kop."
            )
        }
    if found[1].value.get("source") != THEMES_SOURCE:
        return {
            "source_heading": ValidationError(
                "Deze stemming gaat over bijdragen, niet over thema's; kies een "
                "stemming over de thema's."
            )
        }
    return {}
