"""Admin groups and what each may do.

- "Communicatie" builds and publishes every page, themes and invitations, and
  downloads the exports of published contributions and votes, reads and builds
  the report before it is published, sees the participation dashboard and sets
  its targets (insights);
- "Moderatoren" moderate and reply, see the participation dashboard, and edit
  no page;
- "Afdeling <provincie>" edits and publishes only its own landing pages.
"""

from django.contrib.auth.models import Group, Permission
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
)

from dialogue_blocks.models import Province

COMMUNICATIONS_GROUP = "Communicatie"
MODERATORS_GROUP = "Moderatoren"
# Wagtail's own English groups and review workflow, made by its migrations.
WAGTAIL_GROUPS = ("Moderators", "Editors")
WAGTAIL_WORKFLOW = "Moderators approval"
# Page review is not contribution moderation: it gets a name of its own.
PAGE_REVIEW = "Paginacontrole door Communicatie"

ADMIN_ACCESS = ("wagtailadmin", "access_admin")
COMMUNICATIONS_PERMISSIONS = (
    ADMIN_ACCESS,
    ("dialogue_blocks", "add_theme"),
    ("dialogue_blocks", "change_theme"),
    ("dialogue_blocks", "delete_theme"),
    ("dialogue_blocks", "view_theme"),
    ("dialogue_blocks", "change_network"),
    ("dialogue_blocks", "view_network"),
    ("dialogue_blocks", "add_roadmaplink"),
    ("dialogue_blocks", "delete_roadmaplink"),
    ("dialogue_blocks", "view_roadmaplink"),
    ("invitations", "add_invitee"),
    ("invitations", "change_invitee"),
    ("invitations", "view_invitee"),
    ("invitations", "view_signup"),
    ("invitations", "add_mailing"),
    ("invitations", "change_mailing"),
    ("invitations", "delete_mailing"),
    ("invitations", "view_mailing"),
    ("cms", "change_sitefooter"),
    ("invitations", "seal_dialogue"),
    ("insights", "export_contributions"),
    ("insights", "view_report"),
    ("insights", "view_target"),
    ("insights", "add_target"),
    ("insights", "change_target"),
    ("insights", "delete_target"),
)
MODERATORS_PERMISSIONS = (
    ADMIN_ACCESS,
    ("dialogue_blocks", "view_contribution"),
    ("dialogue_blocks", "change_contribution"),
    ("dialogue_blocks", "view_flaggedcontribution"),
    ("dialogue_blocks", "change_flaggedcontribution"),
    ("moderation", "change_moderationsettings"),
    ("insights", "view_target"),
)
COMMUNICATIONS_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")
DEPARTMENT_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")
COMMUNICATIONS_MEDIA = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
)
DEPARTMENT_MEDIA = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
)


def permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def ensure_group(name: str, permissions) -> Group:
    group, _ = Group.objects.get_or_create(name=name)
    group.permissions.add(*(permission(*pair) for pair in permissions))
    return group


def grant_on_page(group: Group, page: Page, codenames) -> None:
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=permission("wagtailcore", codename)
        )


def grant_on_media(group: Group, pairs) -> None:
    """Image and document rights in the root collection, once it exists."""
    root_collection = Collection.get_first_root_node()
    if root_collection is None:
        return
    for app_label, codename in pairs:
        GroupCollectionPermission.objects.get_or_create(
            group=group,
            collection=root_collection,
            permission=permission(app_label, codename),
        )


def department_group_name(province: Province) -> str:
    return f"Afdeling {province.name}"


def ensure_department_group(province: Province) -> Group:
    group = ensure_group(department_group_name(province), [ADMIN_ACCESS])
    grant_on_media(group, DEPARTMENT_MEDIA)
    return group


def ensure_department_groups() -> None:
    for province in Province.objects.all():
        ensure_department_group(province)


def grant_department_access(landing_page) -> None:
    """Let the page's department edit and publish this page (and nothing else)."""
    group = ensure_department_group(landing_page.province)
    grant_on_page(group, landing_page, DEPARTMENT_PAGE_PERMISSIONS)


def ensure_role_groups() -> None:
    communications = ensure_group(COMMUNICATIONS_GROUP, COMMUNICATIONS_PERMISSIONS)
    ensure_group(MODERATORS_GROUP, MODERATORS_PERMISSIONS)
    root_page = Page.get_first_root_node()
    if root_page is not None:
        grant_on_page(communications, root_page, COMMUNICATIONS_PAGE_PERMISSIONS)
    grant_on_media(communications, COMMUNICATIONS_MEDIA)
    replace_wagtail_defaults(communications)


def replace_wagtail_defaults(communications: Group) -> None:
    """One language and one set of groups in the admin.

    Beside "Moderatoren" and "Communicatie", Wagtail's "Moderators" and
    "Editors" let an administrator put someone in the wrong group (a moderator
    there gets no moderation mail), and its publish menu offered "Stuur door
    naar Moderators approval". Page review goes to Communicatie, under a Dutch
    name that no one mistakes for moderating contributions.
    """
    for review in GroupApprovalTask.objects.filter(groups__name__in=WAGTAIL_GROUPS):
        review.groups.set([communications])
        review.name = PAGE_REVIEW
        review.save(update_fields=["name"])
    Workflow.objects.filter(name=WAGTAIL_WORKFLOW).update(name=PAGE_REVIEW)
    Group.objects.filter(name__in=WAGTAIL_GROUPS).delete()
