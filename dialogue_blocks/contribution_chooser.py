"""A chooser of published contributions, for an editor who picks a dot vote's
options one by one ("Stippen verdelen" over chosen contributions).

It lists the text and nothing of its author, most supported first, only
published top-level contributions: what anyone can read on the site anyway.
Choosing needs admin access, as every chooser does; it changes nothing.
"""

from django import forms
from django.db.models import Q
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.views.generic.chooser import (
    ChooseResultsView,
    ChooseView,
    ChosenMultipleView,
    ChosenView,
)
from wagtail.admin.viewsets.chooser import ChooserViewSet

from .models import Contribution, ContributionStatus


def choosable():
    """What may be chosen, and so read through the chooser: published text."""
    return Contribution.objects.filter(status=ContributionStatus.PUBLISHED, parent=None)


class ContributionSearchForm(BaseFilterForm):
    """Words in the text or the title; contributions are not in Wagtail's index."""

    q = forms.CharField(
        label="Zoek in de tekst",
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "Zoek in de tekst"}),
    )

    def filter(self, objects):
        query = self.cleaned_data.get("q", "").strip()
        if not query:
            return objects
        self.is_searching, self.search_query = True, query
        for word in query.split():
            objects = objects.filter(Q(text__icontains=word) | Q(title__icontains=word))
        return objects


class ChooseContributionView(ChooseView):
    filter_form_class = ContributionSearchForm


class ChooseContributionResultsView(ChooseResultsView):
    filter_form_class = ContributionSearchForm


class ChosenContributionView(ChosenView):
    # Wagtail's own looks up any row by its id: a pending or rejected text too.
    def get_object(self, pk):
        return choosable().get(pk=pk)


class ChosenContributionsView(ChosenMultipleView):
    def get_objects(self, pks):
        return choosable().filter(pk__in=pks)


class ContributionChooserViewSet(ChooserViewSet):
    model = Contribution
    icon = "openquote"
    choose_one_text = "Kies een bijdrage"
    choose_another_text = "Kies een andere bijdrage"
    page_title = "Kies een gepubliceerde bijdrage"
    per_page = 25
    choose_view_class = ChooseContributionView
    choose_results_view_class = ChooseContributionResultsView
    chosen_view_class = ChosenContributionView
    chosen_multiple_view_class = ChosenContributionsView

    def get_object_list(self):
        return choosable().order_by("-support_count", "-pk")


contribution_chooser = ContributionChooserViewSet("bijdrage_kiezen")
ContributionChooserBlock = contribution_chooser.get_block_class(
    name="ContributionChooserBlock",
    module_path="dialogue_blocks.contribution_chooser",
)
