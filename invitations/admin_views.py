"""The admin action that sends one personal invitation."""

from django import forms
from django.apps import apps
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from wagtail_modeladmin.views import InstanceSpecificView

from . import services
from .models import CorrectionStatus


class SendInvitationForm(forms.Form):
    """No fields: the POST itself is the confirmation (and carries the CSRF token)."""


class SendInvitationView(InstanceSpecificView):
    template_name = "invitations/admin/send_invitation.html"
    page_title = "Uitnodiging sturen"

    def check_action_permitted(self, user) -> bool:
        return self.permission_helper.user_can_edit_obj(user, self.instance)

    def dispatch(self, request, *args, **kwargs):
        if not self.check_action_permitted(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        refusal = services.invitation_refusal(self.instance)
        if refusal:
            messages.error(request, refusal)
        elif SendInvitationForm(request.POST).is_valid():
            services.send_invitation(self.instance)
            messages.success(
                request, f"De uitnodiging is verstuurd naar {self.instance.email}."
            )
        return redirect(self.index_url)


class DecideCorrectionForm(forms.Form):
    """Approve or refuse; the POST is the decision (and carries the CSRF token)."""

    decision = forms.ChoiceField(
        choices=[("goedkeuren", "Goedkeuren"), ("afwijzen", "Afwijzen")]
    )


class DecideCorrectionView(InstanceSpecificView):
    """Staff compare the register with the requested role and municipality."""

    template_name = "invitations/admin/decide_correction.html"
    page_title = "Correctieverzoek beoordelen"

    def dispatch(self, request, *args, **kwargs):
        if not self.permission_helper.user_can_edit_obj(request.user, self.instance):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        form = DecideCorrectionForm(request.POST)
        if self.instance.status != CorrectionStatus.OPEN:
            messages.error(request, "Over dit verzoek is al beslist.")
        elif form.is_valid():
            approve = form.cleaned_data["decision"] == "goedkeuren"
            services.decide_correction(self.instance, approve)
            messages.success(
                request,
                "De correctie is doorgevoerd in het register."
                if approve
                else "Het verzoek is afgewezen; het register blijft zoals het was.",
            )
        return redirect(self.index_url)


class SealForm(forms.Form):
    confirm = forms.BooleanField(
        label="Ik begrijp dat verzegelen niet ongedaan kan worden: de "
        "uitnodigingslijst en aanmeldingen worden gewist.",
        error_messages={"required": "Bevestig dat u de dialoog wilt verzegelen."},
    )


def seal_dialogue_view(request, dialogue_id: int):
    """Seal a dialogue after its last step: a confirmed action, for Communicatie."""
    if not request.user.has_perm(services.SEAL_PERMISSION):
        raise PermissionDenied
    dialogue = get_object_or_404(apps.get_model("cms", "DialoguePage"), pk=dialogue_id)
    refusal = services.seal_refusal(dialogue)
    form = SealForm(request.POST if request.method == "POST" else None)
    if refusal is None and form.is_valid():
        services.seal_dialogue(dialogue)
        messages.success(
            request,
            f"‘{dialogue.title}’ is verzegeld. Niemand kan deelnemers nog aan "
            "personen koppelen; de cijfers voor het rapport zijn bewaard.",
        )
        return redirect("wagtailadmin_pages:edit", dialogue.pk)
    return render(
        request,
        "invitations/admin/seal_dialogue.html",
        {"dialogue": dialogue, "refusal": refusal, "form": form},
    )
