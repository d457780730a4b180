"""`python manage.py export_federation --org SLUG --year Y [--period P] --out FILE [--key K]
[--user U]`: the consolidated figures of a committee for a period as a signed file for the level
above (docs/serving.md, `dangvu.federation`)."""

import json
import os
from pathlib import Path

from django.core.management.base import CommandError

from dangvu.accounts.commands import DangvuCommand
from dangvu.accounts.models import AuditEntry
from dangvu.core.audit import record
from dangvu.federation import FederationError, load_private_key, payload_of, sign
from dangvu.reports.periods import check_code, check_year


class Command(DangvuCommand):
    help = "Xuất số liệu tổng hợp của một kỳ thành tệp có chữ ký số để gửi cấp trên."

    def add_arguments(self, parser):
        self.add_org_argument(parser, help="mã (slug) của cấp ủy gửi số liệu")
        self.add_period_arguments(parser, year_help="năm")
        parser.add_argument("--out", required=True, help="tệp .json sẽ ghi")
        parser.add_argument("--key", help="tệp khóa riêng .pem (mặc định DANGVU_FEDERATION_KEY)")
        self.add_user_argument(parser)

    def handle(self, *args, org, year, period="", out, key=None, user=None, **options):
        scope = self.scope(user)
        root = self.organization(org, scope)
        code = self.run(check_code, period)
        self.run(check_year, year)
        path = Path(out)
        if not path.parent.is_dir():
            raise CommandError(f"Không có thư mục “{path.parent}”.")
        try:
            private = load_private_key(key)
        except FederationError as e:
            raise CommandError(str(e)) from None
        acting = self.actor(user)
        payload = payload_of(root, year, code, scope, acting.get_username() if acting else "")
        signed = sign(payload, private)
        content = json.dumps(signed, ensure_ascii=False, indent=1).encode()
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(content)
        record(
            acting,
            "federation.export",
            root,
            summary=f"Xuất số liệu tổng hợp ký số {year} {code}".strip()
            + f" (khóa {signed['key']}, {len(payload['units'])} đơn vị)",
            org=root,
            kind=AuditEntry.Kind.EXPORT,
        )
        self.stdout.write(
            f"Đã ghi {path}: {len(payload['units'])} đơn vị, {len(payload['facts'])} số liệu, "
            f"ký bằng khóa {signed['key']}."
        )
