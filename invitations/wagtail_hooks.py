"""Admin screens for the stakeholder register; actions call invitations.services."""

from django.contrib import admin
from django.urls import path, re_path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail_modeladmin.helpers import ButtonHelper, PermissionHelper
from wagtail_modeladmin.options import ModelAdminGroup, modeladmin_register

from cms.modeladmin import LenientModelAdmin

from .admin_forms import InviteeForm
from .admin_views import DecideCorrectionView, SendInvitationView, seal_dialogue_view
from .bulk_admin import register_bulk_view
from .dashboard import SealReminderPanel
from .import_admin import IMPORT_PERMISSION, commit_import_view, import_invitees_view
from .mailing_admin import MailingAdmin
from .models import CorrectionRequest, CorrectionStatus, Invitee, InviteeStatus, SignUp
from .suggestion_admin import add_invitees_view, suggestions_view


class InviteeButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, **kwargs):
        buttons = super().get_buttons_for_obj(
            obj, exclude=exclude, classnames_add=classnames_add, **kwargs
        )
        if obj.status == InviteeStatus.PARTICIPANT:
            return buttons  # takes part already: nothing to invite to
        if self.permission_helper.user_can_edit_obj(self.request.user, obj):
            label = "Opnieuw uitnodigen" if obj.invited_at else "Uitnodiging sturen"
            buttons.append(
                {
                    "url": self.url_helper.get_action_url("send_invitation", obj.pk),
                    "label": label,
                    "classname": self.finalise_classname(["button-secondary"]),
                    "title": f"Stuur {obj.name} een persoonlijke link",
                }
            )
        return buttons


class InviteeAdmin(LenientModelAdmin):
    model = Invitee
    menu_label = "Genodigden"
    menu_icon = "group"
    list_display = ("name", "address", "role", "municipality", "status", "invited_at")
    list_filter = ("dialogue", "status", "role")
    search_fields = ("name", "email", "organisation")
    button_helper_class = InviteeButtonHelper
    edit_handler = ObjectList(
        [
            FieldPanel("dialogue"),
            FieldRowPanel([FieldPanel("name"), FieldPanel("email")]),
            FieldRowPanel([FieldPanel("role"), FieldPanel("municipality")]),
            FieldRowPanel([FieldPanel("organisation"), FieldPanel("invitation_round")]),
        ],
        base_form_class=InviteeForm,
    )
    # Keeps words whole at 1280 px; modeladmin would break them anywhere.
    index_template_name = "invitations/admin/invitee_index.html"

    @admin.display(description="e-mailadres", ordering="email")
    def address(self, obj):
        """The address, allowed to wrap after its @ only."""
        local, at, domain = obj.email.partition("@")
        return format_html("{}{}<wbr>{}", local, at, domain)

    def send_invitation_view(self, request, instance_pk):
        return self.instance_view(request, instance_pk, view_class=SendInvitationView)

    def get_admin_urls_for_registration(self):
        return (
            *super().get_admin_urls_for_registration(),
            re_path(
                self.url_helper.get_action_url_pattern("send_invitation"),
                self.send_invitation_view,
                name=self.url_helper.get_action_url_name("send_invitation"),
            ),
        )


class ReadOnlyPermissionHelper(PermissionHelper):
    """Sign-ups are records of what people did themselves: staff only look."""

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False


class SignUpAdmin(LenientModelAdmin):
    model = SignUp
    permission_helper_class = ReadOnlyPermissionHelper
    menu_label = "Aanmeldingen"
    menu_icon = "user"
    list_display = ("email", "role", "municipality", "source_page", "consented_on")
    list_filter = ("dialogue", "role")
    search_fields = ("email",)
    inspect_view_enabled = True


class CorrectionButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, **kwargs):
        if obj.status != CorrectionStatus.OPEN:
            return []
        return [
            {
                "url": self.url_helper.get_action_url("decide", obj.pk),
                "label": "Beoordelen",
                "classname": self.finalise_classname(["button-secondary"]),
                "title": "Vergelijk met het register en keur goed of af",
            }
        ]


class CorrectionPermissionHelper(PermissionHelper):
    """Requests come from the people themselves; staff only decide on them."""

    def user_can_create(self, user):
        return False


class CorrectionAdmin(LenientModelAdmin):
    model = CorrectionRequest
    menu_label = "Correctieverzoeken"
    menu_icon = "edit"
    list_display = ("person", "registered", "requested", "requested_on", "status")
    list_filter = ("status",)
    button_helper_class = CorrectionButtonHelper
    permission_helper_class = CorrectionPermissionHelper

    @admin.display(description="persoon")
    def person(self, obj):
        record = obj.record
        return getattr(record, "name", "") or record.email

    @admin.display(description="in het register")
    def registered(self, obj):
        return f"{obj.record.get_role_display()}, {obj.record.municipality}"

    @admin.display(description="gevraagd")
    def requested(self, obj):
        return f"{obj.get_role_display()}, {obj.municipality}"

    def decide_view(self, request, instance_pk):
        return self.instance_view(request, instance_pk, view_class=DecideCorrectionView)

    def get_admin_urls_for_registration(self):
        return (
            *super().get_admin_urls_for_registration(),
            re_path(
                self.url_helper.get_action_url_pattern("decide"),
                self.decide_view,
                name=self.url_helper.get_action_url_name("decide"),
            ),
        )


@modeladmin_register
class InvitationsGroup(ModelAdminGroup):
    menu_label = "Uitnodigingen"
    menu_icon = "mail"
    menu_order = 300
    items = (InviteeAdmin, SignUpAdmin, CorrectionAdmin, MailingAdmin)

    def get_submenu_items(self):
        return [
            *super().get_submenu_items(),
            RegisterMenuItem(
                "Importeren",
                reverse("invitations_import"),
                icon_name="upload",
                order=len(self.items) + 1,
            ),
            RegisterMenuItem(
                "Suggesties",
                reverse("invitations_suggestions"),
                icon_name="group",
                order=len(self.items) + 2,
            ),
        ]


class RegisterMenuItem(MenuItem):
    """The register's import and suggestions, for whoever may add invitees."""

    def is_shown(self, request):
        return request.user.has_perm(IMPORT_PERMISSION)


@hooks.register("register_admin_urls")
def register_seal_url():
    return [
        path(
            "dialoog/<int:dialogue_id>/verzegelen/",
            seal_dialogue_view,
            name="seal_dialogue",
        )
    ]


@hooks.register("register_admin_urls")
def register_import_urls():
    return [
        path(
            "genodigden/importeren/",
            import_invitees_view,
            name="invitations_import",
        ),
        path(
            "genodigden/importeren/toevoegen/",
            commit_import_view,
            name="invitations_import_commit",
        ),
        path("genodigden/bulk/", register_bulk_view, name="invitations_bulk"),
        path("suggesties/", suggestions_view, name="invitations_suggestions"),
        path(
            "suggesties/<int:suggestion_id>/toevoegen/",
            add_invitees_view,
            name="invitations_suggestion_add",
        ),
    ]


@hooks.register("construct_homepage_panels")
def add_seal_reminder(request, panels):
    panel = SealReminderPanel(request.user)
    if panel.dialogues:
        panels.insert(0, panel)
