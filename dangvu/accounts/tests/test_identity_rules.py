"""Issue 27 items 4 and 8: passwords Vietnamese users pick first are refused; a CCCD typed in
other digits and a username in look-alike letters cannot make a twin."""

import datetime as dt
import io

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from dangvu.accounts import actions
from dangvu.accounts.forms import OwnPasswordForm
from dangvu.accounts.scope import scope_for_username
from dangvu.orgs.models import Organization
from dangvu.people import actions as people_actions
from dangvu.people import excel
from dangvu.people.models import Person

User = get_user_model()
ASCII_CCCD = "086185009876"
# The same number in Arabic-Indic, extended Arabic-Indic and full-width digits.
TWINS = [
    "".join(chr(0x0660 + int(d)) for d in ASCII_CCCD),
    "".join(chr(0x06F0 + int(d)) for d in ASCII_CCCD),
    "".join(chr(0xFF10 + int(d)) for d in ASCII_CCCD),
]


@pytest.mark.parametrize(
    "weak", ["matkhau123", "Mật khẩu 123", "mat-khau-2024", "anhyeuem1", "Vietnam@2024"]
)
def test_vietnamese_common_passwords_are_refused(weak):
    with pytest.raises(ValidationError) as refused:
        validate_password(weak)
    assert "password_too_common" in [e.code for e in refused.value.error_list]


@pytest.mark.parametrize("weak", ["bithu1bithu1", "BITHU1bithu1!", "bithu1bithu1bithu1"])
def test_the_username_repeated_is_refused(weak):
    with pytest.raises(ValidationError, match="không được là tên đăng nhập"):
        validate_password(weak, User(username="bithu1"))


@pytest.mark.parametrize("fine", ["song-lam-dong-sen-7", "k7mp-2xqa-9hdt"])
def test_long_uncommon_passwords_pass(fine):
    validate_password(fine, User(username="bithu1"))


def test_one_time_passwords_always_pass_the_rules():
    user = User(username="vanphong")
    for _ in range(300):
        validate_password(actions.one_time_password(), user)


@pytest.mark.django_db
def test_the_password_form_states_the_real_minimum_and_errs_under_the_new_password():
    user = User.objects.create_user("nguoidung", password="mot-cau-dai-kho-doan")
    form = OwnPasswordForm(
        user,
        {
            "old_password": "mot-cau-dai-kho-doan",
            "new_password1": "matkhau123",
            "new_password2": "matkhau123",
        },
    )
    assert "Ít nhất 10 ký tự" in str(form["new_password1"].help_text)
    assert not form.is_valid()
    assert form.errors["new_password1"] == ["Mật khẩu này quá phổ biến, dễ bị đoán ra."]
    assert "new_password2" not in form.errors


# CCCD ------------------------------------------------------------------------------------------


def _person(org, cccd, name="Lê Văn Thử"):
    return people_actions.create_person(
        None, home_org=org, full_name=name, gender="male", birth_date=dt.date(1985, 1, 2), cccd=cccd
    )


@pytest.mark.parametrize("twin", TWINS)
def test_a_cccd_in_other_digits_is_stored_in_ascii_and_collides_with_its_twin(demo, twin):
    first = _person(demo, twin)
    assert first.cccd == ASCII_CCCD
    with pytest.raises(ValidationError, match="đã được dùng"):
        _person(demo, ASCII_CCCD, name="Người Thứ Hai")
    assert Person.objects.filter(cccd=ASCII_CCCD).count() == 1


def test_a_cccd_in_other_digits_finds_the_member_for_an_account(demo):
    person = _person(demo, ASCII_CCCD)
    assert actions.person_by_cccd(None, demo, TWINS[2]) == person


def test_an_imported_cccd_in_other_digits_matches_its_ascii_twin(demo):
    person = _person(demo, ASCII_CCCD)
    book = openpyxl.load_workbook(io.BytesIO(excel.write_template()))
    sheet = book["Danh sách"]
    headers = [cell.value for cell in sheet[1]]
    row = {
        "Họ và tên": person.full_name,
        "Ngày sinh": "02/01/1985",
        "Giới tính": "Nam",
        "Số CCCD": TWINS[0],
        "Chi bộ": "Chi bộ 1",
        "Ngày vào Đảng": "19/05/2019",
        "Ngày chính thức": "19/05/2020",
    }
    sheet.append([row.get(h) for h in headers])
    out = io.BytesIO()
    book.save(out)
    plan = excel.prepare(out.getvalue(), demo, scope_for_username("vanphong"))
    # The row is the person already on record, not a second one with the same number.
    assert not plan.errors
    assert "0 hồ sơ mới, 1 hồ sơ cập nhật" in plan.summary()


def test_a_cccd_of_other_characters_is_refused(demo):
    with pytest.raises(ValidationError, match="12 chữ số"):
        _person(demo, "08618500987x")


# Usernames -------------------------------------------------------------------------------------


def test_look_alike_letters_cannot_make_a_twin_account(demo):
    cell = Organization.objects.get(slug="so-tttt-chi-bo-3")
    cyrillic = "v\u0430nphong"  # the "a" is Cyrillic
    with pytest.raises(ValidationError, match="không hợp lệ"):
        actions.create_account(None, cyrillic, kind="secretary", org=cell)
    full_width = "".join(chr(0xFF00 + ord(c) - 0x20) for c in "vanphong")
    with pytest.raises(ValidationError, match="đã có"):
        actions.create_account(None, full_width, kind="secretary", org=cell)
    assert not User.objects.filter(username__in=[cyrillic, full_width]).exists()
