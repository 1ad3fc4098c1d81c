import os

import pytest
from wagtail.models import Page

from home.models import HomePage

# Playwright's sync API runs an event loop; the ORM next to it is safe in tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def home_page(db) -> HomePage:
    """The site root the data migration created."""
    return HomePage.objects.get(depth=2)


@pytest.fixture
def root_page(db) -> Page:
    return Page.get_first_root_node()
