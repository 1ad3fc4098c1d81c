"""The dashboard's reminder to seal a dialogue once its last step has closed."""

from django.apps import apps
from wagtail.admin.ui.components import Component

from .services import SEAL_PERMISSION, dialogues_to_seal


class SealReminderPanel(Component):
    name = "seal_reminder"
    order = 40
    template_name = "invitations/admin/seal_reminder_panel.html"

    def __init__(self, user):
        self.dialogues = (
            dialogues_to_seal(apps.get_model("cms", "DialoguePage").objects.all())
            if user.has_perm(SEAL_PERMISSION)
            else []
        )

    def get_context_data(self, parent_context):
        return {"dialogues": self.dialogues}
