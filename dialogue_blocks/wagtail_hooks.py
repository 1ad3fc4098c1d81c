"""Admin registration only; every action calls dialogue_blocks.services."""

from django import forms
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Network, Theme


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
    """Staff keep each network's members and the date they last checked them."""

    model = Network
    icon = "group"
    menu_label = "Netwerken"
    add_to_settings_menu = True
    list_display = ("code", "name", "members_reference_date")
    search_fields = ("code", "name")
    panels = [
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("members_reference_date"),
        FieldPanel("members", widget=forms.CheckboxSelectMultiple),
    ]


register_snippet(NetworkViewSet)
