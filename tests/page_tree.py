"""The page tree for tests whose database is flushed (live server, threads).

A flush removes what the migrations created: the Locale, root page, HomePage
and Site. Rebuilding them is the same for browser journeys and for tests that
need real transactions.
"""

from django.core.management import call_command
from wagtail.models import Collection, Locale, Page, Site

from cms.permissions import ensure_department_groups, ensure_role_groups
from home.models import HomePage


def rebuild_page_tree() -> HomePage:
    """What the migrations created and a flush removed: locale, root, home, site."""
    if Page.objects.exists() or Locale.objects.exists():
        # Only the first test sees the migrations' data (Wagtail's default workflow
        # and groups among it); flush it too, so every test starts the same way.
        call_command("flush", interactive=False, verbosity=0)
    locale = Locale.objects.create(language_code="nl")
    Collection.add_root(name="Root")
    # The flush re-created reference data and groups; now the groups can get their
    # image and document permissions on the new root collection too.
    ensure_department_groups()
    ensure_role_groups()
    root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    home = root.add_child(
        instance=HomePage(title="Verenigingsdialoog", slug="home", locale=locale)
    )
    # The default site answers for any host, so the live server's port is fine.
    Site.objects.create(
        hostname="localhost",
        port=80,
        root_page=home,
        is_default_site=True,
        site_name="Verenigingsdialoog VNG",
    )
    return home
