"""`python manage.py load_province --count N [--org SLUG] [--members M]`: N synthetic grassroots
committees (and two standalone cells, and a superior committee in between) under a superior
committee, with their 2017 records, fees, activities and evaluations; most of them have sent a
finalised 2017 report (synthetic: frozen figures, no Word file), the rest are late or missing.
Running it again adds nothing."""

import datetime as dt
import random
import time

from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone

from dangvu.accounts.commands import DangvuCommand
from dangvu.core.planner import analyze
from dangvu.orgs.models import Organization
from dangvu.reports.models import ReportDraft
from dangvu.superior import actions, synthetic
from dangvu.superior.consolidate import consolidate, period_to
from dangvu.superior.models import Deadline, Submission

PREFIX = "tinh-tv"
DEMO_SUPERIOR = "dang-uy-khoi-cac-co-quan-tra-vinh"


class Command(DangvuCommand):
    help = "Nạp thêm các đảng bộ cơ sở tổng hợp (dữ liệu bịa) dưới một cấp ủy cấp trên."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=12, help="số đảng bộ cơ sở")
        parser.add_argument("--org", default=DEMO_SUPERIOR, help="mã (slug) của cấp ủy cấp trên")
        parser.add_argument("--members", type=int, default=60, help="đảng viên mỗi đảng bộ")

    def handle(self, *args, **options):
        self._load(**options)
        analyze()  # hundreds of thousands of rows: the planner must know them before any page

    @transaction.atomic
    def _load(self, *, count, org, members, **options):
        superior = Organization.objects.filter(slug=org, kind="superior_committee").first()
        if superior is None:
            raise CommandError(f"Không có cấp ủy cấp trên “{org}”.")
        if Organization.objects.filter(slug=f"{PREFIX}-db-0").exists():
            self.stdout.write("Các đảng bộ tổng hợp đã có, bỏ qua.")
            return
        started = time.monotonic()
        synthetic.build(
            committees=count, cells=4, members=members, prefix=PREFIX, superior=superior
        )
        end = dt.date(2017, 12, 31)
        if not Deadline.objects.filter(superior=superior, year=2017, period="").exists():
            actions.set_deadline(None, superior, 2017, dt.date(2017, 12, 20))
        result = consolidate(superior, period_to(end))
        rng = random.Random(7)
        sent = 0
        for i, unit in enumerate(u for u in result.units if u.org.slug.startswith(PREFIX)):
            if i % 5 == 4:
                continue  # missing
            finalised = dt.datetime(2017, 12, rng.randint(1, 12), 9, tzinfo=dt.UTC)
            draft = ReportDraft.objects.create(
                org=unit.org,
                year=2017,
                number=f"{10 + i}-BC/ĐU",
                issued_on=finalised.date(),
                status=ReportDraft.Status.FINAL,
                finalised_at=timezone.localtime(finalised),
                frozen_facts=unit.facts,
            )
            sent_on = finalised.date() + dt.timedelta(days=rng.choice([1, 3, 5, 14]))
            Submission.objects.create(
                draft=draft,
                unit=unit.org,
                superior=actions.superior_of(unit.org),
                year=2017,
                sent_on=sent_on,
            )
            sent += 1
        self.stdout.write(
            f"Đã nạp {count} đảng bộ cơ sở tổng hợp dưới {superior}; {sent} đơn vị đã gửi báo cáo 2017 "
            f"(trong {time.monotonic() - started:.0f} s)."
        )
