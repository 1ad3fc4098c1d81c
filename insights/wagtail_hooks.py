"""The Exports page in the Wagtail admin, for whoever may export."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .views import EXPORT_PERMISSION, exports_view


class ExportsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(EXPORT_PERMISSION)


@hooks.register("register_admin_urls")
def register_exports_url():
    return [path("exports/", exports_view, name="insights_exports")]


@hooks.register("register_admin_menu_item")
def register_exports_menu_item():
    return ExportsMenuItem(
        "Exports", reverse("insights_exports"), icon_name="download", order=900
    )
