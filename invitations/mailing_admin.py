"""The mailings screen: write, check, send, follow. Actions call mailings.py."""

from django.contrib import admin
from django.forms import CheckboxSelectMultiple
from django.urls import re_path
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail_modeladmin.helpers import ButtonHelper, PermissionHelper
from wagtail_modeladmin.views import CreateView

from cms.modeladmin import LenientModelAdmin

from . import mailings
from .mailing_forms import MailingForm
from .mailing_views import MailingProgressView, SendMailingView
from .models import Mailing


class MailingPermissionHelper(PermissionHelper):
    """A sent mailing is a record of what went out: it is no longer changed."""

    def user_can_edit_obj(self, user, obj):
        return not obj.queued_at and super().user_can_edit_obj(user, obj)

    def user_can_delete_obj(self, user, obj):
        return not obj.queued_at and super().user_can_delete_obj(user, obj)


class MailingButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, **kwargs):
        buttons = super().get_buttons_for_obj(
            obj, exclude=exclude, classnames_add=classnames_add, **kwargs
        )
        action, label = (
            ("progress", "Voortgang")
            if obj.queued_at
            else (
                "send",
                "Controleren en versturen",
            )
        )
        buttons.append(
            {
                "url": self.url_helper.get_action_url(action, obj.pk),
                "label": label,
                "classname": self.finalise_classname(["button-secondary"]),
                "title": f"{label}: {obj.subject}",
            }
        )
        return buttons


class PrefilledCreateView(CreateView):
    """A new mailing may come filled in: "Stuur herinnering" on the dashboard."""

    def get_initial(self):
        return {**super().get_initial(), **mailings.prefilled(self.request.GET)}


class MailingAdmin(LenientModelAdmin):
    model = Mailing
    menu_label = "Mailings"
    menu_icon = "mail"
    list_display = ("subject", "kind", "dialogue", "delivery")
    list_filter = ("dialogue", "kind")
    create_view_class = PrefilledCreateView
    permission_helper_class = MailingPermissionHelper
    button_helper_class = MailingButtonHelper
    edit_handler = ObjectList(
        [
            FieldPanel("dialogue"),
            FieldPanel("kind"),
            FieldPanel("subject"),
            FieldPanel("body"),
            MultiFieldPanel(
                [
                    FieldPanel("audience"),
                    FieldPanel("roles"),
                    FieldPanel("provinces", widget=CheckboxSelectMultiple),
                    FieldPanel("networks", widget=CheckboxSelectMultiple),
                    FieldPanel("size_classes"),
                    FieldPanel("invitation_round"),
                    FieldPanel("not_mailed_for_days"),
                ],
                heading="Ontvangers",
            ),
            FieldPanel("send_at"),
        ],
        base_form_class=MailingForm,
    )

    @admin.display(description="verzending")
    def delivery(self, obj):
        return mailings.summary(obj)

    def send_view(self, request, instance_pk):
        return self.instance_view(request, instance_pk, view_class=SendMailingView)

    def progress_view(self, request, instance_pk):
        return self.instance_view(request, instance_pk, view_class=MailingProgressView)

    def get_admin_urls_for_registration(self):
        return (
            *super().get_admin_urls_for_registration(),
            *(
                re_path(
                    self.url_helper.get_action_url_pattern(action),
                    view,
                    name=self.url_helper.get_action_url_name(action),
                )
                for action, view in (
                    ("send", self.send_view),
                    ("progress", self.progress_view),
                )
            ),
        )
