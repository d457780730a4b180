"""Bench: preview and commit of a 10.000-row people import, on a throwaway SQLite database.

    .venv/bin/python bench/import_people.py [--rows 10000]

Builds the demo organization in a temporary directory, writes an .xlsx of new party members
spread over the four cells (with trade-union and youth-union memberships), then times the upload
page's request when it checks the file itself and when a background job does (past
DANGVU_JOB_MIN_ROWS rows), and that job; then reading and checking the file (preview), writing
it (commit, one transaction through the named actions) and a second preview of the same file
(every row then matches by CCCD and is unchanged), and an import that changes every person's
phone number (each row an update through the actions).
"""

import argparse
import datetime as dt
import io
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from _setup import QueryCounter, verdict

ROOT = Path(__file__).resolve().parent.parent
TARGET_COMMIT_SECONDS = 20
# The upload of a large file answers without reading it: no web worker waits on the check.
TARGET_UPLOAD_SECONDS = 1
# The first day after the fee years the demo closes.
FIRST_OPEN_DAY = dt.date(2018, 1, 1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="dangvu-bench-") as tmp:
        os.environ["DANGVU_VAR_DIR"] = tmp
        os.environ["DJANGO_SETTINGS_MODULE"] = "dangvu.settings"
        os.environ.pop("DATABASE_URL", None)
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        run(args.rows)


def run(rows):
    from django.core.management import call_command
    from django.db import connection

    from dangvu.accounts.models import AuditEntry
    from dangvu.accounts.scope import scope_for_username
    from dangvu.orgs.models import Organization
    from dangvu.people import excel
    from dangvu.people.models import Membership, Person
    from dangvu.people.stats import section_one

    call_command("migrate", verbosity=0)
    call_command("load_demo", password="bench-pass-123", quiet_logins=True, stdout=io.StringIO())
    org = Organization.objects.get(slug="so-tttt-tra-vinh")
    scope = scope_for_username("vanphong")
    from django.contrib.auth import get_user_model

    actor = get_user_model().objects.get(username="vanphong")

    started = time.perf_counter()
    data = build_file(rows)
    print(f"Tệp: {rows} dòng, {excel.size_text(len(data))} (tạo trong {_since(started)})")

    uploaded = time_upload(data, org, actor)

    queries = QueryCounter()
    with connection.execute_wrapper(queries):

        def preview(label, data):
            plan, seconds = _timed(lambda: excel.prepare(data, org, scope))
            assert not plan.errors, plan.errors[:5]
            print(f"{label}: {seconds:6.2f} s  {queries.take():>7} truy vấn  ({plan.summary()})")
            return plan

        def commit(label, plan):
            _, seconds = _timed(lambda: excel.commit(plan, actor))
            print(
                f"{label}: {seconds:6.2f} s  {queries.take():>7} truy vấn  "
                f"({seconds / rows * 1000:.2f} ms/dòng)"
            )
            return seconds

        committed = commit("Ghi", preview("Xem trước", data))
        preview("Nhập lại, xem trước", data)
        # The same people with a new phone number: every row is an update through the actions.
        changed = build_file(rows, phone_prefix="08")
        commit("Sửa điện thoại, ghi", preview("Sửa điện thoại, xem trước", changed))
    today = dt.date.today()
    print(
        f"Sau khi ghi: {Person.objects.count()} hồ sơ, "
        f"{Membership.objects.filter(kind='party').count()} lần sinh hoạt đảng, "
        f"{AuditEntry.objects.count()} dòng nhật ký; đảng viên hôm nay: "
        f"{section_one(org, today)['party.members'].value}"
    )
    verdict("ghi vào hồ sơ", committed, TARGET_COMMIT_SECONDS, unit="s")
    verdict("trang tải tệp lớn lên", uploaded, TARGET_UPLOAD_SECONDS, unit="s")


def time_upload(data, org, actor):
    """The upload page's request for `data`: checking it itself, then leaving it to a job (and
    that job, run here as `db_worker` would). Writes nothing to the records; returns the time
    of the request with the job."""
    from django.test import Client, override_settings

    from dangvu.ops.jobs import run_job
    from dangvu.ops.models import Job

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(actor)

    def post():
        upload = io.BytesIO(data)
        upload.name = "bench.xlsx"
        return _timed(lambda: client.post("/ca-nhan/nhap/", {"org": org.slug, "file": upload}))

    with override_settings(DANGVU_JOB_MIN_ROWS=len(data)):  # never large: checked in the request
        response, in_request = post()
    assert response.status_code == 200, response.status_code
    print(f"Trang tải lên, kiểm tra trong yêu cầu: {in_request:6.2f} s")
    with override_settings(DANGVU_JOB_MIN_ROWS=0):  # always large: checked by a job
        response, with_job = post()
    assert response.status_code == 302, response.status_code
    job = Job.objects.latest("pk")
    _, job_time = _timed(lambda: run_job.call(job.pk))
    job.refresh_from_db()
    assert job.status == Job.DONE, job.error
    page, shown = _timed(lambda: client.get(response["Location"]))
    assert page.status_code == 200 and "Ghi vào hồ sơ" in page.content.decode()
    print(
        f"Trang tải lên, kiểm tra bằng việc nền: {with_job:6.2f} s; việc nền {job_time:6.2f} s; "
        f"trang xem trước khi xong {shown:6.2f} s"
    )
    client.post("/ca-nhan/nhap/ghi/", {"huy": "1"})
    return with_job


def build_file(rows, phone_prefix="09"):
    import openpyxl

    from dangvu.lib.dates import add_months
    from dangvu.people.excel import COLUMNS

    rng = random.Random(2017)
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Danh sách")
    sheet.append([c.header for c in COLUMNS])
    surnames = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Thạch", "Kim", "Sơn"]
    given = ["An", "Bình", "Cường", "Dung", "Hà", "Hương", "Lan", "Long", "Nam", "Vy"]
    for n in range(rows):
        female = n % 2 == 1
        birth = dt.date(rng.randint(1960, 1998), rng.randint(1, 12), rng.randint(1, 28))
        admitted = dt.date(birth.year + rng.randint(20, 26), rng.randint(1, 12), rng.randint(1, 28))
        official = add_months(admitted, 12) if n % 5 else None
        values = {
            "full_name": f"{rng.choice(surnames)} {'Thị' if female else 'Văn'} {rng.choice(given)}",
            "birth_date": birth,
            "gender": "Nữ" if female else "Nam",
            "ethnicity": "Khmer" if n % 7 == 0 else "Kinh",
            "cccd": f"099{n:09d}",
            "phone": f"{phone_prefix}{n:08d}",
            "email": f"nguoi{n}@example.vn",
            "address": "Thành phố Trà Vinh",
            "cell": f"Chi bộ {n % 4 + 1}",
            "admitted_on": admitted.strftime("%d/%m/%Y"),
            "official_on": official,
            "card_number": f"84.{n:06d}",
            # The demo closes its 2016 and 2017 fee books: members joining a cell before the
            # end of 2017 would change them and be refused, so they join in an open year.
            "cell_since": max(admitted, FIRST_OPEN_DAY),
            "trade_union": "x",
            "youth_union": dt.date(birth.year + 16, 3, 26) if n % 3 == 0 else None,
            "veterans": None,
        }
        sheet.append([values.get(c.key) for c in COLUMNS])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _timed(work):
    """(what `work()` returns, the seconds it took)."""
    started = time.perf_counter()
    result = work()
    return result, time.perf_counter() - started


def _since(started):
    return f"{time.perf_counter() - started:.2f} s"


if __name__ == "__main__":
    main()
