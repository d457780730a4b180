"""`create_user`, `set_role`, `revoke_role`: accounts from the command line, within the acting
user's scope, every refusal in Vietnamese with nothing written."""

import datetime as dt
import json

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management.base import CommandError

from dangvu.accounts.models import Account, AuditEntry, Role
from dangvu.accounts.scope import scope_for
from dangvu.orgs import actions as org_actions
from dangvu.people import actions as people_actions
from dangvu.people.models import Membership

from .helpers import run, table_counts

# The tests here start dangvu in other processes (the account commands run as from a shell), which reach the
# database DATABASE_URL names: CI's PostgreSQL pass runs them too.
pytestmark = pytest.mark.processes

COMMITTEE = "so-tttt-tra-vinh"
User = get_user_model()


def refused(*args, match, stdin=None):
    before = table_counts()
    with pytest.raises(CommandError, match=match):
        run(*args, stdin=stdin)
    assert table_counts() == before


def a_member(cell_slug="so-tttt-chi-bo-2"):
    return (
        Membership.objects.filter(org__slug=cell_slug, kind="party", valid_to=None)
        .exclude(person__cccd=None)
        .select_related("person")
        .first()
        .person
    )


def one_time(out):
    return out.split("Mật khẩu dùng một lần: ")[1].split()[0]


def test_office_creates_a_secretary_with_a_one_time_password(demo):
    out = run(
        "create_user", "bithu2", "--role", "secretary", "--org", "so-tttt-chi-bo-2",
        "--user", "vanphong",
    )  # fmt: skip
    password = one_time(out)
    user = authenticate(username="bithu2", password=password)
    assert user is not None and user.roles.get().org.slug == "so-tttt-chi-bo-2"
    assert Account.objects.get(user=user).must_change_password
    assert scope_for(user).can_write_org(user.roles.get().org)
    entry = AuditEntry.objects.get(action="account.create", target_id=user.pk)
    assert entry.actor.username == "vanphong" and entry.org.slug == "so-tttt-chi-bo-2"
    # The trail keeps the account, never its password or hash.
    dumped = json.dumps([entry.before, entry.after])
    assert password not in dumped and "pbkdf2" not in dumped and "md5" not in dumped
    assert "password" not in (entry.after or {})


def test_a_member_account_sees_only_its_person(demo):
    person = a_member()
    run(
        "create_user", "dv2", "--role", "member", "--org", COMMITTEE, "--person", person.cccd,
        "--user", "vanphong",
    )  # fmt: skip
    role = Role.objects.get(user__username="dv2")
    assert role.person == person and role.org is None
    scope = scope_for(role.user)
    assert list(scope.people()) == [person] and not scope.orgs().exists()


def test_password_from_stdin_is_checked_and_not_one_time(demo):
    out = run(
        "create_user", "vp2", "--role", "office", "--org", COMMITTEE, "--password-stdin",
        stdin="mot-mat-khau-dai\n",
    )  # fmt: skip
    assert "Mật khẩu dùng một lần" not in out
    assert authenticate(username="vp2", password="mot-mat-khau-dai") is not None
    assert not Account.objects.get(user__username="vp2").must_change_password


def test_an_administrator_for_the_first_run(db):
    out = run("create_user", "quantri", "--admin")
    user = authenticate(username="quantri", password=one_time(out))
    assert user.is_superuser and scope_for(user).sees_everything


@pytest.mark.parametrize(
    "args, match",
    [
        # A secretary may not create accounts at all, an office account least of all.
        (
            ["x1", "--role", "office", "--org", "so-tttt-chi-bo-1", "--user", "bithu1"],
            "Chỉ văn phòng cấp ủy",
        ),
        (
            [
                "x1",
                "--role",
                "member",
                "--org",
                "so-tttt-chi-bo-1",
                "--person",
                "012345678901",
                "--user",
                "dangvien",
            ],
            "Chỉ văn phòng",
        ),
        (
            ["x1", "--role", "office", "--org", "so-tttt-tra-vinh", "--user", "captren"],
            "Chỉ văn phòng",
        ),
        # The office reaches its committee only, not the superior committee.
        (
            [
                "x1",
                "--role",
                "office",
                "--org",
                "dang-uy-khoi-cac-co-quan-tra-vinh",
                "--user",
                "vanphong",
            ],
            "không có quyền xem|không có quyền giao",
        ),
        (["x1", "--role", "chief", "--org", COMMITTEE], "Vai trò “chief” không hợp lệ"),
        (["x1", "--org", COMMITTEE], "Thiếu --role"),
        (["x1", "--role", "office"], "Thiếu --org"),
        (["x1", "--role", "office", "--org", "khong-co"], "“khong-co”"),
        (["vanphong", "--role", "office", "--org", COMMITTEE], "“vanphong” đã có"),
        (["VanPhong", "--role", "office", "--org", COMMITTEE], "đã có"),
        (["có dấu cách", "--role", "office", "--org", COMMITTEE], "không hợp lệ"),
        (["x1", "--role", "secretary", "--org", COMMITTEE], "chỉ giao trên chi bộ"),
        (["x1", "--role", "superior", "--org", COMMITTEE], "chỉ giao trên đảng ủy cấp trên"),
        (["x1", "--role", "member", "--org", COMMITTEE], "cần --person"),
        (["x1", "--role", "member", "--org", COMMITTEE, "--person", "12345"], "đúng 12 chữ số"),
        (
            ["x1", "--role", "office", "--org", COMMITTEE, "--person", "012345678901"],
            "chỉ dùng với",
        ),
        (
            ["x1", "--role", "office", "--org", COMMITTEE, "--user", "khong-ai"],
            "Không có người dùng",
        ),
        (["x1", "--admin", "--user", "vanphong"], "Chỉ người quản trị"),
        ([], "Thiếu tên đăng nhập"),
    ],
)
def test_create_user_refuses_bad_input_and_writes_nothing(demo, args, match):
    refused("create_user", *args, match=match)


def test_a_member_account_for_a_cccd_outside_the_scope_is_refused(demo):
    other = org_actions.create_org(
        None, kind="party_committee", name="Đảng bộ Khác", valid_from=dt.date(2010, 1, 1)
    )
    stranger = people_actions.create_person(
        None, home_org=other, full_name="Người Ngoài", gender="male", cccd="084099000001"
    )
    for org in (COMMITTEE, other.slug):
        refused(
            "create_user", "x1", "--role", "member", "--org", org, "--person", stranger.cccd,
            "--user", "vanphong",
            match="không có quyền xem|Không có hồ sơ nào mang số CCCD 084099000001",
        )  # fmt: skip
    # A secretary's cell is not the office: someone of another cell is out of reach as well.
    refused(
        "create_user", "x1", "--role", "member", "--org", COMMITTEE, "--person",
        a_member("so-tttt-chi-bo-2").cccd, "--user", "bithu1",
        match="không có quyền xem|Chỉ văn phòng",
    )  # fmt: skip


def test_a_short_password_is_refused_with_the_validator_s_reason(demo):
    refused(
        "create_user", "x1", "--role", "office", "--org", COMMITTEE, "--password-stdin",
        match=r"Mật khẩu quá ngắn: cần ít nhất \d+ ký tự", stdin="ngan\n",
    )  # fmt: skip
    refused(
        "create_user", "x1", "--role", "office", "--org", COMMITTEE, "--password-stdin",
        match="Không đọc được mật khẩu", stdin="\n",
    )  # fmt: skip


def test_set_role_and_revoke_role(demo):
    bithu1 = User.objects.get(username="bithu1")
    # The demo grants its own roles through the action too: only this test's entries count.
    last = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first()
    out = run(
        "set_role", "bithu1", "--role", "secretary", "--org", "so-tttt-chi-bo-2",
        "--user", "vanphong",
    )  # fmt: skip
    assert "Đã giao vai trò" in out
    assert scope_for(bithu1).can_write_org(bithu1.roles.get(org__slug="so-tttt-chi-bo-2").org)
    again = run("set_role", "bithu1", "--role", "secretary", "--org", "so-tttt-chi-bo-2")
    assert "không có gì thay đổi" in again
    assert bithu1.roles.count() == 2
    run(
        "revoke_role", "bithu1", "--role", "secretary", "--org", "so-tttt-chi-bo-2",
        "--user", "vanphong",
    )  # fmt: skip
    assert bithu1.roles.count() == 1
    actions = list(
        AuditEntry.objects.filter(
            target_id=bithu1.pk, target_type="auth.user", id__gt=last
        ).values_list("action", flat=True)
    )
    assert actions == ["role.revoke", "role.grant"]


@pytest.mark.parametrize(
    "command, args, match",
    [
        (
            "set_role",
            ["bithu1", "--role", "office", "--org", COMMITTEE, "--user", "bithu1"],
            "Chỉ văn phòng",
        ),
        ("set_role", ["khong-ai", "--role", "office", "--org", COMMITTEE], "Không có tài khoản"),
        ("set_role", ["bithu1", "--role", "boss", "--org", COMMITTEE], "không hợp lệ"),
        (
            "revoke_role",
            ["bithu1", "--role", "secretary", "--org", "so-tttt-chi-bo-2"],
            "không có vai trò Bí thư chi bộ trên “Chi bộ 2”",
        ),
        (
            "revoke_role",
            [
                "captren",
                "--role",
                "superior",
                "--org",
                "dang-uy-khoi-cac-co-quan-tra-vinh",
                "--user",
                "vanphong",
            ],
            "không có quyền",
        ),
    ],
)
def test_role_commands_refuse_bad_input(demo, command, args, match):
    refused(command, *args, match=match)


@pytest.mark.parametrize(
    "argv, message",
    [
        (["create_org", "--name", "X", "--kind", "chi_bo"], "Loại tổ chức “chi_bo” không hợp lệ"),
        (["create_org", "--bogus"], "Lỗi: tham số không được hỗ trợ: --bogus"),
        (["create_user", "x", "--role"], "Lỗi: tham số --role cần một giá trị"),
        (["import_orgs"], "Cần tên tệp và --org"),
    ],
)
def test_from_the_shell_bad_input_exits_with_1_without_traceback(tmp_path, argv, message):
    import subprocess
    import sys
    from pathlib import Path

    import django.conf

    root = Path(django.conf.settings.BASE_DIR)
    env = {"PATH": "/usr/bin:/bin", "DANGVU_VAR_DIR": str(tmp_path), "LANG": "C.UTF-8"}
    done = subprocess.run(
        [sys.executable, str(root / "manage.py"), *argv],
        capture_output=True,
        text=True,
        env=env,
        cwd=root,
        timeout=60,
    )
    assert done.returncode == 1, done.stderr
    assert message in done.stderr and "Traceback" not in done.stderr
