"""`python manage.py import_citations FILE --org SLUG [--commit] [--user NAME]`.

Fills an organization's document registry with the documents a report (.txt, .md, .docx) cites.
Without --commit it only shows what would be entered and what is already there; with --commit
it writes everything in one transaction. Re-running adds nothing twice.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from dangvu.documents.access import DocumentAccess
from dangvu.documents.actions import import_citations

from .cite import read_text


class Command(BaseCommand):
    stealth_options = ("stdin",)  # tests pass the text with call_command(..., stdin=...)
    help = (
        "Vào sổ văn bản các văn bản được trích dẫn trong một báo cáo (xem trước, --commit để ghi)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="tệp .txt, .md hoặc .docx; “-” là đầu vào chuẩn")
        parser.add_argument("--org", required=True, help="mã (slug) của tổ chức giữ sổ văn bản")
        parser.add_argument(
            "--commit", action="store_true", help="ghi vào sổ (mặc định: xem trước)"
        )
        parser.add_argument("--user", help="chạy với quyền của người dùng này")

    def handle(self, *args, file, org, commit=False, user=None, **options):
        try:
            access = DocumentAccess.for_username(user)
        except LookupError as e:
            raise CommandError(str(e)) from None
        organization = access.scope.orgs().filter(slug=org).first()
        if organization is None:
            raise CommandError(f"Không tìm thấy tổ chức “{org}” (hoặc bạn không có quyền xem).")
        try:
            access.require_write_org(organization)
        except PermissionDenied as e:
            raise CommandError(str(e)) from None
        text = read_text(file, options.get("stdin"))
        actor = _user(user)
        try:
            result = import_citations(actor, organization, text, commit=commit)
        except ValidationError as e:
            raise CommandError(" ".join(e.messages)) from None
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


def _user(username):
    if not username:
        return None

    return get_user_model().objects.get(username=username)
