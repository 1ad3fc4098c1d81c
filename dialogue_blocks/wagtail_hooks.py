"""Admin registration only; every action calls dialogue_blocks.services."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Theme


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
