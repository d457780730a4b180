"""The base of every management command: Vietnamese argument errors with exit code 1, the
options most commands take (--org, --date, --json, --user) read one way, the scope and acting user
of --user, and named actions whose ValidationError becomes a CommandError (nothing written, no
traceback)."""

import datetime as dt
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.serializers.json import DjangoJSONEncoder

from dangvu.core.imports import ImportFailed, too_big_message
from dangvu.lib.dates import parse_date
from dangvu.lib.textfile import TextFileError, path_bytes, read_bytes
from dangvu.orgs.models import Organization

from .scope import Scope, scope_for_username

T = TypeVar("T")

# argparse speaks English; the messages a user meets most, in Vietnamese.
ARGPARSE_MESSAGES = [
    (r"the following arguments are required: (.*)", "thiếu tham số bắt buộc: {0}"),
    (r"unrecognized arguments: (.*)", "tham số không được hỗ trợ: {0}"),
    (r"argument (\S+): expected one argument", "tham số {0} cần một giá trị"),
    (r"argument (\S+): invalid (\w+) value: (.*)", "tham số {0} có giá trị không hợp lệ: {2}"),
    (r"argument (\S+): ignored explicit argument (.*)", "tham số {0} không nhận giá trị {1}"),
]


def vietnamese_argument_error(message):
    for pattern, text in ARGPARSE_MESSAGES:
        found = re.fullmatch(pattern, message)
        if found:
            return text.format(*found.groups())
    return message


class DangvuCommand(BaseCommand):
    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)

        def error(message):
            text = vietnamese_argument_error(message)
            if not parser.called_from_command_line:
                raise CommandError(text)
            parser.print_usage(sys.stderr)
            sys.stderr.write(f"Lỗi: {text}\n")
            sys.exit(1)

        parser.error = error  # type: ignore[method-assign]
        return parser

    # Options ---------------------------------------------------------------------------------

    def add_org_argument(
        self, parser: CommandParser, help: str = "mã (slug) của tổ chức", required: bool = True
    ) -> None:
        parser.add_argument("--org", required=required, help=help)

    def add_date_argument(
        self, parser: CommandParser, help: str = "ngày, dạng YYYY-MM-DD", required: bool = True
    ) -> None:
        parser.add_argument("--date", required=required, help=help)

    def add_period_arguments(self, parser: CommandParser, year_help: str = "năm báo cáo") -> None:
        """--year and --period; the command checks them (`reports.periods`) before it reads."""
        parser.add_argument("--year", required=True, type=int, help=year_help)
        parser.add_argument("--period", default="", help="kỳ: H1, Q1…Q4, 01…12 (trống: cả năm)")

    def add_json_argument(self, parser: CommandParser, help: str = "in dạng JSON") -> None:
        parser.add_argument("--json", action="store_true", help=help)

    def add_user_argument(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--user",
            metavar="TÊN",
            help="chạy với quyền của người dùng này (ghi vào nhật ký); "
            "không có thì chạy với quyền người quản trị máy chủ",
        )

    def add_import_arguments(self, parser: CommandParser, org_help: str) -> None:
        """FILE --org [--commit] [--template OUT.xlsx] [--user]: the options of an Excel import."""
        parser.add_argument("file", nargs="?", help="tệp .xlsx cần nhập")
        self.add_org_argument(parser, help=org_help, required=False)
        parser.add_argument(
            "--commit", action="store_true", help="ghi vào hồ sơ (mặc định chỉ xem trước)"
        )
        parser.add_argument(
            "--template", metavar="OUT.xlsx", help="ghi tệp mẫu trống vào OUT.xlsx rồi thôi"
        )
        self.add_user_argument(parser)

    # Reading them ----------------------------------------------------------------------------

    def actor(self, username: str | None) -> User | None:
        """The user named by --user, or None for the operator."""
        if not username:
            return None
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"Không có người dùng “{username}”.")
        return user

    def scope(self, username: str | None) -> Scope:
        """What --user may see; everything for the operator."""
        try:
            return scope_for_username(username)
        except LookupError as e:
            raise CommandError(str(e)) from None

    def organization(
        self, slug: str | None, scope: Scope | None = None, option: str = "--org"
    ) -> Organization:
        """The organization of `slug` that `scope` sees (all of them without a scope)."""
        if not slug:
            raise CommandError(f"Thiếu {option} (mã của tổ chức).")
        orgs = Organization.objects.all() if scope is None else scope.orgs()
        org = orgs.filter(slug=slug).first()
        if org is None:
            raise CommandError(
                f"Không tìm thấy tổ chức “{slug}” ({option}), "
                "hoặc bạn không có quyền xem tổ chức đó."
            )
        return org

    def day(self, text: str) -> dt.date:
        """The date of --date (2017-12-31 or 31/12/2017)."""
        try:
            day = parse_date(text)
        except ValueError:
            day = None
        if day is None:
            raise CommandError(f"Ngày “{text}” không hợp lệ; hãy viết dạng 2017-12-31.")
        return day

    def run(self, func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Call a named action; its refusal becomes the command's error."""
        try:
            return func(*args, **kwargs)
        except ValidationError as e:
            raise CommandError("\n".join(e.messages)) from None

    # Output and files ------------------------------------------------------------------------

    def write_json(self, data: object) -> None:
        # Django's encoder writes dates as ISO text (a fact may be a day, e.g. the day staff
        # records were last changed), as the commands write their own dates.
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, cls=DjangoJSONEncoder))

    def read_file(
        self,
        name: str | Path,
        max_bytes: int,
        too_large: Callable[[int], CommandError] | None = None,
    ) -> bytes:
        """The bytes of the file a user named, refused before reading when over `max_bytes`
        (`too_large(size)` says so in the command's own words). Every way a named file cannot
        be read is a CommandError in Vietnamese, never a traceback."""
        try:
            size = Path(name).stat().st_size
        except OSError:
            size = 0  # path_bytes says why it cannot be read
        if size > max_bytes and too_large:
            raise too_large(size)
        try:
            return path_bytes(name, max_bytes)
        except TextFileError as e:
            raise CommandError(str(e)) from None

    def read_xlsx(self, path: Path) -> bytes:
        """The bytes of an Excel file to import, refused before reading when too large."""
        return self.read_file(
            path,
            settings.DANGVU_MAX_UPLOAD_BYTES,
            too_large=lambda size: self.import_failed([too_big_message(size)]),
        )

    def read_text(self, name: str, stdin: Any = None) -> str:
        """The text of a .txt, .md or .docx file, or of standard input for “-”."""
        limit = settings.DANGVU_MAX_UPLOAD_BYTES
        if name == "-":
            stream = stdin or sys.stdin
            stream = getattr(stream, "buffer", stream)
            data = stream.read(limit + 1)
            if isinstance(data, str):
                data = data.encode("utf-8")
        else:
            data = self.read_file(name, limit)
        try:
            return read_bytes(data, Path(name).name if name != "-" else "-", limit)
        except TextFileError as e:
            raise CommandError(str(e)) from None

    def import_failed(self, errors: list[str]) -> CommandError:
        """The refusal of an import: nothing was written, and every problem of the file."""
        head = (
            "Tệp có lỗi; không ghi gì:"
            if len(errors) == 1
            else f"Tệp có {len(errors)} lỗi; không ghi gì:"
        )
        return CommandError("\n".join([head, *errors]))


class ImportCommand(DangvuCommand):
    """An Excel import from the command line, one flow for every importer of the kit: the empty
    template (--template), then the preview of every row, then with --commit the writing, all or
    nothing. A subclass says how its importer prepares, prints, commits and reports."""

    org_help = "mã (slug) của tổ chức nhận dữ liệu"
    # Said when the file changes nothing; None commits it anyway (the audit trail records it).
    nothing_new: str | None = None

    def add_arguments(self, parser: CommandParser) -> None:
        self.add_import_arguments(parser, self.org_help)

    def handle(
        self,
        *args: Any,
        file: str | None = None,
        org: str | None = None,
        commit: bool = False,
        user: str | None = None,
        template: str | None = None,
        **options: Any,
    ) -> None:
        scope = self.scope(user)
        organization = self.organization(org, scope) if org else None
        if template:
            Path(template).write_bytes(self.template(organization))
            self.stdout.write(f"Đã ghi tệp mẫu: {template}")
            return
        if not file or organization is None:
            raise CommandError("Cần tên tệp và --org (hoặc --template OUT.xlsx để lấy tệp mẫu).")
        actor = self.actor(user)
        try:
            plan = self.prepare(self.read_xlsx(Path(file)), organization, scope, actor, options)
        except ImportFailed as e:
            raise self.import_failed(e.errors) from None
        self.print_plan(plan)
        self.stdout.write(f"Tổng cộng: {plan.summary()}.")
        if plan.errors:
            raise self.import_failed(plan.errors)
        if self.nothing_new and not plan.has_changes:
            self.stdout.write(self.nothing_new)
            return
        if not commit:
            self.stdout.write("Chưa ghi gì. Chạy lại với --commit để ghi vào hồ sơ.")
            return
        try:
            result = self.commit(plan, actor)
        except ImportFailed as e:
            raise self.import_failed(e.errors) from None
        self.report(plan, result)

    def template(self, org: Organization | None) -> bytes:
        raise NotImplementedError

    def prepare(self, data: bytes, org: Organization, scope: Scope, actor, options: dict) -> Any:
        raise NotImplementedError

    def print_plan(self, plan: Any) -> None:
        raise NotImplementedError

    def commit(self, plan: Any, actor: User | None) -> Any:
        raise NotImplementedError

    def report(self, plan: Any, result: Any) -> None:
        raise NotImplementedError
