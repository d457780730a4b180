"""The files of a big subtree (the consolidated figures as CSV and workbook, the statistical
forms) and the commands `consolidate` and `stat_forms` are made from the kept figures when no
change was recorded since they were computed: the same file, byte for byte but the workbook's
time stamp, as the one computed from the records; after a change they are computed again, never
made from stale figures."""

import datetime as dt
import io
import json
import zipfile
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings

from dangvu.accounts.models import AuditEntry, Role
from dangvu.accounts.scope import scope_for
from dangvu.orgs.models import Organization
from dangvu.people.actions import transfer_out
from dangvu.people.models import Membership
from dangvu.superior import jobs, kept, synthetic
from dangvu.superior.models import KeptFigures

pytestmark = pytest.mark.django_db
DAY = dt.date(2017, 12, 31)
LEFT_ON = dt.date(2017, 6, 1)
BIG = override_settings(DANGVU_JOB_MIN_ORGS=0)
SMALL = override_settings(DANGVU_JOB_MIN_ORGS=10**6)
KINDS = (kept.CONSOLIDATED, kept.FORMS)


@pytest.fixture
def tree():
    """An invented superior committee with a committee in between, and its superior user."""
    root = synthetic.build(committees=6, cells=2, members=9, prefix="giatri", seed=11)
    user = get_user_model().objects.create_user("captren-giatri", first_name="Lập biểu")
    Role.objects.create(user=user, kind=Role.Kind.SUPERIOR, org=root)
    return root, user


def _sheets(content):
    """A workbook's parts but its properties (the time it was written): what a reader sees."""
    with zipfile.ZipFile(io.BytesIO(content)) as book:
        return {n: book.read(n) for n in book.namelist() if not n.startswith("docProps/")}


def _files(root, user, out_dir):
    """Every file a superior downloads or writes of `root`, as compared."""
    scope = scope_for(user)
    files = {}
    for fmt in ("csv", "xlsx"):
        name, content = jobs.consolidated_file(scope, root, DAY, fmt)
        files[name] = content if fmt == "csv" else _sheets(content)
    name, content = jobs.forms_file(user, root, DAY)
    files[name] = _sheets(content)
    common = {"org": root.slug, "date": DAY.isoformat(), "user": user.username}
    out = StringIO()
    call_command("consolidate", json=True, stdout=out, **common)
    files["consolidate --json"] = json.loads(out.getvalue())
    out = StringIO()
    call_command("consolidate", stdout=out, **common)
    files["consolidate"] = out.getvalue()
    target = out_dir / "bieu.xlsx"
    out = StringIO()
    call_command("stat_forms", out=str(target), maker="Lập biểu", stdout=out, **common)
    files["stat_forms"] = (out.getvalue(), _sheets(target.read_bytes()))
    return files


def _computing_forbidden(monkeypatch):
    def computed(org, day):
        raise AssertionError("computed again, not read from the kept figures")

    for kind in KINDS:
        monkeypatch.setitem(kept._COMPUTE, kind, computed)


def test_files_from_kept_figures_are_the_files_computed(tree, tmp_path, monkeypatch):
    root, user = tree
    with SMALL:  # computed from the records, nothing kept
        computed = _files(root, user, tmp_path)
    assert not KeptFigures.objects.exists()
    with BIG:
        for kind in KINDS:
            kept.keep(root, DAY, kind)
        # A change that leaves no audit entry (as a bulk load): computed again, the files would
        # no longer count this member; read from the kept figures, they still do.
        Membership.objects.filter(pk=_membership_of(root).pk).update(valid_to=LEFT_ON)
        _computing_forbidden(monkeypatch)
        shown = _files(root, user, tmp_path)
        # The forms' files written meanwhile are exports, not changes: still read, not computed.
        assert AuditEntry.objects.filter(action="superior.stat_forms").count() == 4
        assert all(kept.fresh(root, DAY, kind) is not None for kind in KINDS)
    assert shown.keys() == computed.keys()
    for name, content in computed.items():
        assert shown[name] == content, name
    members = next(line for line in shown["consolidate"].splitlines() if "Đảng viên" in line)
    assert members  # the text output lists figures, not an empty consolidation


def _membership_of(root):
    """A party membership of `root`'s subtree active before `LEFT_ON` and to the year's end."""
    units = Organization.objects.filter(parent__parent=root, kind=Organization.Kind.PARTY_CELL)
    return Membership.objects.filter(
        kind=Membership.Kind.PARTY,
        org__in=units,
        valid_from__lt=LEFT_ON,
        valid_to__isnull=True,
    ).first()


@BIG
def test_a_change_after_keeping_makes_the_file_computed_again(tree, monkeypatch):
    root, user = tree
    for kind in KINDS:
        kept.keep(root, DAY, kind)
    before = {kind: KeptFigures.objects.get(org=root, kind=kind).audit_seen for kind in KINDS}
    members = kept.fresh(root, DAY, kept.CONSOLIDATED)["totals"]["party.members"]
    leaving = _membership_of(root).person
    transfer_out(None, leaving, LEFT_ON, "Đảng bộ khác", "other_province")
    assert kept.fresh(root, DAY, kept.CONSOLIDATED) is None  # stale: not served

    scope = scope_for(user)
    _name, content = jobs.consolidated_file(scope, root, DAY, "csv")
    row = next(
        r for r in content.decode("utf-8-sig").splitlines() if r.startswith("party.members,")
    )
    assert row.split(",")[2] == str(members - 1)  # the member who left is no longer counted
    forms = kept.current_forms(root, DAY)
    end = next(line for line in forms.sheet("1-BTCTW").lines if line.key == "D")
    assert end.values[0] == members - 1
    # Computed once, and kept: the pages and the next file read the new figures.
    for kind in KINDS:
        row = KeptFigures.objects.get(org=root, kind=kind)
        assert row.audit_seen > before[kind]
        assert kept.fresh(root, DAY, kind) is not None
    _computing_forbidden(monkeypatch)
    assert jobs.consolidated_file(scope, root, DAY, "csv")[1] == content
