"""'Peiling': a poll with one answer, several answers, or a scale of 1 to 5."""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from ..forms import MULTIPLE, SCALE, SINGLE, PollForm
from ..results import AFTER_VOTING, VISIBILITY_CHOICES, Option
from .voting import VotingBlock

SCALE_POINTS = range(1, 6)


class PollValue(blocks.StructValue):
    def answer_options(self) -> list[Option]:
        """The answers with stable keys: the list item's id, or the scale's point."""
        if self.get("kind") == SCALE:
            low, high = self.get("scale_low"), self.get("scale_high")
            names = {1: f"1 – {low}", 5: f"5 – {high}"}
            return [
                Option(str(point), names.get(point, str(point)))
                for point in SCALE_POINTS
            ]
        return [
            Option(str(item.id), item.value)
            for item in self.get("options").bound_blocks
            if item.value
        ]


class PollBlock(VotingBlock):
    """A question with one answer per participant, changeable while the step is open."""

    question = blocks.CharBlock(label="Vraag", max_length=250)
    intro = blocks.TextBlock(label="Uitleg", required=False, max_length=600)
    kind = blocks.ChoiceBlock(
        label="Soort peiling",
        choices=[
            (SINGLE, "Eén antwoord kiezen"),
            (MULTIPLE, "Meerdere antwoorden kiezen"),
            (SCALE, "Schaal van 1 tot 5"),
        ],
        default=SINGLE,
    )
    options = blocks.ListBlock(
        blocks.CharBlock(label="Antwoord", max_length=120),
        label="Antwoorden",
        required=False,
        help_text="Bij een schaal van 1 tot 5 niet nodig.",
    )
    scale_low = blocks.CharBlock(
        label="Betekenis van 1", max_length=40, default="helemaal oneens"
    )
    scale_high = blocks.CharBlock(
        label="Betekenis van 5", max_length=40, default="helemaal eens"
    )
    results_visibility = blocks.ChoiceBlock(
        label="Uitslag tonen",
        choices=VISIBILITY_CHOICES,
        default=AFTER_VOTING,
    )

    closed_message = "Deze stap is niet open; uw antwoord is niet opgeslagen."
    saved_message = (
        "Uw antwoord is opgeslagen. U kunt het wijzigen zolang deze stap open is."
    )
    withdrawn_message = "Uw antwoord is ingetrokken."

    class Meta:
        icon = "list-ol"
        label = "Peiling"
        template = "dialogue_blocks/blocks/poll.html"
        value_class = PollValue

    def clean(self, value):
        value = super().clean(value)
        if value["kind"] != SCALE and len([o for o in value["options"] if o]) < 2:
            raise StructBlockValidationError(
                block_errors={
                    "options": ValidationError("Geef minstens twee antwoorden.")
                }
            )
        return value

    def heading_of(self, value) -> str:
        return value["question"]

    def options_of(self, value, dialogue, block_id) -> list[Option]:
        return value.answer_options()

    def budget_of(self, value, options) -> int:
        return len(options) if value["kind"] == MULTIPLE else 1

    def new_form(
        self, value, dialogue, block_id, data=None, initial=None, options=None
    ) -> PollForm:
        chosen = list(initial or {})
        return PollForm(
            data,
            auto_id=f"blok-{block_id}-%s",
            options=value.answer_options(),
            kind=value["kind"],
            initial={
                "answer": chosen
                if value["kind"] == MULTIPLE
                else next(iter(chosen), "")
            },
        )
