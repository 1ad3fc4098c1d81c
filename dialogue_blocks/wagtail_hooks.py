"""Admin registration only; every action calls dialogue_blocks.services."""

from django import forms
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .contribution_chooser import contribution_chooser
from .models import Network, Theme
from .network_admin import (
    MembershipColumn,
    MembershipStatusPanel,
    NetworkForm,
    networks_with_member_counts,
)
from .roadmap_admin import LINK_PERMISSION, roadmap_index_view, roadmap_links_view


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = "Thema's"
    add_to_admin_menu = True
    menu_order = 250
    list_display = ("title", "dialogue", "sort_order")
    list_filter = ("dialogue",)
    search_fields = ("title", "description")


register_snippet(ThemeViewSet)


class NetworkViewSet(SnippetViewSet):
    """Staff keep each network's members, and see which lists are incomplete."""

    model = Network
    icon = "group"
    menu_label = "Netwerken"
    add_to_settings_menu = True
    list_display = ("code", "name", MembershipColumn(), "members_reference_date")
    search_fields = ("code", "name")
    edit_handler = ObjectList(
        [
            MembershipStatusPanel(heading="Ledenlijst"),
            FieldPanel("code"),
            FieldPanel("name"),
            FieldPanel("description"),
            MultiFieldPanel(
                [
                    FieldPanel("expected_member_count"),
                    FieldPanel("members_reference_date"),
                    FieldPanel("members_source"),
                    FieldPanel("add_members"),
                    FieldPanel("members", widget=forms.CheckboxSelectMultiple),
                ],
                heading="Leden",
            ),
        ],
        base_form_class=NetworkForm,
    )

    def get_queryset(self, request):
        return networks_with_member_counts()


register_snippet(NetworkViewSet)


class RoadmapMenuItem(MenuItem):
    """The Routekaart screens, for whoever may link contributions to milestones."""

    def is_shown(self, request):
        return request.user.has_perm(LINK_PERMISSION)


@hooks.register("register_admin_urls")
def register_roadmap_urls():
    return [
        path("routekaart/", roadmap_index_view, name="roadmap_links_index"),
        path(
            "routekaart/<int:phase_id>/<uuid:block_id>/<uuid:milestone_id>/",
            roadmap_links_view,
            name="roadmap_links",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_roadmap_menu_item():
    return RoadmapMenuItem(
        "Routekaart", reverse("roadmap_links_index"), icon_name="list-ol", order=260
    )


@hooks.register("register_admin_viewset")
def register_contribution_chooser():
    return contribution_chooser
