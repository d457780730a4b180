"""`python manage.py federation_key --out FILE.pem --org SLUG`: a new Ed25519 key pair for the
federation file; the private key is written to FILE.pem (mode 0600, never in the repository),
and the line to give the level above for its trust file is printed."""

import os
from pathlib import Path

from django.core.management.base import CommandError

from dangvu.accounts.commands import DangvuCommand
from dangvu.federation import key_id, new_key


class Command(DangvuCommand):
    help = "Tạo cặp khóa ký tệp số liệu tổng hợp gửi cấp trên (Ed25519)."

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, help="tệp khóa riêng .pem sẽ tạo")
        self.add_org_argument(parser, help="mã (slug) của cấp ủy ký số liệu")

    def handle(self, *args, out, org, **options):
        root = self.organization(org)
        path = Path(out)
        if path.exists():
            raise CommandError(f"Tệp “{path}” đã có; không ghi đè khóa cũ.")
        pem, public = new_key()
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except OSError as e:
            raise CommandError(f"Không tạo được tệp “{path}” ({e.strerror}).") from None
        with os.fdopen(fd, "wb") as f:
            f.write(pem)
        self.stdout.write(
            f"Đã ghi khóa riêng vào {path} (giữ kín; đặt DANGVU_FEDERATION_KEY={path})."
        )
        self.stdout.write(
            f"Mã khóa: {key_id(public)}. Dòng gửi cấp trên ghi vào danh sách khóa tin cậy:"
        )
        self.stdout.write(f"{public} {root.slug} {root.name}")
