"""The records that left `work` for their own apps keep their rows: the split only moves Django's
state, the tables stay, and the audit trail follows the models to their new apps."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

NEW_APPS = ("meetings", "mobilisation", "training", "oversight", "review", "programme")


def _migrate(targets):
    """Migrate to `targets`; the models as they were there."""
    MigrationExecutor(connection).migrate(targets)
    executor = MigrationExecutor(connection)
    applied = [
        key for key in executor.recorder.applied_migrations() if key in executor.loader.graph.nodes
    ]
    return executor.loader.project_state(applied).apps


@pytest.mark.django_db(transaction=True)
def test_a_database_of_the_work_app_migrates_with_its_rows():
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    old = _migrate([("work", "0002_vietnamese_names"), *((app, None) for app in NEW_APPS)])
    org = old.get_model("orgs", "Organization").objects.create(
        name="Đảng bộ Cũ", slug="dang-bo-cu", kind="party_committee", valid_from=dt.date(2010, 1, 1)
    )
    campaign = old.get_model("work", "Campaign").objects.create(
        org=org, key="quy-cu", title="Quỹ cũ", starts_on=dt.date(2017, 1, 1)
    )
    activity = old.get_model("work", "Activity").objects.create(
        kind="conference", title="Hội nghị cũ", starts_on=dt.date(2017, 3, 1)
    )
    old.get_model("accounts", "AuditEntry").objects.create(
        action="campaign.create",
        summary="Quỹ cũ",
        target_type="work.campaign",
        target_id=campaign.pk,
    )

    _migrate(leaves)

    from dangvu.accounts.models import AuditEntry
    from dangvu.meetings.models import Activity
    from dangvu.mobilisation.models import Campaign

    assert Campaign.objects.get(pk=campaign.pk).title == "Quỹ cũ"
    assert Activity.objects.get(pk=activity.pk).title == "Hội nghị cũ"
    assert AuditEntry.objects.get(target_id=campaign.pk).target_type == "mobilisation.campaign"
