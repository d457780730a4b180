import pytest


@pytest.fixture
def demo(db):
    """The reference organization loaded through `load_demo`, as a user would."""
    from io import StringIO

    from django.core.management import call_command

    call_command("load_demo", password="demo-pass-123", stdout=StringIO())
    from dangvu.orgs.models import Organization

    return Organization.objects.get(slug="so-tttt-tra-vinh")
