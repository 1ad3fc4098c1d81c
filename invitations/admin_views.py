"""The admin action that sends one personal invitation."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
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
