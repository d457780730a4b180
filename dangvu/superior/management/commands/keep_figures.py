"""`python manage.py keep_figures --org SLUG --date YYYY-MM-DD [--user U]`: compute now and keep
the figures the pages of a big subtree read (`superior.kept`): the consolidation, the
statistics page and the statistical forms; for a big superior committee, also every figure of the
periods of its drafts not final (`kept.report_periods`), which the draft's page and its section
editor read. Run nightly
(cron) so the first visitor of the day finds them kept."""

import time

from dangvu.accounts.commands import DangvuCommand
from dangvu.lib.dates import vn_date
from dangvu.superior import kept


class Command(DangvuCommand):
    help = "Tính ngay và lưu số liệu tổng hợp, số liệu thống kê, biểu thống kê của một tổ chức vào một ngày."

    def add_arguments(self, parser):
        self.add_org_argument(parser, help="mã (slug) của tổ chức (cấp ủy cấp trên, đảng bộ)")
        self.add_date_argument(parser)
        self.add_user_argument(parser)

    def handle(self, *args, org, date, user=None, **options):
        root = self.organization(org, self.scope(user))
        day = self.day(date)
        for kind in (kept.CONSOLIDATED, kept.STATISTICS, kept.FORMS):
            started = time.perf_counter()
            kept.keep(root, day, kind)
            seconds = time.perf_counter() - started
            self.stdout.write(
                f"Đã tính và lưu {kept.TITLES[kind].lower()} của {root.name} "
                f"ngày {vn_date(day)} ({seconds:.1f} giây)."
            )
        if kept.keeps_report_figures(root):
            for period in kept.report_periods(root, day):
                started = time.perf_counter()
                kept.keep_report_figures(root, period)
                seconds = time.perf_counter() - started
                self.stdout.write(
                    f"Đã tính và lưu số liệu báo cáo kỳ {period} "
                    f"của {root.name} ({seconds:.1f} giây)."
                )
