"""Admin registration only: the queue, the flags list, the dashboard panel and the
audit vocabulary. Every action is a function in moderation.services."""

from django.contrib import admin
from django.contrib.admin import SimpleListFilter
from django.db.models import Case, Count, IntegerField, Prefetch, Q, Value, When
from django.urls import path, re_path, reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.text import Truncator
from wagtail import hooks
from wagtail_modeladmin.helpers import ButtonHelper, PermissionHelper
from wagtail_modeladmin.options import ModelAdminGroup, modeladmin_register

from cms.modeladmin import LenientModelAdmin, parsed_pk
from cms.models import DialoguePage
from dialogue_blocks.models import (
    Contribution,
    ContributionStatus,
    Flag,
    FlaggedContribution,
    kind_label,
    moderated_text,
)

from . import admin_views
from .dashboard import QueueHealthPanel
from .permissions import MODERATE_PERMISSION

ACTIONS = {
    "approve": admin_views.ApproveView,
    "reject": admin_views.RejectView,
    "hide": admin_views.HideView,
    "restore": admin_views.RestoreView,
    "resolve_flags": admin_views.ResolveFlagsView,
    "block": admin_views.BlockParticipantView,
    "unblock": admin_views.UnblockParticipantView,
    "reply": admin_views.ReplyView,
}


class DialogueFilter(SimpleListFilter):
    title = "dialoog"
    parameter_name = "dialoog"

    def lookups(self, request, model_admin):
        return [(page.pk, page.title) for page in DialoguePage.objects.all()]

    def queryset(self, request, queryset):
        pk = parsed_pk(DialoguePage, self.value())
        dialogue = DialoguePage.objects.filter(pk=pk).first() if pk else None
        if dialogue is None:
            return queryset
        return queryset.filter(phase__path__startswith=dialogue.path)


class KindFilter(SimpleListFilter):
    """The kinds that occur: the built-in ones and those editors named."""

    title = "soort"
    parameter_name = "kind__exact"

    def lookups(self, request, model_admin):
        kinds = Contribution.objects.order_by().values_list("kind", flat=True)
        return [(kind, kind_label(kind)) for kind in sorted(kinds.distinct())]

    def queryset(self, request, queryset):
        return queryset.filter(kind=self.value()) if self.value() else queryset


class ModerationPermissionHelper(PermissionHelper):
    """Moderators act through the queue's actions; nobody edits or deletes text."""

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class InspectOnlyButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, exclude=None, **kwargs):
        if "inspect" in (exclude or ()):
            return []
        return [self.inspect_button(obj.pk, classnames_add=["button-small"])]

    def inspect_button(self, pk, classnames_add=None, classnames_exclude=None):
        button = super().inspect_button(pk, classnames_add, classnames_exclude)
        button["label"] = "Beoordelen"
        return button


class ContributionQueueAdmin(LenientModelAdmin):
    """Contributions and reactions, waiting ones first and oldest first."""

    model = Contribution
    menu_label = "Wachtrij"
    menu_icon = "tasks"
    list_display = (
        "excerpt",
        "kind_label",
        "phase",
        "status",
        "held_because",
        "waiting",
    )
    list_filter = ("status", DialogueFilter, "phase", "theme", KindFilter)
    search_fields = ("title", "text")
    inspect_view_enabled = True
    inspect_view_class = admin_views.ContributionInspectView
    inspect_template_name = "moderation/admin/inspect.html"
    index_template_name = "moderation/admin/index.html"
    permission_helper_class = ModerationPermissionHelper
    button_helper_class = InspectOnlyButtonHelper
    list_per_page = 50

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("phase")

    def get_ordering(self, request):
        waiting_first = Case(
            When(status=ContributionStatus.PENDING, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        return [waiting_first.asc(), "created_at"]

    @admin.display(description="Tekst")
    def excerpt(self, obj):
        prefix = "↳ " if obj.parent_id else ""
        return prefix + Truncator(moderated_text(obj.title, obj.text)).chars(90)

    @admin.display(description="Soort")
    def kind_label(self, obj):
        return obj.kind_label

    @admin.display(description="Vastgehouden omdat")
    def held_because(self, obj):
        return obj.hold_reason or ""

    @admin.display(description="Wacht / geplaatst")
    def waiting(self, obj):
        if obj.status != ContributionStatus.PENDING:
            return format_html("{}", obj.created_at.strftime("%d-%m-%Y"))
        hours = (timezone.now() - obj.created_at).total_seconds() / 3600
        return f"{number_format(hours, decimal_pos=1)} uur"

    def action_view(self, action):
        def view(request, instance_pk):
            return self.instance_view(request, instance_pk, view_class=ACTIONS[action])

        return view

    def get_admin_urls_for_registration(self):
        urls = [
            re_path(
                self.url_helper.get_action_url_pattern(action),
                self.action_view(action),
                name=self.url_helper.get_action_url_name(action),
            )
            for action in ACTIONS
        ]
        urls.append(
            path(
                "dialogue_blocks/contribution/bulk/",
                lambda request: admin_views.bulk_moderation(request, self),
                name="moderation_bulk",
            )
        )
        return (*super().get_admin_urls_for_registration(), *urls)


class ReviewInQueueButtonHelper(ButtonHelper):
    """A reported contribution is reviewed on the queue's own page for it."""

    def get_buttons_for_obj(self, obj, exclude=None, **kwargs):
        return [
            {
                "url": reverse(
                    "dialogue_blocks_contribution_modeladmin_inspect", args=[obj.pk]
                ),
                "label": "Beoordelen",
                "classname": self.finalise_classname(["button-small"]),
                "title": "Bekijk de bijdrage met haar meldingen",
            }
        ]


class FlagsAdmin(ContributionQueueAdmin):
    """Reported contributions, each once, with how many open reports they have."""

    model = FlaggedContribution
    menu_label = "Meldingen"
    menu_icon = "warning"
    list_display = ("excerpt", "status", "open_flags", "flag_reasons")
    list_filter = ("status", DialogueFilter)
    inspect_view_enabled = False
    index_template_name = "modeladmin/index.html"
    button_helper_class = ReviewInQueueButtonHelper

    def get_queryset(self, request):
        open_flags = Count("flags", filter=Q(flags__resolved_at__isnull=True))
        return (
            FlaggedContribution.objects.annotate(open_flag_count=open_flags)
            .filter(open_flag_count__gt=0)
            .select_related("phase")
            .prefetch_related(
                Prefetch(
                    "flags",
                    queryset=Flag.objects.filter(resolved_at__isnull=True),
                    to_attr="open_flag_list",
                )
            )
            .order_by("-open_flag_count", "created_at")
        )

    def get_ordering(self, request):
        return ["-open_flag_count", "created_at"]

    def get_admin_urls_for_registration(self):
        return LenientModelAdmin.get_admin_urls_for_registration(self)

    @admin.display(description="Open meldingen")
    def open_flags(self, obj):
        return obj.open_flag_count

    @admin.display(description="Redenen")
    def flag_reasons(self, obj):
        reasons = {flag.get_reason_display() for flag in obj.open_flag_list}
        return ", ".join(sorted(reasons))


@modeladmin_register
class ModerationGroup(ModelAdminGroup):
    menu_label = "Moderatie"
    menu_icon = "warning"
    menu_order = 200
    items = (ContributionQueueAdmin, FlagsAdmin)


@hooks.register("construct_homepage_panels")
def add_queue_health_panel(request, panels):
    if request.user.has_perm(MODERATE_PERMISSION):
        panels.insert(0, QueueHealthPanel())


@hooks.register("register_log_actions")
def register_moderation_log_actions(actions):
    for action, label in (
        ("moderation.approve", "Goedgekeurd"),
        ("moderation.reject", "Afgewezen"),
        ("moderation.hide", "Verborgen"),
        ("moderation.restore", "Teruggezet"),
        ("moderation.resolve_flags", "Meldingen afgehandeld"),
        ("moderation.block", "Deelnemer geblokkeerd"),
        ("moderation.unblock", "Blokkade van de deelnemer opgeheven"),
        ("contribution.edit", "Tekst gewijzigd door de deelnemer"),
        ("moderation.reply", "Gespreksleider reageerde"),
    ):
        actions.register_action(action, label, label)
