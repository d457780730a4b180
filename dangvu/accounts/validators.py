"""Password rules beyond Django's own validators, for Vietnamese users.

Django's CommonPasswordValidator knows English passwords only ("password", "qwerty"); the
passwords Vietnamese users pick first ("matkhau123", "anhyeuem", a name and a year) and a
password that is the username again ("bithu1bithu1") passed it. Both validators compare a folded
copy of the password (NFKC, lower case, no diacritics, no spaces), so "Mật khẩu 123" is
"matkhau123". Listed in AUTH_PASSWORD_VALIDATORS; their error codes are those of Django's
validators where the meaning is the same, so `actions.password_problems` words them.
"""

import re
import unicodedata
from functools import cache
from pathlib import Path

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError

from dangvu.lib.text import fold

COMMON_PASSWORDS = Path(__file__).with_name("common_passwords_vi.txt")
# A password's letters alone: "Minh@1990" and "mat-khau-123" are the common "minh", "matkhau".
_NOT_LETTERS = re.compile(r"[^a-z]+")
# Fewer letters and digits than this besides the username, and the password is the username
# dressed up (Django's similarity validator misses a username typed twice).
MIN_OTHER_CHARACTERS = 4


def folded(text):
    """The comparable form of a password or username: NFKC, no diacritics, no spaces, lower."""
    return fold(unicodedata.normalize("NFKC", text or "")).replace(" ", "")


@cache
def common_passwords():
    lines = COMMON_PASSWORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(folded(line) for line in lines if line.strip() and not line.startswith("#"))


class VietnameseCommonPasswordValidator:
    """Refuse a password from the Vietnamese list, also with digits or symbols added."""

    def validate(self, password, user=None):
        text = folded(password)
        words = common_passwords()
        if text in words or _NOT_LETTERS.sub("", text) in words:
            raise ValidationError(
                "Mật khẩu này quá phổ biến, dễ bị đoán ra.", code="password_too_common"
            )

    def get_help_text(self):
        return "Mật khẩu không được là mật khẩu phổ biến (như “matkhau123”)."


class UsernameInPasswordValidator:
    """Refuse a password that is the username, repeated or with a few characters added."""

    def validate(self, password, user=None):
        username = folded(getattr(user, "username", ""))
        if not username:
            return
        rest = folded(password).replace(username, "")
        if sum(c.isalnum() for c in rest) < MIN_OTHER_CHARACTERS:
            raise ValidationError(
                "Mật khẩu không được là tên đăng nhập (lặp lại hay thêm vài chữ số).",
                code="password_contains_username",
            )

    def get_help_text(self):
        return "Mật khẩu không được là tên đăng nhập, kể cả lặp lại hay thêm chữ số."


def min_password_length():
    """The minimum length that the settings' validators require (0 when none does)."""
    for validator in password_validation.get_default_password_validators():
        if isinstance(validator, password_validation.MinimumLengthValidator):
            return validator.min_length
    return 0


def password_help_text():
    """The password rules in one sentence, with the real minimum length."""
    return (
        f"Ít nhất {min_password_length()} ký tự; không dùng mật khẩu phổ biến, chỉ gồm chữ số "
        "hay giống tên đăng nhập."
    )
