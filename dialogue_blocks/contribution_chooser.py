"""A chooser of published contributions, for an editor who picks a dot vote's
options one by one ("Stippen verdelen" over chosen contributions).

It lists the text and nothing of its author, most supported first, only
published top-level contributions that still have an author's pseudonym:
what a participant can read on the site anyway. Choosing needs admin access,
as every chooser does; it changes nothing.
"""

from wagtail.admin.viewsets.chooser import ChooserViewSet

from .models import Contribution, ContributionStatus


class ContributionChooserViewSet(ChooserViewSet):
    model = Contribution
    icon = "openquote"
    choose_one_text = "Kies een bijdrage"
    choose_another_text = "Kies een andere bijdrage"
    page_title = "Kies een gepubliceerde bijdrage"
    per_page = 25

    def get_object_list(self):
        return Contribution.objects.filter(
            status=ContributionStatus.PUBLISHED,
            parent=None,
            participant__isnull=False,
        ).order_by("-support_count", "-pk")


contribution_chooser = ContributionChooserViewSet("bijdrage_kiezen")
ContributionChooserBlock = contribution_chooser.get_block_class(
    name="ContributionChooserBlock",
    module_path="dialogue_blocks.contribution_chooser",
)
