"""After a flush (every transactional test, manage.py flush) the site recovers."""

from django.contrib.auth.models import Group
from django.core.management import call_command

from dialogue_blocks.models import Province


def test_flushed_database_gets_reference_data_and_department_groups_back(
    transactional_db,
):
    call_command("flush", interactive=False, verbosity=0)

    assert Province.objects.count() == 12
    groups = Group.objects.filter(name__startswith="Afdeling ")
    assert groups.count() == 12
    for group in groups:
        assert group.permissions.filter(codename="access_admin").exists(), group.name
