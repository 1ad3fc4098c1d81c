"""The joining flow as sub-routes of the dialogue and landing pages.

Each handler is thin: a form validates, a service acts, and the participant is
redirected (POST-redirect-GET) or sees the form again with its errors.
"""

import json

from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.utils.text import slugify
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from dialogue_blocks import session
from dialogue_blocks.forms import ConfirmForm
from dialogue_blocks.own_contributions import own_contributions
from dialogue_blocks.services import participant_data

from . import services
from .forms import (
    CorrectionForm,
    EraseForm,
    LostLinkForm,
    ParticipantCorrectionForm,
    SignUpForm,
)
from .forms_rendering import posted_data
from .throttling import link_mail_refusal

# The link a visitor opened and has yet to confirm; gone once it is used. It
# names an AccessLink (LINK) or carries an encrypted sign-up (SIGN_UP_LINK).
JOIN_KEY = "opened_link"
LINK, SIGN_UP_LINK = "link", "aanmelding"
# The sign-up section: its messages are shown there (cms/templatetags/feedback.py).
JOIN_ANCHOR = "doe-mee"
SEALED_MESSAGE = "Deze dialoog is afgesloten; meedoen kan niet meer."
ADDRESS_DOES_NOT_MATCH = "Dit is niet het e-mailadres waarmee u meedoet."
CORRECTION_REQUESTED = (
    "Uw verzoek is doorgegeven. De redactie past uw rol of gemeente aan als het "
    "klopt; bij uw deelname is de wijziging na de volgende verwerking te zien."
)
NOT_IN_REGISTER_YET = (
    "Uw aanmelding is nog niet verwerkt. Probeer het over een paar dagen opnieuw."
)


def without_referrer(response):
    """The token is in the URL: never let it leak to another site or a cache."""
    response["Referrer-Policy"] = "no-referrer"
    response["Cache-Control"] = "no-store"
    return response


class SignUpRouteMixin(RoutablePageMixin):
    """Receives the open sign-up form shown on this page."""

    def dialogue_page(self):
        return self.get_parent().specific

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.setdefault("sign_up_form", SignUpForm())
        context["participant"] = session.participant_for(request, self.dialogue_page())
        return context

    @path("aanmelden/", name="sign_up")
    def sign_up_route(self, request):
        if request.method != "POST":
            return HttpResponseRedirect(f"{self.url}#{JOIN_ANCHOR}")
        dialogue = self.dialogue_page()
        form = SignUpForm(request.POST)
        if dialogue.sealed_at:
            form.add_error(None, SEALED_MESSAGE)
        elif form.is_valid():
            refusal = link_mail_refusal(dialogue, form.cleaned_data["email"])
            if refusal:
                form.add_error("email", refusal)
        if not form.is_valid():
            return self.render(request, context_overrides={"sign_up_form": form})
        services.request_sign_up(
            dialogue,
            form.cleaned_data["email"],
            form.cleaned_data["role"],
            form.cleaned_data["municipality"],
            source_page=self,
        )
        # In place of the form, the section then says to look in the mailbox.
        messages.success(
            request,
            f"We hebben een e-mail gestuurd naar {form.cleaned_data['email']} met "
            "een persoonlijke link. Klik op die link om mee te doen.",
            extra_tags=JOIN_ANCHOR,
        )
        return HttpResponseRedirect(f"{self.url}#{JOIN_ANCHOR}")


class JoiningRoutesMixin(SignUpRouteMixin):
    """Joining by link, the lost-link form, and a participant's own pages."""

    def dialogue_page(self):
        return self

    def open_link(self, request, kind: str, value) -> HttpResponseRedirect:
        """Remember an opened link in the session and move it off the URL.

        What follows (the confirmation, or why the link no longer works) lives
        at a plain address, so the token is in no history, log or Referer, and
        its forms post with normal CSRF checks (a page sent with no-referrer
        makes browsers post with Origin: null, which Django refuses).
        Opening a link uses nothing: mail scanners may open it freely.
        """
        request.session[JOIN_KEY] = {"kind": kind, "value": value}
        return without_referrer(
            HttpResponseRedirect(self.url + self.reverse_subpage("confirm_join"))
        )

    def dead_link(self, request) -> HttpResponseRedirect:
        request.session.pop(JOIN_KEY, None)
        if session.participant_for(request, self) is not None:
            # Their own link, used before on this device: nothing is wrong.
            messages.info(request, "U doet al mee. Deze link is al gebruikt.")
            return without_referrer(HttpResponseRedirect(self.url))
        return without_referrer(
            HttpResponseRedirect(self.url + self.reverse_subpage("link_unusable"))
        )

    @path("deelnemen/<str:token>/", name="join")
    def join_route(self, request, token):
        """A personal link to an invitation or a known sign-up."""
        link = services.find_link(self, token)
        if link is None or not link.is_usable() or self.sealed_at:
            return self.dead_link(request)
        return self.open_link(request, LINK, link.pk)

    @path("aanmelding-bevestigen/<str:token>/", name="confirm_sign_up")
    def confirm_sign_up_route(self, request, token):
        """The link that confirms a sign-up: until it is used, nothing is stored."""
        if self.sealed_at or services.sign_up_in_token(self, token) is None:
            return self.dead_link(request)
        return self.open_link(request, SIGN_UP_LINK, token)

    @path("link-werkt-niet/", name="link_unusable")
    def link_unusable_route(self, request):
        return self.link_unusable(request)

    def opened_registration(self, request):
        """The registration behind the link this browser opened, if still usable."""
        opened = request.session.get(JOIN_KEY) or {}
        if self.sealed_at:
            return None
        if opened.get("kind") == LINK:
            link = services.usable_link(self, opened["value"])
            return services.registration_of(link.record) if link else None
        if opened.get("kind") == SIGN_UP_LINK:
            return services.sign_up_in_token(self, opened["value"])
        return None

    @path("bevestig-deelname/", name="confirm_join")
    def confirm_join_route(self, request):
        registration = self.opened_registration(request)
        if registration is None:
            return self.dead_link(request)
        signed_in = session.participant_for(request, self)
        if signed_in is not None and services.is_same_person(registration, signed_in):
            request.session.pop(JOIN_KEY)
            messages.info(request, "U doet al mee op dit apparaat.")
            return HttpResponseRedirect(self.url)
        if request.method == "POST" and ConfirmForm(request.POST).is_valid():
            return self.confirm(request)
        return self.render(
            request,
            template="invitations/join_confirm.html",
            context_overrides={
                "registration": registration,
                "signed_in_as": signed_in,
            },
        )

    def confirm(self, request):
        opened = request.session.pop(JOIN_KEY)
        confirm = (
            services.confirm_link
            if opened["kind"] == LINK
            else services.confirm_sign_up
        )
        try:
            participant, created = confirm(self, opened["value"])
        except services.LinkNotUsable:
            return self.dead_link(request)
        session.sign_in(request, participant)
        greeting = "Welkom" if created else "Welkom terug"
        held_back = (
            " Wat u herkenbaar zou maken, bewaren we niet bij uw deelname; zie "
            "‘Mijn gegevens’."
            if participant.is_generalised
            else ""
        )
        messages.success(
            request, f"{greeting}! U doet mee als {participant.description}.{held_back}"
        )
        return HttpResponseRedirect(self.url)

    @path("correctie-aanvragen/", name="request_correction")
    def request_correction_route(self, request):
        """Before joining: the register's role or municipality is not right."""
        registration = self.opened_registration(request)
        if registration is None or registration.record is None:
            return self.dead_link(request)
        form = CorrectionForm(
            posted_data(request),
            initial={
                "role": registration.role,
                "municipality": registration.municipality,
            },
        )
        if request.method == "POST" and form.is_valid():
            services.request_correction(
                registration.record,
                form.cleaned_data["role"],
                form.cleaned_data["municipality"],
                form.cleaned_data["note"],
            )
            messages.success(request, CORRECTION_REQUESTED)
            return HttpResponseRedirect(self.url + self.reverse_subpage("confirm_join"))
        return self.render(
            request,
            template="invitations/request_correction.html",
            context_overrides={"form": form, "registration": registration},
        )

    def link_unusable(self, request):
        response = self.render(
            request,
            template="invitations/link_unusable.html",
            context_overrides={"sealed": bool(self.sealed_at)},
        )
        response.status_code = 410
        return response

    @path("link-kwijt/", name="lost_link")
    def lost_link_route(self, request):
        form = LostLinkForm(posted_data(request))
        if request.method == "POST" and form.is_valid():
            refusal = link_mail_refusal(self, form.cleaned_data["email"])
            if refusal:
                form.add_error("email", refusal)
        if request.method == "POST" and form.is_valid():
            services.request_lost_link(self, form.cleaned_data["email"])
            return self.render(
                request,
                template="invitations/lost_link_sent.html",
                context_overrides={"email": form.cleaned_data["email"]},
            )
        return self.render(
            request,
            template="invitations/lost_link.html",
            context_overrides={"form": form},
        )

    def participant_or_none(self, request):
        participant = session.participant_for(request, self)
        if participant is None:
            messages.info(
                request,
                "Doe eerst mee aan de dialoog om dit te zien.",
                extra_tags=JOIN_ANCHOR,
            )
        return participant

    @path("mijn-bijdragen/", name="my_contributions")
    def my_contributions_route(self, request):
        participant = self.participant_or_none(request)
        if participant is None:
            return HttpResponseRedirect(f"{self.url}#{JOIN_ANCHOR}")
        return self.render(
            request,
            template="invitations/my_contributions.html",
            context_overrides={"items": own_contributions(participant)},
        )

    @path("mijn-gegevens/", name="my_data")
    def my_data_route(self, request):
        participant = self.participant_or_none(request)
        if participant is None:
            return HttpResponseRedirect(f"{self.url}#{JOIN_ANCHOR}")
        form = EraseForm(posted_data(request))
        if request.method == "POST" and form.is_valid():
            try:
                services.erase_personal_data(
                    participant, form.cleaned_data["email"], form.keep_contributions
                )
            except services.AddressDoesNotMatch:
                form.add_error("email", ADDRESS_DOES_NOT_MATCH)
            else:
                session.forget_dialogue(request, self)
                messages.success(
                    request, "Uw gegevens zijn verwijderd. U doet niet meer mee."
                )
                return HttpResponseRedirect(self.url)
        return self.my_data(request, participant, form, ParticipantCorrectionForm())

    def my_data(self, request, participant, erase_form, correction_form):
        return self.render(
            request,
            template="invitations/my_data.html",
            context_overrides={
                "form": erase_form,
                "correction_form": correction_form,
                "data": participant_data(participant),
            },
        )

    @path("mijn-gegevens/correctie/", name="my_correction")
    def my_correction_route(self, request):
        """After joining: the participant asks staff to correct the register."""
        participant = self.participant_or_none(request)
        if participant is None:
            return HttpResponseRedirect(f"{self.url}#{JOIN_ANCHOR}")
        if request.method != "POST":
            return HttpResponseRedirect(self.url + self.reverse_subpage("my_data"))
        form = ParticipantCorrectionForm(request.POST)
        if form.is_valid():
            try:
                services.request_own_correction(
                    participant,
                    form.cleaned_data["email"],
                    form.cleaned_data["role"],
                    form.cleaned_data["municipality"],
                    form.cleaned_data["note"],
                )
            except services.AddressDoesNotMatch:
                form.add_error("email", ADDRESS_DOES_NOT_MATCH)
            except services.NotInRegisterYet:
                form.add_error(None, NOT_IN_REGISTER_YET)
            else:
                messages.success(request, CORRECTION_REQUESTED)
                return HttpResponseRedirect(self.url + self.reverse_subpage("my_data"))
        return self.my_data(request, participant, EraseForm(), form)

    @path("mijn-gegevens/download/", name="download_my_data")
    def download_route(self, request):
        participant = self.participant_or_none(request)
        if participant is None:
            return HttpResponseRedirect(f"{self.url}#{JOIN_ANCHOR}")
        body = json.dumps(participant_data(participant), ensure_ascii=False, indent=2)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        response["Cache-Control"] = "no-store"
        filename = f"mijn-gegevens-{slugify(self.title)}.json"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    @path("afmelden/", name="sign_out")
    def sign_out_route(self, request):
        participant = session.participant_for(request, self)
        if request.method == "POST" and participant is not None:
            session.sign_out(request, participant)
            messages.success(
                request,
                "U bent uitgelogd, op dit apparaat en op alle andere apparaten "
                "waarop u meedeed.",
            )
        return HttpResponseRedirect(self.url)
