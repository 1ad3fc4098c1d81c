"""Admin registration only; every action calls dialogue_blocks.services."""

from django import forms
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Network, Theme
from .network_admin import (
    MembershipColumn,
    MembershipStatusPanel,
    NetworkForm,
    networks_with_member_counts,
)


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
