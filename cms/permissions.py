"""Admin groups: each provincial department edits only its own landing pages."""

from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from dialogue_blocks.models import Province

PAGE_PERMISSIONS_OF_A_DEPARTMENT = ("add_page", "change_page", "publish_page")
MEDIA_PERMISSIONS_OF_A_DEPARTMENT = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
)


def department_group_name(province: Province) -> str:
    return f"Afdeling {province.name}"


def ensure_department_group(province: Province) -> Group:
    """The department's group: it may enter the admin and use images and documents."""
    group, _ = Group.objects.get_or_create(name=department_group_name(province))
    group.permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    root_collection = Collection.get_first_root_node()
    if root_collection is None:
        return group
    for app_label, codename in MEDIA_PERMISSIONS_OF_A_DEPARTMENT:
        GroupCollectionPermission.objects.get_or_create(
            group=group,
            collection=root_collection,
            permission=Permission.objects.get(
                content_type__app_label=app_label, codename=codename
            ),
        )
    return group


def ensure_department_groups() -> None:
    for province in Province.objects.all():
        ensure_department_group(province)


def grant_department_access(landing_page) -> None:
    """Let the page's department edit and publish this page (and nothing else)."""
    group = ensure_department_group(landing_page.province)
    for codename in PAGE_PERMISSIONS_OF_A_DEPARTMENT:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=landing_page,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
