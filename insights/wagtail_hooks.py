"""The insights pages in the Wagtail admin: Exports and Deelname."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .dashboard_views import DASHBOARD_PERMISSION, dashboard_view, targets_view
from .views import EXPORT_PERMISSION, exports_view


class PermittedMenuItem(MenuItem):
    """Shown only to whoever the page itself lets in (it checks again)."""

    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_urls")
def register_insights_urls():
    return [
        path("exports/", exports_view, name="insights_exports"),
        path("deelname/", dashboard_view, name="insights_dashboard"),
        path(
            "deelname/<int:dialogue_id>/streefwaarden/<str:dimension>/",
            targets_view,
            name="insights_targets",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_exports_menu_item():
    return PermittedMenuItem(
        "Exports",
        reverse("insights_exports"),
        icon_name="download",
        order=900,
        permission=EXPORT_PERMISSION,
    )


@hooks.register("register_admin_menu_item")
def register_dashboard_menu_item():
    return PermittedMenuItem(
        "Deelname",
        reverse("insights_dashboard"),
        icon_name="group",
        order=890,
        permission=DASHBOARD_PERMISSION,
    )
