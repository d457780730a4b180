"""`python manage.py import_citations FILE --org SLUG [--commit] [--user NAME]`.

Fills an organization's document registry with the documents a report (.txt, .md, .docx) cites.
Without --commit it only shows what would be entered and what is already there; with --commit
it writes everything in one transaction. Re-running adds nothing twice.
"""

from django.core.exceptions import PermissionDenied
from django.core.management.base import CommandError

from dangvu.accounts.commands import DangvuCommand
from dangvu.documents.access import DocumentAccess
from dangvu.documents.actions import import_citations


class Command(DangvuCommand):
    stealth_options = ("stdin",)  # tests pass the text with call_command(..., stdin=...)
    help = (
        "Vào sổ văn bản các văn bản được trích dẫn trong một báo cáo (xem trước, --commit để ghi)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="tệp .txt, .md hoặc .docx; “-” là đầu vào chuẩn")
        self.add_org_argument(parser, help="mã (slug) của tổ chức giữ sổ văn bản")
        parser.add_argument(
            "--commit", action="store_true", help="ghi vào sổ (mặc định: xem trước)"
        )
        self.add_user_argument(parser)

    def handle(self, *args, file, org, commit=False, user=None, **options):
        try:
            access = DocumentAccess.for_username(user)
        except LookupError as e:
            raise CommandError(str(e)) from None
        organization = self.organization(org, access.scope)
        try:
            access.require_write_org(organization)
        except PermissionDenied as e:
            raise CommandError(str(e)) from None
        text = self.read_text(file, options.get("stdin"))
        result = self.run(import_citations, self.actor(user), organization, text, commit=commit)
        self._print(organization, result)

    def _print(self, org, result):
        out = self.stdout
        out.write(f"Sổ văn bản: {org.name}")
        out.write(
            f"{result.citations} trích dẫn, {len(result.created) + len(result.existing)} văn bản."
        )
        out.write(f"Văn bản mới ({len(result.created)}):")
        for doc in result.created:
            out.write(f"  + {_line(doc)}")
        out.write(f"Đã có trong sổ ({len(result.existing)}):")
        for doc in result.existing:
            where = f" (sổ của {doc.owner_org})" if doc.owner_org_id != org.id else ""
            out.write(f"  = {_line(doc)}{where}")
        if result.unlinked:
            out.write(f"Không xác định được văn bản ({len(result.unlinked)}):")
            for c in result.unlinked:
                out.write(f"  ? {c.raw}")
        if result.committed:
            out.write(self.style.SUCCESS(f"Đã ghi {len(result.created)} văn bản mới."))
        else:
            out.write("Chưa ghi gì: đây là bản xem trước. Chạy lại với --commit để ghi.")


def _line(doc):
    issuer = doc.issuer_display()
    return f"{doc}" + (f" — {issuer}" if issuer else "")
