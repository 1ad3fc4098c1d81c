"""The sub-routes of a phase page that receive what participants post.

The flow for every POST: find the block (404 if absent) → check on the server
that the phase accepts contributions now → validate with a form → call a
service → redirect to what changed (POST-redirect-GET), with the message placed
beside it (cms/templatetags/feedback.py). Invalid input re-renders the page with
the bound form on the same block.
"""

from functools import cache

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from invitations.forms_rendering import posted_data
from moderation import services as moderation
from moderation.forms import FacilitatorReplyForm
from moderation.permissions import MODERATE_PERMISSION

from . import services, session
from .blocks.base import ParticipationBlock
from .forms import ConfirmForm, EditForm, FlagForm, ReactionForm
from .models import Contribution, ContributionStatus

# Reactions, support and edits on a step that is not open; a block's own POST
# says it in the block's words (closed_message).
CLOSED = ParticipationBlock.closed_message
NOT_A_PARTICIPANT = "Doe eerst mee aan de dialoog om bij te dragen."
# The page beside this message says whom to ask (includes/blocked_notice.html).
BLOCKED = (
    "U kunt in deze dialoog niet meer meedoen: een gespreksleider heeft uw "
    "deelname stopgezet."
)
# Edit and withdraw links from 'Mijn bijdragen' carry this, to return there.
RETURN_PARAMETER = "terug"
RETURN_TO_OWN_LIST = "mijn-bijdragen"


def contribution_anchor(contribution: Contribution) -> str:
    return f"bijdrage-{contribution.pk}"


# The routes that act on one contribution, linked from every item a page lists.
ITEM_ROUTES = (
    "react",
    "support",
    "withdraw_support",
    "edit",
    "withdraw",
    "flag",
    "facilitator_reply",
)
PK_MARK = "0123456789"


@cache
def item_subpaths(page_class) -> tuple[tuple[str, str], ...]:
    """Per item route its path below the page, `{pk}` for the id: the same
    for every page of a class, so reversed once per process."""
    resolver = page_class.get_resolver()
    return tuple(
        (name, resolver.reverse(name, PK_MARK).replace(PK_MARK, "{pk}"))
        for name in ITEM_ROUTES
    )


class ContributionRoutesMixin(RoutablePageMixin):
    def item_url_patterns(self) -> dict[str, str]:
        """Each item route's address with `{pk}` for the contribution's id.

        Reversed once per page rather than once per link: a page lists dozens
        of items with several links each.
        """
        base = self.url
        return {name: base + path for name, path in item_subpaths(type(self))}

    def participation_block(self, block_id: str):
        """The block of this page that takes input, by its UUID (404 if none)."""
        for child in self.body:
            if child.id == block_id and getattr(child.block, "accepts_input", False):
                return child
        raise Http404("Dit blok bestaat niet (meer) op deze pagina.")

    def anchor_url(self, block_id: str) -> str:
        return f"{self.url}#blok-{block_id}"

    def back_to(self, request, anchor: str) -> str:
        """The page as the participant was viewing it (sorting, 'meer tonen'),
        at the anchor; or 'Mijn bijdragen' when the change started there."""
        if request.GET.get(RETURN_PARAMETER) == RETURN_TO_OWN_LIST:
            dialogue = self.dialogue_page()
            own_list = dialogue.reverse_subpage("my_contributions")
            return f"{dialogue.url}{own_list}#{anchor}"
        query = request.GET.urlencode()
        return f"{self.url}{'?' + query if query else ''}#{anchor}"

    def done(self, request, anchor: str, message: str):
        """Redirect to what changed, with the message placed beside it."""
        messages.success(request, message, extra_tags=anchor)
        return HttpResponseRedirect(self.back_to(request, anchor))

    def refusal(self, participant, closed: str = CLOSED) -> str | None:
        """Why this request may not change anything now, or None if it may;
        `closed` says it for a step that is not open."""
        if not self.accepts_contributions():
            return closed
        if participant is None:
            return NOT_A_PARTICIPANT
        if participant.is_blocked:
            return BLOCKED
        return None

    def refuse(self, request, block_id: str, reason: str):
        messages.error(request, reason, extra_tags=f"blok-{block_id}")
        return HttpResponseRedirect(self.anchor_url(block_id))

    @path("bijdragen/<uuid:block_id>/", name="contribute")
    def contribute_route(self, request, block_id):
        block_id = str(block_id)
        child = self.participation_block(block_id)
        if request.method != "POST":
            return HttpResponseRedirect(self.anchor_url(block_id))
        participant = session.participant_for(request, self.dialogue_page())
        reason = self.refusal(participant, child.block.closed_message)
        if reason:
            return self.refuse(request, block_id, reason)
        form = child.block.new_form(
            child.value, self.dialogue_page(), block_id, request.POST
        )
        if not form.is_valid():
            return self.render(request, bound_forms={block_id: form})
        received = child.block.receive(self, participant, block_id, child.value, form)
        if received is None:  # refused after all: the errors are on the form
            return self.render(request, bound_forms={block_id: form})
        messages.success(request, received.message, extra_tags=received.anchor)
        return HttpResponseRedirect(f"{self.url}#{received.anchor}")

    def published_contribution(self, contribution_id: int) -> Contribution:
        """A published contribution on this page: what others may react to or back."""
        return get_object_or_404(
            Contribution.objects.select_related("parent"),
            pk=contribution_id,
            phase=self,
            status=ContributionStatus.PUBLISHED,
        )

    @path("bijdrage/<int:contribution_id>/reageren/", name="react")
    def react_route(self, request, contribution_id):
        parent = self.published_contribution(contribution_id)
        block_id = str(parent.block_id)
        child = self.participation_block(block_id)
        if request.method != "POST":
            return HttpResponseRedirect(self.anchor_url(block_id))
        participant = session.participant_for(request, self.dialogue_page())
        reason = self.refusal(participant) or services.reaction_refusal(
            parent, child.value
        )
        if reason:
            return self.refuse(request, block_id, reason)
        form = ReactionForm(
            request.POST,
            auto_id=f"reactie-{parent.pk}-%s",
            max_characters=child.value["max_length"],
        )
        if not form.is_valid():
            return self.render(request, bound_forms={f"reactie-{parent.pk}": form})
        reaction = services.create_reaction(
            participant, parent, form.cleaned_data["text"]
        )
        return self.done(
            request, contribution_anchor(reaction), services.posted_message(reaction)
        )

    @path("bijdrage/<int:contribution_id>/steun/", name="support")
    def support_route(self, request, contribution_id):
        return self.support_action(request, contribution_id, withdraw=False)

    @path("bijdrage/<int:contribution_id>/steun-intrekken/", name="withdraw_support")
    def withdraw_support_route(self, request, contribution_id):
        return self.support_action(request, contribution_id, withdraw=True)

    def support_action(self, request, contribution_id: int, withdraw: bool):
        """Support or withdraw it: each its own action, so pressing twice is once."""
        contribution = self.published_contribution(contribution_id)
        block_id = str(contribution.block_id)
        if request.method != "POST" or not ConfirmForm(request.POST).is_valid():
            return HttpResponseRedirect(self.anchor_url(block_id))
        participant = session.participant_for(request, self.dialogue_page())
        reason = self.refusal(participant) or services.support_refusal(
            participant, contribution
        )
        if reason:
            return self.refuse(request, block_id, reason)
        if withdraw:
            services.withdraw_support(participant, contribution)
            message = "Uw steun is ingetrokken."
        else:
            try:
                services.support(participant, contribution)
            except services.SupportRefused as refused:
                return self.refuse(request, block_id, str(refused))
            message = "U steunt deze bijdrage."
        return self.done(request, contribution_anchor(contribution), message)

    def own_contribution(self, request, contribution_id: int):
        participant = session.participant_for(request, self.dialogue_page())
        if participant is None:
            raise Http404
        contribution = get_object_or_404(
            Contribution, pk=contribution_id, phase=self, participant=participant
        )
        return participant, contribution

    @path("bijdrage/<int:contribution_id>/bewerken/", name="edit")
    def edit_route(self, request, contribution_id):
        participant, contribution = self.own_contribution(request, contribution_id)
        block_id = str(contribution.block_id)
        child = self.participation_block(block_id)
        reason = self.refusal(participant) or services.edit_refusal(contribution)
        if reason:
            return self.refuse(request, block_id, reason)
        form = EditForm(
            posted_data(request),
            max_characters=child.value["max_length"],
            initial={"text": contribution.text},
        )
        anchor = contribution_anchor(contribution)
        if request.method == "POST" and form.is_valid():
            was_rejected = contribution.status == ContributionStatus.REJECTED
            services.edit_contribution(contribution, form.cleaned_data["text"])
            message = services.edited_message(contribution, was_rejected)
            return self.done(request, anchor, message)
        return self.render(
            request,
            template="dialogue_blocks/edit_contribution.html",
            context_overrides={
                "form": form,
                "contribution": contribution,
                "back_url": self.back_to(request, anchor),
            },
        )

    @path("bijdrage/<int:contribution_id>/intrekken/", name="withdraw")
    def withdraw_route(self, request, contribution_id):
        participant, contribution = self.own_contribution(request, contribution_id)
        block_id = str(contribution.block_id)
        reason = self.refusal(participant) or services.edit_refusal(contribution)
        if reason:
            return self.refuse(request, block_id, reason)
        anchor = contribution_anchor(contribution)
        if request.method == "POST" and ConfirmForm(request.POST).is_valid():
            services.withdraw_contribution(contribution)
            if request.GET.get(RETURN_PARAMETER) != RETURN_TO_OWN_LIST:
                anchor = f"blok-{block_id}"  # gone from the page: tell its block
            return self.done(request, anchor, "Uw bijdrage is ingetrokken.")
        return self.render(
            request,
            template="dialogue_blocks/withdraw_contribution.html",
            context_overrides={
                "contribution": contribution,
                "back_url": self.back_to(request, anchor),
            },
        )

    @path("bijdrage/<int:contribution_id>/melden/", name="flag")
    def flag_route(self, request, contribution_id):
        contribution = get_object_or_404(
            Contribution,
            pk=contribution_id,
            phase=self,
            status=ContributionStatus.PUBLISHED,
        )
        participant = session.participant_for(request, self.dialogue_page())
        if participant is None or participant.is_blocked:
            return self.refuse(request, str(contribution.block_id), NOT_A_PARTICIPANT)
        form = FlagForm(posted_data(request))
        if request.method == "POST" and form.is_valid():
            moderation.flag(
                contribution,
                participant,
                form.cleaned_data["reason"],
                form.cleaned_data["note"],
            )
            return self.done(
                request,
                contribution_anchor(contribution),
                "Dank u voor uw melding. Een moderator kijkt ernaar.",
            )
        return self.render(
            request,
            template="dialogue_blocks/flag_contribution.html",
            context_overrides={"form": form, "contribution": contribution},
        )

    @path("bijdrage/<int:contribution_id>/gespreksleider/", name="facilitator_reply")
    def facilitator_reply_route(self, request, contribution_id):
        """Staff signed in to the admin reply on the page itself."""
        if not request.user.has_perm(MODERATE_PERMISSION):
            raise Http404
        parent = get_object_or_404(
            Contribution,
            pk=contribution_id,
            phase=self,
            parent__isnull=True,
            status=ContributionStatus.PUBLISHED,
        )
        profile = getattr(request.user, "facilitator", None)
        form = FacilitatorReplyForm(
            posted_data(request),
            auto_id=f"gespreksleider-{parent.pk}-%s",
            initial={"display_name": profile.display_name if profile else ""},
        )
        if request.method == "POST" and form.is_valid():
            moderation.save_display_name(
                request.user, form.cleaned_data["display_name"]
            )
            anchor = contribution_anchor(parent)
            try:
                moderation.facilitator_reply(
                    parent, request.user, form.cleaned_data["text"]
                )
            except moderation.ActionRefused as refused:
                messages.error(request, str(refused), extra_tags=anchor)
                return HttpResponseRedirect(self.back_to(request, anchor))
            return self.done(
                request, anchor, "Uw reactie als gespreksleider staat op de pagina."
            )
        return self.render(
            request,
            template="dialogue_blocks/facilitator_reply.html",
            context_overrides={"form": form, "contribution": parent},
        )
