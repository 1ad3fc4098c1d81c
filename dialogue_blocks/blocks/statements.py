"""'Stellingen': statements the editor writes, answered eens, oneens or weet niet.

Each statement is a ballot of its own (models.Ballot with the statement's
ListBlock item id as its block id, budget 1), cast through services.cast_vote
like a poll's answer, so one answer per participant per statement, changeable
while the step is open. One statement shows at a time ("Stelling 3 van 12"), a
plain form each: after an answer the next unanswered one shows; the list of
statements links to each one, so an answer can be changed without JavaScript.
Per statement the shares of the answers come from the vote tallies
(results.read_tallies, one query); across groups, consensus and division from
the group tallies (consensus.compare).
"""

from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from .. import services
from ..consensus import ANSWERS, compare
from ..forms import StatementForm
from ..models import GroupDimension, Vote
from ..results import (
    AFTER_VOTING,
    VISIBILITY_CHOICES,
    Option,
    read_tallies,
    results_from,
    results_visible,
)
from .base import Received
from .voting import VotingBlock

ANSWER_OPTIONS = [Option(key, label) for key, label in ANSWERS.items()]
WAITING_NOTES = {
    AFTER_VOTING: "De uitslag ziet u zodra u alle stellingen heeft beantwoord, en "
    "voor iedereen als deze stap gesloten is.",
    "na_sluiting": "De uitslag verschijnt als deze stap gesloten is.",
}


class StatementsValue(blocks.StructValue):
    def statement_options(self) -> list[Option]:
        """The statements with stable keys: their list item's id."""
        return [
            Option(str(item.id), item.value)
            for item in self.get("statements").bound_blocks
            if item.value and item.id
        ]


def own_answers(participant, phase, keys) -> dict[str, str]:
    """Statement id → the participant's answer: one query."""
    if participant is None or not keys:
        return {}
    return {
        str(block_id): option
        for block_id, option in Vote.objects.filter(
            ballot__participant=participant,
            ballot__phase=phase,
            ballot__block_id__in=keys,
        ).values_list("ballot__block_id", "option")
    }


def statement_results(phase, statements, k: int) -> list:
    """Per statement its shares of eens / oneens / weet niet, suppressed at k."""
    tallies = read_tallies(phase, [statement.key for statement in statements])
    return [
        (
            statement,
            results_from(
                tallies.get(statement.key, {}),
                ANSWER_OPTIONS,
                k,
                counts_points=False,
                option_heading="Antwoord",
            ),
        )
        for statement in statements
    ]


class StatementsBlock(VotingBlock):
    """Statements participants answer with eens, oneens or weet niet, one at a time."""

    heading = blocks.CharBlock(label="Kop", max_length=150)
    intro = blocks.TextBlock(label="Uitleg", required=False, max_length=600)
    statements = blocks.ListBlock(
        blocks.TextBlock(label="Stelling", max_length=300),
        label="Stellingen",
        min_num=2,
        max_num=40,
    )
    compare_by = blocks.ChoiceBlock(
        label="Groepen vergelijken op",
        choices=GroupDimension.choices,
        default=GroupDimension.ROLE,
        help_text="Voor ‘Wat ons verbindt’ en ‘Waar we verschillen’.",
    )
    results_visibility = blocks.ChoiceBlock(
        label="Uitslag tonen", choices=VISIBILITY_CHOICES, default=AFTER_VOTING
    )

    closed_message = "Deze stap is niet open; uw antwoord is niet opgeslagen."
    saved_message = (
        "Uw antwoord is opgeslagen. U kunt het wijzigen zolang deze stap open is."
    )
    withdrawn_message = "Uw antwoord is ingetrokken."

    class Meta:
        icon = "tick"
        label = "Stellingen"
        template = "dialogue_blocks/blocks/statements.html"
        value_class = StatementsValue

    def clean(self, value):
        value = super().clean(value)
        texts = [" ".join(text.split()).lower() for text in value["statements"]]
        if len(set(texts)) != len(texts):
            raise StructBlockValidationError(
                block_errors={
                    "statements": ValidationError(
                        "Twee stellingen zijn gelijk; maak elke stelling anders."
                    )
                }
            )
        return value

    def options_of(self, value, dialogue) -> list[Option]:
        return value.statement_options()

    results_template = "dialogue_blocks/includes/statement_results.html"

    def results_of(self, value, phase, block_id, dialogue) -> dict:
        statements = value.statement_options()
        k = dialogue.k_threshold
        return {
            "results": statement_results(phase, statements, k),
            "comparison": compare(phase, statements, value["compare_by"], k),
            "k": k,
        }

    def new_form(
        self, value, dialogue, block_id, data=None, initial=None, options=None
    ) -> StatementForm:
        return StatementForm(
            data,
            auto_id=f"blok-{block_id}-%s",
            statements=value.statement_options(),
            answers=ANSWERS,
            initial=initial or {},
        )

    def current_number(self, participation, block_id, statements, own) -> int | None:
        """Which statement shows (1-based): asked for, else the first unanswered."""
        bound = participation.bound_forms.get(block_id)
        if bound is not None:
            key = bound.data.get("stelling", "")
            for number, statement in enumerate(statements, start=1):
                if statement.key == key:
                    return number
        asked = participation.after(f"stelling-{block_id}")
        if asked and 1 <= asked <= len(statements):
            return asked
        for number, statement in enumerate(statements, start=1):
            if statement.key not in own:
                return number
        return None  # all answered: the list shows, each one can be changed

    def participation_context(self, value, participation, block_id) -> dict:
        page, dialogue = participation.page, participation.dialogue
        statements = value.statement_options()
        keys = [statement.key for statement in statements]
        own = own_answers(participation.participant, page, keys)
        number = self.current_number(participation, block_id, statements, own)
        current = statements[number - 1] if number else None
        form = participation.bound_forms.get(block_id)
        if form is None and current is not None:
            form = self.new_form(
                value,
                dialogue,
                block_id,
                initial={"statement": current.key, "answer": own.get(current.key)},
            )
        closed = timezone.now() >= page.closes_at
        answered_all = bool(statements) and len(own) == len(statements)
        visible = results_visible(value["results_visibility"], closed, answered_all)
        k = dialogue.k_threshold
        return {
            "form": form,
            "statements": [
                {
                    "number": index,
                    "statement": statement,
                    "answer": ANSWERS.get(own.get(statement.key, ""), ""),
                    "is_current": index == number,
                }
                for index, statement in enumerate(statements, start=1)
            ],
            "current": current,
            "number": number,
            "total": len(statements),
            "answered": len(own),
            "has_voted": bool(current and current.key in own),
            "step_param": f"stelling-{block_id}",
            "previous_number": number - 1 if number and number > 1 else None,
            "next_number": number + 1 if number and number < len(statements) else None,
            **(
                self.results_of(value, page, block_id, dialogue)
                if visible
                else {"results": None, "k": k}
            ),
            "results_note": WAITING_NOTES.get(value["results_visibility"], ""),
        }

    def receive(self, page, participant, block_id, value, form) -> Received | None:
        anchor = f"blok-{block_id}"
        statement = form.statement_key
        if form.withdrawing:
            services.withdraw_vote(participant, page, statement)
            return Received(anchor, self.withdrawn_message)
        try:
            services.cast_vote(
                participant,
                page,
                statement,
                form.points(),
                budget=1,
                max_per_option=1,
                options=list(ANSWERS),
            )
        except services.VoteRefused as refused:
            form.add_error(None, str(refused))
            return None
        return Received(anchor, self.saved_message)
