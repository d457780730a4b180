"""`python manage.py cite [FILE|-]`: the document references in a text, one JSON object a line.

Reads standard input ("-", the default), a .txt, .md or .docx file; prints each citation's fields
as the parser gives them (`Citation.as_dict()`). Writes nothing anywhere.
"""

import json
import sys

from dangvu.accounts.commands import DangvuCommand
from dangvu.lib.citations import find_citations


class Command(DangvuCommand):
    stealth_options = ("stdin",)  # tests pass the text with call_command(..., stdin=...)
    help = "In các trích dẫn văn bản trong một tệp (.txt, .md, .docx) hoặc từ đầu vào chuẩn, dạng JSON."

    def add_arguments(self, parser):
        parser.add_argument(
            "file", nargs="?", default="-", help="tệp cần đọc; “-” là đầu vào chuẩn"
        )

    def handle(self, *args, file="-", **options):
        text = self.read_text(file, options.get("stdin"))
        try:
            for citation in find_citations(text):
                self.stdout.write(json.dumps(citation.as_dict(), ensure_ascii=False))
        except BrokenPipeError:  # `cite FILE | head`: the reader has what it wanted
            sys.stderr.close()
