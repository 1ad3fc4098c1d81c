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

Where the editor allows it, participants propose statements. A proposal is a
Contribution of kind "stelling" in this block, moderated like any other; once
published it joins the editor's statements, after them, with a key derived
from the contribution (proposal_key), so its answers are ballots like the
rest. The list stays bounded (MAX_STATEMENTS), whatever is proposed.
"""

import uuid

from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from .. import services
from ..consensus import ANSWERS, compare
from ..forms import ProposalForm, StatementForm
from ..item_rows import votes_of
from ..models import (
    Contribution,
    ContributionKind,
    ContributionStatus,
    GroupDimension,
)
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


MAX_STATEMENTS = 40
PROPOSAL_LENGTH = 300


def proposal_key(block_id: str, contribution_pk: int) -> str:
    """A proposed statement's ballot key: stable, and apart from every item id."""
    return str(uuid.uuid5(uuid.UUID(str(block_id)), f"voorstel-{contribution_pk}"))


def proposals(dialogue, block_id: str):
    """The block's proposed statements, in the order they were proposed."""
    # By the step's place in the tree, not the author's dialogue: a proposal
    # whose author erased their profile stays a statement.
    return Contribution.objects.filter(
        phase__path__startswith=dialogue.path,
        block_id=block_id,
        kind=ContributionKind.STATEMENT,
        parent=None,
    ).order_by("pk")


class StatementsValue(blocks.StructValue):
    def statement_options(self, dialogue, block_id: str) -> list[Option]:
        """The editor's statements (keyed by their list item's id), then the
        published proposals, MAX_STATEMENTS at most."""
        written = [
            Option(str(item.id), item.value)
            for item in self.get("statements").bound_blocks
            if item.value and item.id
        ]
        room = MAX_STATEMENTS - len(written)
        if not self.get("proposals") or room <= 0:
            return written
        published = proposals(dialogue, block_id).filter(
            status=ContributionStatus.PUBLISHED
        )
        return written + [
            Option(proposal_key(block_id, pk), text)
            for pk, text in published.values_list("pk", "text")[:room]
        ]


def own_answers(participant, phase, keys) -> dict[str, str]:
    """Statement id → the participant's answer: one query."""
    if participant is None or not keys:
        return {}
    return {
        str(block_id): option
        for block_id, option, _ in votes_of(participant.pk, phase.pk, keys)
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
    proposals = blocks.BooleanBlock(
        label="Deelnemers mogen stellingen voorstellen",
        required=False,
        default=False,
        help_text="Een voorstel wordt gemodereerd als elke bijdrage en komt daarna "
        f"achter uw stellingen, tot {MAX_STATEMENTS} stellingen in totaal.",
    )

    closed_message = (
        "Deze stap is niet open; uw antwoord of voorstel is niet opgeslagen."
    )
    full_message = (
        f"Er staan al {MAX_STATEMENTS} stellingen; een nieuwe stelling past er "
        "niet meer bij."
    )
    saved_message = (
        "Uw antwoord is opgeslagen. U kunt het wijzigen zolang deze stap open is."
    )
    withdrawn_message = "Uw antwoord is ingetrokken."
    proposed_message = "Dank u. Uw stelling staat nu achteraan bij de stellingen."
    proposal_waits_message = (
        "Dank u. Uw stelling wacht op moderatie en komt na goedkeuring bij de "
        "stellingen. U ziet de status in ‘Mijn bijdragen’."
    )

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

    def options_of(self, value, dialogue, block_id) -> list[Option]:
        return value.statement_options(dialogue, block_id)

    results_template = "dialogue_blocks/includes/statement_results.html"

    def results_of(self, value, phase, block_id, dialogue) -> dict:
        statements = value.statement_options(dialogue, block_id)
        k = dialogue.k_threshold
        return {
            "results": statement_results(phase, statements, k),
            "comparison": compare(phase, statements, value["compare_by"], k),
            "k": k,
        }

    def new_form(
        self, value, dialogue, block_id, data=None, initial=None, options=None
    ) -> StatementForm | ProposalForm:
        if value["proposals"] and ProposalForm.is_posted(data):
            return self.proposal_form(block_id, data)
        return StatementForm(
            data,
            auto_id=f"blok-{block_id}-%s",
            statements=options or value.statement_options(dialogue, block_id),
            answers=ANSWERS,
            initial=initial or {},
        )

    def proposal_form(self, block_id, data=None) -> ProposalForm:
        return ProposalForm(
            data, auto_id=f"blok-{block_id}-voorstel-%s", max_characters=PROPOSAL_LENGTH
        )

    def current_number(self, participation, block_id, statements, own) -> int | None:
        """Which statement shows (1-based): asked for, else the first unanswered."""
        bound = participation.bound_forms.get(block_id)
        if isinstance(bound, StatementForm):
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
        statements = value.statement_options(dialogue, block_id)
        keys = [statement.key for statement in statements]
        own = own_answers(participation.participant, page, keys)
        number = self.current_number(participation, block_id, statements, own)
        current = statements[number - 1] if number else None
        bound = participation.bound_forms.get(block_id)
        form = bound if isinstance(bound, StatementForm) else None
        if form is None and current is not None:
            form = self.new_form(
                value,
                dialogue,
                block_id,
                initial={"statement": current.key, "answer": own.get(current.key)},
                options=statements,
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
            **self.proposal_context(
                value, participation, block_id, bound, len(statements)
            ),
        }

    def proposal_context(
        self, value, participation, block_id, bound, shown: int
    ) -> dict:
        """The form to propose a statement, and one's own proposals still waiting;
        once the list is full, only why there is no form."""
        if not value["proposals"]:
            return {}
        if shown >= MAX_STATEMENTS:
            return {"proposals_full": self.full_message}
        waiting = []
        if participation.participant is not None:
            waiting = list(
                proposals(participation.dialogue, block_id)
                .filter(
                    participant=participation.participant,
                    status=ContributionStatus.PENDING,
                )
                .values_list("text", flat=True)[:MAX_STATEMENTS]
            )
        form = bound if isinstance(bound, ProposalForm) else None
        return {
            "proposal_form": form or self.proposal_form(block_id),
            "proposing": ProposalForm.PROPOSING,
            "own_waiting_proposals": waiting,
        }

    def receive(self, page, participant, block_id, value, form) -> Received | None:
        anchor = f"blok-{block_id}"
        if isinstance(form, ProposalForm):
            shown = value.statement_options(page.dialogue_page(), block_id)
            if len(shown) >= MAX_STATEMENTS:
                form.add_error("text", self.full_message)
                return None
            proposal = services.create_contribution(
                participant,
                page,
                block_id,
                form.cleaned_data["text"],
                kind=ContributionKind.STATEMENT,
            )
            published = proposal.status == ContributionStatus.PUBLISHED
            return Received(
                f"{anchor}-voorstel",
                self.proposed_message if published else self.proposal_waits_message,
            )
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
