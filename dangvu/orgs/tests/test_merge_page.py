"""The merge page: the organization chosen on the form takes the cell over, and the message
names it."""

import datetime as dt

from dangvu.orgs.models import Organization
from dangvu.work.tests.conftest import user_with, world  # noqa: F401 (fixtures)


def test_merging_a_cell_names_the_cell_that_takes_it_over(world, user_with):  # noqa: F811
    client = user_with("office", world.committee)
    on = dt.date.today()
    response = client.post(
        f"/to-chuc/{world.cell2.slug}/sap-nhap/",
        {"successor": world.cell1.id, "on": on.isoformat()},
        follow=True,
    )
    assert response.status_code == 200
    assert "Đã sáp nhập Chi bộ Hai vào Chi bộ Một." in response.content.decode()
    assert Organization.objects.get(pk=world.cell2.pk).valid_to == on
