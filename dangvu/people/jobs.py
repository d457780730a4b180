"""A large import of people (`excel_views.people_import_commit`) as a background job
(`dangvu.ops.jobs`): past DANGVU_JOB_MIN_ROWS rows the commit runs outside the web request, all
or nothing as on the page, with the scope of the user who asked read again when it runs. The
preview stays on the page: it is what the user reads before asking."""

from django.conf import settings

from dangvu.accounts.scope import scope_for
from dangvu.ops import jobs

from . import excel

IMPORT = "people.import"
SHOWN_ERRORS = 50


def min_rows() -> int:
    return getattr(settings, "DANGVU_JOB_MIN_ROWS", 2000)


def _refused(head: str, errors: list[str]) -> jobs.Refused:
    more = len(errors) - SHOWN_ERRORS
    tail = [f"… và {more} lỗi khác."] if more > 0 else []
    return jobs.Refused("\n".join([head, *errors[:SHOWN_ERRORS], *tail]))


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


jobs.register(IMPORT, _import)
