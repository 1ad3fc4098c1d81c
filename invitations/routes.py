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
from dialogue_blocks.own_contributions import own_contributions
from dialogue_blocks.services import participant_data

from . import services
from .forms import ConfirmJoinForm, EraseForm, LostLinkForm, SignUpForm
from .forms_rendering import posted_data
from .throttling import TOO_MANY_REQUESTS, note_link_request, session_may_request_link

# The link a visitor opened and has yet to confirm; gone once it is used.
JOIN_LINK_KEY = "join_link"
# The sign-up section: its messages are shown there (cms/templatetags/feedback.py).
JOIN_ANCHOR = "doe-mee"
SEALED_MESSAGE = "Deze dialoog is afgesloten; meedoen kan niet meer."


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
        elif not session_may_request_link(request):
            form.add_error(None, TOO_MANY_REQUESTS)
        if not form.is_valid():
            return self.render(request, context_overrides={"sign_up_form": form})
        note_link_request(request)
        services.sign_up(
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

    @path("deelnemen/<str:token>/", name="join")
    def join_route(self, request, token):
        """The e-mailed link: remember it in the session and move it off the URL.

        What follows (the confirmation, or why the link no longer works) lives
        at a plain address, so the token is in no history, log or Referer, and
        its forms post with normal CSRF checks (a page sent with no-referrer
        makes browsers post with Origin: null, which Django refuses).
        Opening the link uses nothing: mail scanners may open it freely.
        """
        link = services.find_link(self, token)
        if link is None or not link.is_usable() or self.sealed_at:
            next_step = "link_unusable"
        else:
            request.session[JOIN_LINK_KEY] = link.pk
            next_step = "confirm_join"
        return without_referrer(
            HttpResponseRedirect(self.url + self.reverse_subpage(next_step))
        )

    @path("link-werkt-niet/", name="link_unusable")
    def link_unusable_route(self, request):
        return self.link_unusable(request)

    @path("bevestig-deelname/", name="confirm_join")
    def confirm_join_route(self, request):
        link = services.link_by_id(self, request.session.get(JOIN_LINK_KEY))
        if link is None or not link.is_usable() or self.sealed_at:
            return self.link_unusable(request)
        record = link.record
        form = ConfirmJoinForm(
            posted_data(request),
            initial={"role": record.role, "municipality": record.municipality},
        )
        if form.is_valid():
            request.session.pop(JOIN_LINK_KEY)
            return self.confirm(request, link, form)
        return self.render(
            request,
            template="invitations/join_confirm.html",
            context_overrides={"form": form, "record": record},
        )

    def confirm(self, request, link, form):
        try:
            participant, created = services.confirm_link(
                link, form.cleaned_data["role"], form.cleaned_data["municipality"]
            )
        except services.LinkNotUsable:
            return self.link_unusable(request)
        session.sign_in(request, participant)
        greeting = "Welkom" if created else "Welkom terug"
        messages.success(
            request, f"{greeting}! U doet mee als {participant.description}."
        )
        return HttpResponseRedirect(self.url)

    def link_unusable(self, request):
        response = self.render(
            request,
            template="invitations/link_unusable.html",
            context_overrides={"form": LostLinkForm(), "sealed": bool(self.sealed_at)},
        )
        response.status_code = 410
        return response

    @path("link-kwijt/", name="lost_link")
    def lost_link_route(self, request):
        form = LostLinkForm(posted_data(request))
        if request.method == "POST" and not session_may_request_link(request):
            form.add_error(None, TOO_MANY_REQUESTS)
        if request.method == "POST" and form.is_valid():
            note_link_request(request)
            services.send_lost_link(self, form.cleaned_data["email"])
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
                form.add_error(
                    "email", "Dit is niet het e-mailadres waarmee u meedoet."
                )
            else:
                session.sign_out(request)
                messages.success(
                    request, "Uw gegevens zijn verwijderd. U doet niet meer mee."
                )
                return HttpResponseRedirect(self.url)
        return self.render(
            request,
            template="invitations/my_data.html",
            context_overrides={"form": form, "data": participant_data(participant)},
        )

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
        if request.method == "POST":
            session.sign_out(request)
            messages.success(request, "U bent afgemeld op dit apparaat.")
        return HttpResponseRedirect(self.url)
