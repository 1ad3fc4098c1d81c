"""Admin screens for the stakeholder register; actions call invitations.services."""

from django.urls import re_path
from wagtail_modeladmin.helpers import ButtonHelper, PermissionHelper
from wagtail_modeladmin.options import ModelAdminGroup, modeladmin_register

from cms.modeladmin import LenientModelAdmin

from .admin_views import SendInvitationView
from .models import Invitee, SignUp


class InviteeButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, **kwargs):
        buttons = super().get_buttons_for_obj(
            obj, exclude=exclude, classnames_add=classnames_add, **kwargs
        )
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
    list_display = ("name", "email", "role", "municipality", "status", "invited_at")
    list_filter = ("dialogue", "status", "role")
    search_fields = ("name", "email", "organisation")
    button_helper_class = InviteeButtonHelper
    form_fields_exclude = ("status", "invited_at", "created_at")

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
    list_display = ("email", "role", "municipality", "source_page", "created_on")
    list_filter = ("dialogue", "role")
    search_fields = ("email",)
    inspect_view_enabled = True


@modeladmin_register
class InvitationsGroup(ModelAdminGroup):
    menu_label = "Uitnodigingen"
    menu_icon = "mail"
    menu_order = 300
    items = (InviteeAdmin, SignUpAdmin)
