"""Admin views of the moderation queue; each action calls moderation.services."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from wagtail.models import ModelLogEntry
from wagtail_modeladmin.views import InspectView, InstanceSpecificView

from dialogue_blocks.models import Contribution, ContributionStatus
from dialogue_blocks.own_contributions import block_of
from invitations.forms_rendering import posted_data

from . import services
from .forms import (
    BlockForm,
    BulkForm,
    ConfirmActionForm,
    FacilitatorReplyForm,
    HideForm,
    RejectForm,
)
from .models import EarlierVersion
from .permissions import MODERATE_PERMISSION
from .versions import word_diff

# The actions on one contribution, in the order the inspect page offers them:
# (action, button label, serious).
ACTION_BUTTONS = (
    ("approve", "Goedkeuren", False),
    ("reject", "Afwijzen", True),
    ("hide", "Verbergen", True),
    ("restore", "Terugzetten", False),
    ("resolve_flags", "Meldingen afhandelen", False),
    ("reply", "Reageer als gespreksleider", False),
    ("block", "Blokkeer deelnemer", True),
    ("unblock", "Hef blokkade op", False),
)


@dataclass
class WaitingRow:
    """A row of the bulk page: the text, and the question or board it answers."""

    contribution: Contribution
    block_label: str  # "Open vraag", "Ideeën en zorgen"
    block_heading: str


def waiting_rows(contributions) -> list[WaitingRow]:
    """Each contribution with its block; every step's body is read once."""
    phases = {}
    rows = []
    for contribution in contributions:
        contribution.phase = phases.setdefault(
            contribution.phase_id, contribution.phase
        )
        block = block_of(contribution)
        rows.append(
            WaitingRow(
                contribution,
                block.block.label if block else "",
                block.block.heading_of(block.value) if block else "",
            )
        )
    return rows


class ContributionInspectView(InspectView):
    """The contribution in its context, its reports, history and the actions."""

    def get_context_data(self, **kwargs):
        contribution = self.instance
        return super().get_context_data(
            contribution=contribution,
            source_block=block_of(contribution),
            reactions=contribution.reactions.order_by("created_at"),
            flags=contribution.flags.order_by("created_at"),
            history=ModelLogEntry.objects.for_instance(contribution).select_related(
                "user"
            ),
            actions=self.available_actions(),
            **self.change_context(),
            withdrawn_notice=services.WITHDRAWN_REFUSAL
            if contribution.status == ContributionStatus.WITHDRAWN
            else "",
            **kwargs,
        )

    def change_context(self) -> dict:
        """The text before the author's change and the change, if they changed it."""
        earlier = EarlierVersion.objects.filter(contribution=self.instance).first()
        if earlier is None:
            return {}
        return {
            "earlier": earlier,
            "change": word_diff(earlier.text, self.instance.text),
        }

    def available_actions(self) -> list[dict]:
        """The actions services.action_refusal allows in the current state."""
        contribution = self.instance
        return [
            {
                "url": self.url_helper.get_action_url(action, contribution.pk),
                "label": label,
                "serious": serious,
            }
            for action, label, serious in ACTION_BUTTONS
            if services.action_refusal(action, contribution) is None
        ]


class ContributionActionView(InstanceSpecificView):
    """GET asks for confirmation (or the form); POST performs the action."""

    form_class = ConfirmActionForm
    template_name = "moderation/admin/action.html"
    action = ""
    title = ""
    button_label = ""
    done_message = ""

    def check_action_permitted(self, user) -> bool:
        return user.has_perm(MODERATE_PERMISSION)

    def dispatch(self, request, *args, **kwargs):
        if not self.check_action_permitted(request.user):
            raise PermissionDenied
        refusal = services.action_refusal(self.action, self.instance)
        if refusal:
            return self.refuse(refusal)
        return super().dispatch(request, *args, **kwargs)

    def refuse(self, reason: str):
        messages.error(self.request, reason)
        return redirect(self.inspect_url())

    def inspect_url(self) -> str:
        return self.url_helper.get_action_url("inspect", self.instance.pk)

    def get_page_title(self):
        return self.title

    def get_form(self):
        return self.form_class(posted_data(self.request), **self.form_kwargs())

    def form_kwargs(self) -> dict:
        return {}

    def get(self, request, *args, **kwargs):
        return self.render(self.get_form())

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if not form.is_valid():
            return self.render(form)
        try:
            self.perform(form)
        except services.ActionRefused as refused:  # the state changed meanwhile
            return self.refuse(str(refused))
        messages.success(request, self.done_message)
        return redirect(self.inspect_url())

    def render(self, form):
        return TemplateResponse(
            self.request,
            self.template_name,
            {"view": self, "form": form, "contribution": self.instance}
            | self.context(),
        )

    def context(self) -> dict:
        """What this action's page shows beside the form."""
        return {}

    def perform(self, form) -> None:
        raise NotImplementedError


class ApproveView(ContributionActionView):
    action = "approve"
    title = "Goedkeuren"
    button_label = "Keur goed en publiceer"
    done_message = "De bijdrage is goedgekeurd en staat op de pagina."

    def perform(self, form):
        services.approve(self.instance, self.request.user)


class RejectView(ContributionActionView):
    form_class = RejectForm
    action = "reject"
    title = "Afwijzen"
    button_label = "Wijs af"
    done_message = "De bijdrage is afgewezen; de deelnemer ziet de reden."

    def perform(self, form):
        services.reject(
            self.instance,
            self.request.user,
            form.cleaned_data["reason"],
            form.cleaned_data["note"],
        )


class HideView(ContributionActionView):
    form_class = HideForm
    action = "hide"
    title = "Verbergen"
    button_label = "Verberg van de pagina"
    done_message = "De bijdrage is verborgen."

    def perform(self, form):
        services.hide(self.instance, self.request.user, form.cleaned_data["reason"])


class RestoreView(ContributionActionView):
    action = "restore"
    title = "Terugzetten"
    button_label = "Zet terug op de pagina"
    done_message = "De bijdrage staat weer op de pagina."

    def perform(self, form):
        services.restore(self.instance, self.request.user)


class ResolveFlagsView(ContributionActionView):
    action = "resolve_flags"
    title = "Meldingen afhandelen"
    button_label = "Meldingen terecht afgehandeld, bijdrage blijft staan"
    done_message = "De meldingen zijn afgehandeld."

    def perform(self, form):
        services.resolve_flags(self.instance, self.request.user)


class BlockParticipantView(ContributionActionView):
    """A warning first: what blocking does, and a reason for the log."""

    form_class = BlockForm
    template_name = "moderation/admin/block.html"
    action = "block"
    title = "Deelnemer blokkeren"
    button_label = "Blokkeer deze deelnemer"
    done_message = "De deelnemer is geblokkeerd; wat nog wachtte is afgewezen."

    def context(self) -> dict:
        return {"waiting": services.waiting_count(self.instance.participant)}

    def perform(self, form):
        services.block_author(
            self.instance,
            self.request.user,
            form.cleaned_data["reason"],
            form.cleaned_data["note"],
        )


class UnblockParticipantView(ContributionActionView):
    template_name = "moderation/admin/unblock.html"
    action = "unblock"
    title = "Blokkade opheffen"
    button_label = "Hef de blokkade op"
    done_message = "De deelnemer kan weer bijdragen."

    def perform(self, form):
        services.unblock_author(self.instance, self.request.user)


class ReplyView(ContributionActionView):
    form_class = FacilitatorReplyForm
    action = "reply"
    title = "Reageren als gespreksleider"
    button_label = "Plaats reactie"
    done_message = "Uw reactie staat op de pagina."

    def form_kwargs(self) -> dict:
        profile = getattr(self.request.user, "facilitator", None)
        return {"initial": {"display_name": profile.display_name if profile else ""}}

    def perform(self, form):
        services.save_display_name(self.request.user, form.cleaned_data["display_name"])
        services.facilitator_reply(
            self.instance, self.request.user, form.cleaned_data["text"]
        )


SELECT_ALL = "alles"


def bulk_moderation(request, model_admin):
    """Approve or reject several waiting contributions at once.

    A chosen contribution that stopped waiting meanwhile (approved by someone
    else, withdrawn by its author) is skipped, and the message says so.
    """
    if not request.user.has_perm(MODERATE_PERMISSION):
        raise PermissionDenied
    waiting = (
        Contribution.objects.filter(status=ContributionStatus.PENDING)
        .select_related("phase", "theme")
        .order_by("created_at")
    )
    # Any contribution validates, so a stale choice is skipped, not an error.
    form = BulkForm(
        posted_data(request), queryset=Contribution.objects.order_by("created_at")
    )
    if request.method == "POST" and form.is_valid():
        chosen = list(form.cleaned_data["selected"])
        if form.cleaned_data["action"] == "approve":
            count, skipped = services.approve_many(chosen, request.user)
            done = f"{count} bijdrage(n) goedgekeurd."
        else:
            count, skipped = services.reject_many(
                chosen, request.user, form.cleaned_data["reason"]
            )
            done = f"{count} bijdrage(n) afgewezen."
        messages.success(request, done)
        if skipped:
            messages.warning(
                request,
                f"{skipped} bijdrage(n) overgeslagen: die wachtten niet meer op "
                "moderatie.",
            )
        return redirect(model_admin.url_helper.index_url)
    return TemplateResponse(
        request,
        "moderation/admin/bulk.html",
        {
            "form": form,
            "rows": waiting_rows(waiting),
            # Without JavaScript, "Alles selecteren" is a link that ticks every box.
            "select_all": request.GET.get(SELECT_ALL) == "1",
            "select_all_parameter": SELECT_ALL,
            "chosen": set(form["selected"].value() or ()) if form.is_bound else set(),
            "index_url": model_admin.url_helper.index_url,
        },
    )
