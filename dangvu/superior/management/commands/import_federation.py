"""`python manage.py import_federation FILE… [--trust T] [--json]`: verify the signed files of
the provinces (`export_federation`) and print the sum of their figures. One file with a bad
signature, an unknown key or a changed byte and nothing is added: every problem is listed, exit
code 1. Nothing is written to the database; the verified files are the record."""

from django.core.management.base import CommandError

from dangvu.accounts.commands import DangvuCommand
from dangvu.federation import MAX_BYTES, FederationError, load_trust, receive


class Command(DangvuCommand):
    help = "Kiểm tra chữ ký các tệp số liệu tổng hợp của cấp dưới và cộng số liệu."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", help="các tệp .json của export_federation")
        parser.add_argument(
            "--trust", help="danh sách khóa tin cậy (mặc định DANGVU_FEDERATION_TRUST)"
        )
        self.add_json_argument(parser)

    def handle(self, *args, files, trust=None, json=False, **options):
        try:
            trusted = load_trust(trust)
            received = receive([(name, self.read_file(name, MAX_BYTES)) for name in files], trusted)
        except FederationError as e:
            raise CommandError(str(e)) from None
        if json:
            self.write_json(
                {
                    "start": received.start,
                    "end": received.end,
                    "provinces": [
                        {
                            "org": p["org"],
                            "name": p["name"],
                            "made_at": p["made_at"],
                            "units": len(p["units"]),
                        }
                        for p in received.provinces
                    ],
                    "facts": received.totals,
                }
            )
            return
        self.stdout.write(
            f"{len(received.provinces)} tệp hợp lệ, kỳ {received.start} – {received.end}:"
        )
        for p in received.provinces:
            self.stdout.write(
                f"  {p['name']} ({p['org']}): {len(p['units'])} đơn vị, lập {p['made_at']}"
            )
        self.stdout.write("Tổng số:")
        for fact, value in received.totals.items():
            self.stdout.write(f"  {fact:55s} {value!s:>12}")
