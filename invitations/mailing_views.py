"""Admin views of a mailing: check and send it, then follow its delivery."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from wagtail_modeladmin.views import InstanceSpecificView

from . import mailings
from .mailing_forms import SendMailingForm, TestMailForm

TEST = "testmail"
RECIPIENTS_PER_PAGE = 100


class SendMailingView(InstanceSpecificView):
    """Before sending: how many, the mail as one recipient gets it, a test mail."""

    template_name = "invitations/admin/send_mailing.html"
    page_title = "Mailing versturen"

    def dispatch(self, request, *args, **kwargs):
        if not self.permission_helper.user_can_edit_obj(request.user, self.instance):
            raise PermissionDenied
        if self.instance.queued_at:
            return redirect(
                self.url_helper.get_action_url("progress", self.instance.pk)
            )
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return self.page(TestMailForm(initial={"address": request.user.email}))

    def post(self, request, *args, **kwargs):
        if TEST in request.POST:
            return self.test_mail(TestMailForm(request.POST))
        form = SendMailingForm(request.POST)
        if not form.is_valid():
            return self.page(
                TestMailForm(initial={"address": request.user.email}), form
            )
        try:
            count = mailings.queue(self.instance)
        except mailings.AlreadyQueued:
            messages.error(request, "Deze mailing is al verstuurd.")
        else:
            messages.success(
                request, f"De mailing staat in de wachtrij voor {count} ontvangers."
            )
        return redirect(self.url_helper.get_action_url("progress", self.instance.pk))

    def test_mail(self, form: TestMailForm):
        if form.is_valid() and self.recipients:
            mailings.send_test_mail(
                self.instance, self.recipients[0], form.cleaned_data["address"]
            )
            messages.success(
                self.request,
                f"De testmail is verstuurd naar {form.cleaned_data['address']}.",
            )
            return redirect(self.request.path)
        return self.page(form)

    @property
    def recipients(self) -> list:
        if not hasattr(self, "_recipients"):
            self._recipients = mailings.recipients(self.instance)
        return self._recipients

    def page(self, test_form, send_form=None):
        sample = None
        if self.recipients:
            first = self.recipients[0]
            sample = mailings.sample(self.instance, first, first.email)
        context = self.get_context_data(
            recipient_count=len(self.recipients),
            sample=sample,
            test_form=test_form,
            send_form=send_form or SendMailingForm(),
            test_name=TEST,
        )
        return TemplateResponse(self.request, self.template_name, context)


class MailingProgressView(InstanceSpecificView):
    """Per status how many, and per recipient what became of the mail."""

    template_name = "invitations/admin/mailing_progress.html"
    page_title = "Voortgang van de mailing"

    def get(self, request, *args, **kwargs):
        deliveries = self.instance.deliveries.select_related(
            "invitee", "sign_up"
        ).order_by("status", "pk")
        page = Paginator(deliveries, RECIPIENTS_PER_PAGE).get_page(request.GET.get("p"))
        context = self.get_context_data(
            counts=mailings.progress(self.instance), deliveries=page
        )
        return TemplateResponse(request, self.template_name, context)
