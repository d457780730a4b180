"""A large import of people as background jobs (`dangvu.ops.jobs`): past DANGVU_JOB_MIN_ROWS rows
(`kit.is_large`) neither the preview nor the commit runs in the web request.

The preview job reads and checks the file kept for the commit (`kit.keep`) with the scope of
the user who asked, and keeps what the preview page shows as JSON; it writes nothing to the
records. The commit job reads the file again and writes it all or nothing, as on the page, with
that user's scope read again when it runs.
"""

import json

from dangvu.accounts.scope import scope_for
from dangvu.core import imports as kit
from dangvu.ops import jobs

from . import excel

PREVIEW = "people.import.preview"
IMPORT = "people.import"
SHOWN_ERRORS = 50
GONE = "Không còn tệp đang chờ (đã hủy hoặc quá một ngày); hãy tải tệp lên lại."


def _refused(head: str, errors: list[str]) -> jobs.Refused:
    more = len(errors) - SHOWN_ERRORS
    tail = [f"… và {more} lỗi khác."] if more > 0 else []
    return jobs.Refused("\n".join([head, *errors[:SHOWN_ERRORS], *tail]))


def _preview(job, progress):
    token = job.params.get("token", "")
    path = kit.kept_path(token)
    if path is None:
        raise jobs.Refused(GONE)
    try:
        plan = excel.prepare(path.read_bytes(), job.org, scope_for(job.user), progress=progress)
    except excel.ImportFailed as e:
        kit.discard(token)
        raise _refused("Không đọc được tệp; không ghi gì:", e.errors) from None
    if plan.errors or not plan.has_changes:
        kit.discard(token)  # nothing will be committed from it
    preview = excel.preview_of(plan, job.params.get("filename", ""))
    return "xem-truoc.json", json.dumps(preview, ensure_ascii=False).encode()


def _import(job, progress):
    scope = scope_for(job.user)
    if not scope.can_write_org(job.org):
        raise jobs.Refused("Bạn không còn quyền nhập hồ sơ vào tổ chức này; không ghi gì.")
    progress(0, 2, "Đọc và kiểm tra lại tệp")
    try:
        plan = excel.prepare(jobs.input_of(job), job.org, scope)
        if plan.errors:
            raise _refused("Tệp có lỗi (hồ sơ đã đổi từ lúc xem trước); không ghi gì:", plan.errors)
        progress(1, 2, "Ghi vào hồ sơ")
        excel.commit(plan, job.user)
    except excel.ImportFailed as e:
        raise _refused("Không ghi được; không có gì thay đổi:", e.errors) from None
    text = f"{job.params.get('filename', '')}: đã ghi vào hồ sơ {plan.summary()}.\n"
    return f"ket-qua-nhap-{job.org.slug}.txt", text.encode()


# The preview is read on the import's own page, where the import is confirmed.
jobs.register(PREVIEW, _preview, page="people_import_preview")
jobs.register(IMPORT, _import)
