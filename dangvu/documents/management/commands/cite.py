"""`python manage.py cite [FILE|-]`: the document references in a text, one JSON object a line.

Reads standard input ("-", the default), a .txt, .md or .docx file; prints each citation's fields
as the parser gives them (`Citation.as_dict()`). Writes nothing anywhere.
"""

import json
import sys

from django.conf import settings
from django.core.management.base import CommandError

from dangvu.accounts.commands import DangvuCommand
from dangvu.lib.citations import find_citations
from dangvu.lib.textfile import TextFileError, read_bytes, read_path


class Command(DangvuCommand):
    stealth_options = ("stdin",)  # tests pass the text with call_command(..., stdin=...)
    help = "In các trích dẫn văn bản trong một tệp (.txt, .md, .docx) hoặc từ đầu vào chuẩn, dạng JSON."

    def add_arguments(self, parser):
        parser.add_argument(
            "file", nargs="?", default="-", help="tệp cần đọc; “-” là đầu vào chuẩn"
        )

    def handle(self, *args, file="-", **options):
        text = read_text(file, options.get("stdin"))
        try:
            for citation in find_citations(text):
                self.stdout.write(json.dumps(citation.as_dict(), ensure_ascii=False))
        except BrokenPipeError:  # `cite FILE | head`: the reader has what it wanted
            sys.stderr.close()


def read_text(name, stdin=None):
    """The text of FILE or of standard input, or a CommandError in Vietnamese."""
    limit = settings.DANGVU_MAX_UPLOAD_BYTES
    try:
        if name == "-":
            stream = stdin or sys.stdin
            stream = getattr(stream, "buffer", stream)
            data = stream.read(limit + 1)
            if isinstance(data, str):
                data = data.encode("utf-8")
            return read_bytes(data, "-", limit)
        return read_path(name, limit)
    except TextFileError as e:
        raise CommandError(str(e)) from None
