"""Issue 26 at province scale: every superior page, export and command, as a province user and as
a district user, cold and warm, with its SQL query count, on a province already built.

The database is the one DANGVU_VAR_DIR (SQLite: its `dangvu.sqlite3`) or DATABASE_URL names; it
must be given explicitly (the script refuses the repository's own `var/`): building writes
hundreds of thousands of synthetic people into it.

Build once (the demo, then `load_province` under the demo's superior committee: COMMITTEES
grassroots committees of 4 cells and MEMBERS party members each, a fifth of them under a
superior committee in between, the "district"; a district user holding the superior role there;
then `keep_figures` for both, as the nightly cron of docs/serving.md):
    DANGVU_VAR_DIR=/var/tmp/province/sqlite .venv/bin/python bench/superior_pages.py \
        --build 1000 300
Measure (as often as wanted; logging in writes a session, nothing else is written but the
background jobs a big subtree's download asks for):
    DANGVU_VAR_DIR=/var/tmp/province/sqlite .venv/bin/python bench/superior_pages.py

Printed, per role (province: `captren`, the demo's superior user; district: `huyen`; `--role R`
for one of them, or for another role's walk of `bench/serve.py`: vanphong, bithu1, dangvien), a
line per page: status, SQL queries, cold ms (the first request of that page in this process,
with the kept figures' parse cache emptied: what the first visitor after a recomputation waits)
and warm ms (median of 3 more). The pages are read on kept figures with no change recorded
since (the forms' file of a run is an export recorded in the audit trail, which changes no
figure: they stay fresh; a database built before December 2026 may need `keep_figures` again,
and `migrate`). A big subtree's
download only queues a background job (timed as such); the job's own work
(`jobs.consolidated_file`, `jobs.forms_file`) is timed after every page, as the worker runs it,
with the kept figures' computations and the commands `stats`, `facts`, `submissions` and
`report annual` (.docx), each with its queries.
The files are made from the kept figures when no change was recorded since they were computed
(`kept.current`), else computed (and kept) as the job would: each line of the work says which.
Only the work, no page (before/after a change to the jobs, or after `keep_figures`):
    DANGVU_VAR_DIR=/var/tmp/province/sqlite .venv/bin/python bench/superior_pages.py --jobs
`--computed` also times the computation of the forms' figures (a file computed from the records,
as every job made it before it read the kept figures, costs that computation more than the file
from the kept figures; minutes for a province's forms).
Only the three files and (with `--computed`) the forms' computation, each with its N costliest
functions by cProfile (own time, then cumulative; the profiler slows them, compare runs without):
    DANGVU_VAR_DIR=/var/tmp/province/sqlite .venv/bin/python bench/superior_pages.py \
        --files --computed --role captren --profile 25
The pages are those a province committee's user opens: home, the reports' list, the superior
pages; then the making of a draft of the annual report (the form's POST), the draft's page,
the records behind one of its figures, and the editor of its first section (for a big superior
committee: the page and the editor with nothing kept for the period, its figures computed as
the background job does, the page and the editor read fresh, a section saved, the editor and the
page read after the save), all written rolled back (a draft is a change: it would leave the kept
figures stale). `--without-kept` measures the pages as before the first
`keep_figures` (the kept rows deleted, and the jobs the pages queue, rolled back after).
Target: each page < 2 s on SQLite for the province; query counts that do not grow with the
number of units (run on two sizes and compare the columns).
"""

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "bench-pass-123"
DAY = "2017-12-31"
SUPERIOR = "dang-uy-khoi-cac-co-quan-tra-vinh"  # the demo's superior committee: the province
DISTRICT = "tinh-tv-giua"  # the superior committee in between that `load_province` makes
TARGET_MS = 2000


def _pages(slug, district):
    q = f"?ngay={DAY}"
    return [
        ("trang chủ", f"/{q}"),
        ("báo cáo (danh sách)", "/bao-cao/"),
        ("trang cấp trên", "/cap-tren/"),
        ("theo dõi gửi báo cáo", f"/cap-tren/{slug}/bao-cao-gui/2017/"),
        ("  nhắc gửi (CSV)", f"/cap-tren/{slug}/bao-cao-gui/2017/nhac/csv/"),
        ("  nhắc gửi (Excel)", f"/cap-tren/{slug}/bao-cao-gui/2017/nhac/xlsx/"),
        ("số liệu tổng hợp", f"/cap-tren/{slug}/so-lieu/{q}"),
        ("  trang 5, nhóm 2", f"/cap-tren/{slug}/so-lieu/{q}&trang=5&nhom=2"),
        ("  tải CSV (việc nền)", f"/cap-tren/{slug}/so-lieu/tai/csv/{q}"),
        ("  tải Excel (việc nền)", f"/cap-tren/{slug}/so-lieu/tai/xlsx/{q}"),
        ("thống kê (số liệu đã lưu)", f"/to-chuc/{slug}/thong-ke/{q}"),
        ("  chi tiết đảng viên", f"/to-chuc/{slug}/thong-ke/party.members/{q}"),
        ("  chi tiết của cấp giữa", f"/to-chuc/{district}/thong-ke/party.members/{q}"),
        ("biểu thống kê 1–7", f"/cap-tren/{slug}/bieu-thong-ke/{q}"),
        ("  hồ sơ một dòng (1-BTCTW D)", f"/cap-tren/{slug}/bieu-thong-ke/1-BTCTW/D/{q}"),
        ("  tải biểu (việc nền)", f"/cap-tren/{slug}/bieu-thong-ke/tai/{q}"),
    ]


def _refuse_repo_database():
    if not (os.environ.get("DATABASE_URL") or os.environ.get("DANGVU_VAR_DIR")):
        sys.exit(
            "Cần DANGVU_VAR_DIR (SQLite) hoặc DATABASE_URL trỏ tới cơ sở dữ liệu riêng của tỉnh "
            "(ngoài kho mã): lệnh này ghi hàng trăm nghìn người tổng hợp vào đó."
        )
    var = os.environ.get("DANGVU_VAR_DIR")
    if var and Path(var).resolve().is_relative_to(ROOT):
        sys.exit(f"DANGVU_VAR_DIR={var} nằm trong kho mã: hãy dùng thư mục ngoài, vd /var/tmp/.")


def _django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvu.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("DANGVU_LOGIN_ACCOUNT_LIMIT", "100000")
    os.environ.setdefault("DANGVU_LOGIN_ADDRESS_LIMIT", "100000")
    import django

    django.setup()


def build(committees, members):
    from django.core.management import call_command

    from dangvu.accounts import actions
    from dangvu.orgs.models import Organization

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("load_demo", password=PASSWORD, stdout=io.StringIO())
    out = io.StringIO()
    call_command("load_province", count=committees, members=members, stdout=out)
    print(out.getvalue().strip())
    district = Organization.objects.get(slug=DISTRICT)
    if not actions.accounts_in([district.id]).filter(username="huyen").exists():
        actions.create_account(None, "huyen", kind="superior", org=district, password=PASSWORD)
    for slug in (SUPERIOR, DISTRICT):
        out = io.StringIO()
        call_command("keep_figures", org=slug, date=DAY, stdout=out)
        print(out.getvalue().strip())
    print(f"Dựng xong trong {time.perf_counter() - started:.0f} s")


def _size():
    from dangvu.orgs.models import Organization
    from dangvu.people.models import Membership

    party = Membership.objects.filter(kind="party", valid_to__isnull=True).count()
    return Organization.objects.count(), party


def _get(client, path):
    response = client.get(path)
    body = response.content if not response.streaming else b"".join(response.streaming_content)
    return response.status_code, body


def _role_pages(role, slug):
    """The pages measured for `role`: a superior's every page, or another role's walk of
    `bench/serve.py` (office, cell, member)."""
    if role in ("captren", "huyen"):
        return _pages(slug, DISTRICT)
    from serve import PAGES

    return [(kind, path) for kind, path in PAGES[role]]


def _measure_page(client, label, path, warm_runs=3):
    """Print the page's line; whether it is slow (or failed, or has no figures to show yet)."""
    from _setup import QueryCounter

    from dangvu.superior import kept

    kept._parsed.cache_clear()
    started = time.perf_counter()
    # Counted as the statements run: a request empties Django's own query log as it starts.
    with QueryCounter() as queries:
        status, body = _get(client, path)
    cold = (time.perf_counter() - started) * 1000
    times = []
    for _ in range(warm_runs):
        started = time.perf_counter()
        _get(client, path)
        times.append((time.perf_counter() - started) * 1000)
    warm = statistics.median(times) if times else cold
    note = (
        "  (đang tính: chưa có số liệu đã lưu)"
        if "Đang tính số liệu" in body.decode(errors="replace")
        else ""
    )
    print(f"  {label:<30}{status:>5}{queries.count:>9}{cold:>9.0f}{warm:>9.0f}{note}")
    return status not in (200, 302) or max(cold, warm) >= TARGET_MS or bool(note)


def _measure_draft(client, slug):
    """Making a draft of the annual report of `slug` (the form's POST, timed once), its page, the
    records behind one of its figures and a day of writing it (`_measure_writing`); every row
    written rolled back (a draft is a change in the audit trail: it would leave the kept figures
    stale for the next run)."""
    from _setup import QueryCounter
    from django.db import transaction

    from dangvu.orgs.models import Organization

    slow = []
    org = Organization.objects.get(slug=slug)
    with transaction.atomic():
        started = time.perf_counter()
        with QueryCounter() as queries:
            response = client.post("/bao-cao/", {"org": org.pk, "year": DAY[:4], "kind": "annual"})
        ms = (time.perf_counter() - started) * 1000
        location = response.get("Location", "")
        label = "lập dự thảo báo cáo năm"
        print(f"  {label:<30}{response.status_code:>5}{queries.count:>9}{ms:>9.0f}{'—':>9}")
        if response.status_code != 302 or ms >= TARGET_MS:
            slow.append(label)
        if response.status_code == 302:
            slow += _measure_writing(client, org, location)
        transaction.set_rollback(True)
    return slow


def _measure_writing(client, org, location):
    """The draft just made, its page and the editor of its first section, as on a day of
    writing. A big superior committee's page and editor read the figures kept for the draft's
    period (`kept.read_report_figures`): first with nothing kept for it (their computation
    queued, the pages say so), then their computation as the background job runs it (timed
    once), the page and the editor reading them fresh, a section saved (the form's POST,
    naming a figure), and the editor and the page after that save (the figures kept shown as
    older, a recomputation queued). Another organization's are computed in the request. The
    records behind one figure are computed in the request either way."""
    from _setup import QueryCounter

    from dangvu.reports.models import ReportDraft
    from dangvu.superior import kept

    draft = ReportDraft.objects.filter(org=org).latest("id")
    path = f"{location}muc/{draft.sections.order_by('order').first().key}/"
    figure = ("  hồ sơ một số liệu", f"{location}so-lieu/units.party.members/")
    if not kept.keeps_report_figures(org):
        pages = [("  dự thảo (trang xem)", location), figure, ("  soạn một mục", path)]
        return [label.strip() for label, url in pages if _measure_report_page(client, label, url)]
    slow = []
    for label, url in (
        ("  dự thảo: chưa có số liệu", location),
        ("  soạn mục: chưa có danh sách", path),
    ):
        if _measure_report_page(client, label, url):
            slow.append(label.strip())
    started = time.perf_counter()
    with QueryCounter() as queries:
        kept.keep_report_figures(org, draft.reporting_period)
    ms = (time.perf_counter() - started) * 1000
    label = "  tính số liệu báo cáo (nền)"
    print(f"  {label:<30}{'—':>5}{queries.count:>9}{ms:>9.0f}{'—':>9}")
    for label, url in (
        ("  dự thảo: số liệu đã lưu", location),
        figure,
        ("  soạn mục: danh sách đã lưu", path),
    ):
        if _measure_report_page(client, label, url, warm_runs=1):
            slow.append(label.strip())
    # A consolidated total (known from the year), then a figure that is not one, the figures
    # kept being stale after the first save: the second is computed to know it exists.
    for label, text in (
        ("  lưu mục (một số liệu)", "Toàn Đảng bộ có {units.party.members} đảng viên."),
        ("  lưu lại (số tổ chức, cũ)", "Toàn Đảng bộ có {units.count} tổ chức cơ sở đảng."),
    ):
        started = time.perf_counter()
        with QueryCounter() as queries:
            response = client.post(path, {"text": text})
        ms = (time.perf_counter() - started) * 1000
        print(f"  {label:<30}{response.status_code:>5}{queries.count:>9}{ms:>9.0f}{'—':>9}")
        if response.status_code != 302 or ms >= TARGET_MS:
            slow.append(label.strip())
    for label, url in (
        ("  soạn mục: sau khi lưu", path),
        ("  dự thảo: sau khi lưu", location),
        ("  hồ sơ số liệu: sau khi lưu", figure[1]),
    ):
        if _measure_report_page(client, label, url, warm_runs=1):
            slow.append(label.strip())
    return slow


def _measure_report_page(client, label, path, warm_runs=0):
    """The line of a draft's page or its section editor (cold ms, and warm with `warm_runs`);
    whether slow or failed. Whether it shows no figures yet, or figures kept older than a
    change, is said on its line: a new draft's period has no figures kept yet, the page saying
    so is expected, not slow."""
    from _setup import QueryCounter

    started = time.perf_counter()
    with QueryCounter() as queries:
        status, body = _get(client, path)
    ms = (time.perf_counter() - started) * 1000
    times = []
    for _ in range(warm_runs):
        started = time.perf_counter()
        _get(client, path)
        times.append((time.perf_counter() - started) * 1000)
    warm = f"{statistics.median(times):>9.0f}" if times else f"{'—':>9}"
    html = body.decode(errors="replace")
    note = ""
    if "đang được tính trong nền" in html:
        note = "  (đang tính: chưa có số liệu đã lưu)"
    elif "có thay đổi sau đó" in html:
        note = "  (số liệu đã lưu, cũ hơn thay đổi: đang tính lại)"
    print(f"  {label:<30}{status:>5}{queries.count:>9}{ms:>9.0f}{warm}{note}")
    return status != 200 or max([ms, *times]) >= TARGET_MS


def measure_pages(role, slug, kept_figures=True):
    from _setup import skip
    from django.db import transaction
    from django.test import Client

    from dangvu.superior.models import KeptFigures

    client = Client()
    if not client.login(username=role, password=PASSWORD):
        # A province loaded by bench/serve.py has no district user: its other roles still run.
        skip(f"không đăng nhập được bằng {role} (chưa dựng bằng --build?)")
        return []
    print(f"== {role} ({slug}){'' if kept_figures else ': chưa có số liệu đã lưu'}")
    print(f"  {'trang':<30}{'HTTP':>5}{'truy vấn':>9}{'lạnh ms':>9}{'nóng ms':>9}")
    slow = []
    # Without the kept figures: as before the first `keep_figures`, the rows deleted and the
    # jobs the pages queue rolled back at the end.
    with transaction.atomic():
        if not kept_figures:
            KeptFigures.objects.all().delete()
        for label, path in _role_pages(role, slug):
            if _measure_page(client, label, path):
                slow.append(label.strip())
        transaction.set_rollback(True)
    if role in ("captren", "huyen"):
        slow += _measure_draft(client, slug)
    return slow


# `--profile N`: each line of the work also prints its N costliest functions (cProfile).
PROFILE = 0


def _timed(label, func):
    import cProfile
    import pstats

    from _setup import QueryCounter

    profiler = cProfile.Profile() if PROFILE else None
    with QueryCounter() as queries:
        started = time.perf_counter()
        if profiler:
            profiler.runcall(func)
        else:
            func()
        ms = (time.perf_counter() - started) * 1000
    print(f"  {label:<44}{queries.count:>9}{ms:>9.0f}")
    if profiler:
        # Own time first (where the time goes), then cumulative (which step spends it); the
        # profiler's own cost inflates the times above, so compare runs without it.
        for order in ("tottime", "cumulative"):
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats(order).print_stats(PROFILE)
            text = out.getvalue()
            print("    " + text[text.find("   ncalls") :].strip().replace("\n", "\n    "))


def measure_work(role, slug, computed=False, files=False):
    """The background jobs' work and the commands, as the worker and a shell run them."""
    import datetime as dt

    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from dangvu.accounts.scope import scope_for
    from dangvu.orgs.models import Organization
    from dangvu.superior import jobs, kept

    user = get_user_model().objects.filter(username=role).first()
    if user is None:
        return
    scope, root, day = scope_for(user), Organization.objects.get(slug=slug), dt.date(2017, 12, 31)
    print(f"  {'việc nền / lệnh (' + role + ')':<44}{'truy vấn':>9}{'ms':>9}")
    for kind in (kept.CONSOLIDATED, kept.FORMS):
        how = "đã lưu, không đổi sau đó" if kept.fresh(root, day, kind) else "tính lại (và lưu)"
        print(f"  số liệu {kind}: {how}")
    for fmt in ("csv", "xlsx"):
        _timed(f"tệp tổng hợp {fmt}", lambda f=fmt: jobs.consolidated_file(scope, root, day, f))
    _timed("tệp biểu thống kê (xlsx)", lambda: jobs.forms_file(user, root, day))
    # What a file computed from the records costs beyond the same file from the kept figures
    # (every job computed them before it read them): the statistical forms take minutes.
    kinds = (kept.CONSOLIDATED, kept.STATISTICS) + ((kept.FORMS,) if computed else ())
    for kind in kinds if not files else (kept.FORMS,) if computed else ():
        _timed(f"tính số liệu lưu: {kind}", lambda k=kind: kept._COMPUTE[k](root, day))
    if files:
        return
    out = io.StringIO()
    common = {"org": slug, "user": role, "stdout": out}
    _timed("lệnh stats", lambda: call_command("stats", date=DAY, json=True, **common))
    _timed("lệnh facts", lambda: call_command("facts", year=2017, json=True, **common))
    _timed("lệnh submissions", lambda: call_command("submissions", year=2017, **common))
    with tempfile.TemporaryDirectory() as folder:
        target = str(Path(folder) / "bao-cao.docx")
        _timed(
            "lệnh report annual (.docx)",
            lambda: call_command("report", "annual", year=2017, out=target, **common),
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", nargs=2, type=int, metavar=("COMMITTEES", "MEMBERS"))
    parser.add_argument(
        "--role",
        choices=["captren", "huyen", "vanphong", "bithu1", "dangvien"],
        help="chỉ một vai trò (mặc định: captren và huyen, kèm việc nền và lệnh)",
    )
    parser.add_argument(
        "--without-kept",
        action="store_true",
        help="đo các trang khi chưa có số liệu đã lưu (xóa tạm, hoàn lại sau khi đo)",
    )
    parser.add_argument("--no-work", action="store_true", help="chỉ các trang, không lệnh/việc nền")
    parser.add_argument("--jobs", action="store_true", help="chỉ việc nền và lệnh, không trang")
    parser.add_argument(
        "--computed",
        action="store_true",
        help="đo cả thời gian tính số liệu biểu thống kê (vài phút cho một tỉnh)",
    )
    parser.add_argument(
        "--files",
        action="store_true",
        help="chỉ các tệp (tổng hợp csv/xlsx, biểu thống kê) và, với --computed, tính biểu",
    )
    parser.add_argument(
        "--profile",
        type=int,
        default=0,
        metavar="N",
        help="in N hàm tốn thời gian nhất của mỗi việc (cProfile)",
    )
    args = parser.parse_args()
    global PROFILE
    PROFILE = args.profile
    _refuse_repo_database()
    _django()
    from django.db import connection

    if args.build:
        return build(*args.build)
    orgs, members = _size()
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"[{connection.vendor}] {orgs} tổ chức, {members} đảng viên; tải máy {load}")
    slow = []
    roles = [("captren", SUPERIOR), ("huyen", DISTRICT)]
    if args.role:
        roles = [(args.role, DISTRICT if args.role == "huyen" else SUPERIOR)]
    for role, slug in roles if not (args.jobs or args.files) else ():
        slow += measure_pages(role, slug, kept_figures=not args.without_kept)
    # The work after every page: a file or a command that finds the kept figures stale computes
    # them again (and keeps them), which is not what the pages are measured on.
    for role, slug in roles if not args.no_work else ():
        if role in ("captren", "huyen"):
            measure_work(role, slug, args.computed, args.files)
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"Tải máy sau: {load}")
    verdict = "ĐẠT" if not slow else f"CHƯA ĐẠT ({', '.join(slow)})"
    print(
        f"MỤC TIÊU mỗi trang < {TARGET_MS} ms (việc nền và lệnh: in để xem, không có mục tiêu này): {verdict}"
    )


if __name__ == "__main__":
    sys.exit(main())
