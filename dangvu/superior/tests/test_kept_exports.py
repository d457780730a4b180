"""What makes kept figures stale is what an audit entry records, as its writer marks it, not its
name: a file leaving dangvu or a background job asked for leaves them current, whatever it is
called; a change does not, whatever it is called. The entries written before the mark was kept
are marked by the migration, found by how they were written."""

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.test import override_settings

from dangvu.accounts.models import AuditEntry
from dangvu.core import audit
from dangvu.ops import jobs as ops_jobs
from dangvu.orgs.models import Organization
from dangvu.people.actions import record_people_export
from dangvu.people.models import Person
from dangvu.superior import kept, synthetic

pytestmark = pytest.mark.django_db
DAY = dt.date(2017, 12, 31)
BIG = override_settings(DANGVU_JOB_MIN_ORGS=0)
migration = importlib.import_module("dangvu.accounts.migrations.0006_auditentry_kind")


@pytest.fixture
def root():
    """An invented superior committee whose consolidation is kept."""
    org = synthetic.build(committees=2, cells=2, members=3, prefix="xuatfile", seed=5)
    with BIG:
        kept.keep(org, DAY, kept.CONSOLIDATED)
    return org


def _current(root):
    return kept.fresh(root, DAY, kept.CONSOLIDATED) is not None


@pytest.mark.parametrize("name", ["people.export", "fee.roster_download", "bao_cao.tai_ve"])
def test_an_export_of_any_name_leaves_the_kept_figures_current(root, name):
    audit.record_export(None, action=name, what="danh sách thử (.xlsx)", rows=3, org=root)
    assert _current(root)


def test_a_job_asked_for_leaves_the_kept_figures_current(root):
    user = get_user_model().objects.create_user("xuatfile-captren")
    ops_jobs.start(user, root, kept.JOB, "Tính thử", {"day": DAY.isoformat(), "kind": "x"})
    assert AuditEntry.objects.filter(action="ops.job").exists()
    assert _current(root)


@pytest.mark.parametrize("name", ["org.export", "person.reexport", "superior.stat_forms"])
def test_a_change_of_any_name_makes_the_kept_figures_stale(root, name):
    """Even named as an export was: a change recorded by `audit.record` is a change."""
    cell = Organization.objects.filter(kind=Organization.Kind.PARTY_CELL).first()
    audit.record(None, name, cell, org=cell)
    assert not _current(root)


def test_the_callers_exports_are_marked_as_exports(root):
    record_people_export(None, rows=2, org=root, filters={"q": "An"})
    entry = AuditEntry.objects.get(action="people.export")
    assert entry.kind == AuditEntry.Kind.EXPORT
    assert _current(root)


def test_the_migration_marks_the_entries_written_before_by_how_they_were_written(root):
    person = Person.objects.filter(memberships__org__parent__parent=root).first()
    old = {
        # as `record_export` wrote them, under any name
        "export": AuditEntry.objects.create(
            action="meeting.minutes.export",
            target_type="people.person",
            after={"rows": 4, "filters": {}},
        ),
        "forms": AuditEntry.objects.create(
            action="superior.stat_forms", target_type="people.person", after={"rows": 9}
        ),
        "job": AuditEntry.objects.create(action="ops.job", target_type="ops.job", target_id=1),
        "federation": AuditEntry.objects.create(
            action="federation.export", target_type="orgs.organization", target_id=root.pk
        ),
        # changes, even about a person or named like an export
        "person": audit.record(None, "person.update", person, person=person),
        "named": AuditEntry.objects.create(
            action="party.export", target_type="people.partyprofile", target_id=person.pk
        ),
        "restore": AuditEntry.objects.create(
            action="ops.restore", target_type="ops.backup", after={"rows": {}}
        ),
    }
    AuditEntry.objects.update(kind=AuditEntry.Kind.CHANGE)  # as they were before the field
    migration.mark_existing(apps, None)
    kinds = {name: AuditEntry.objects.get(pk=e.pk).kind for name, e in old.items()}
    assert kinds == {
        "export": "export",
        "forms": "export",
        "job": "request",
        "federation": "export",
        "person": "change",
        "named": "change",
        "restore": "change",
    }
