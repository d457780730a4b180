"""Activity search that ignores diacritics ("quan triet" finds "Quán triệt"), at province scale.

Titles have no folded column: the list folds the titles left after its other filters (lib.text
.fold, a translate table); a regex of accented letters run by the database measured slower.
Target: the activity list searched over 50,000 activities (all years, no other filter, the worst
case) answers in under 1000 ms. Run: .venv/bin/python bench/activity_search.py
"""

import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _setup import django_setup, timed, verdict  # noqa: E402

ACTIVITIES = 50_000
TITLES = [
    "Quán triệt Nghị quyết Hội nghị lần thứ {n} Ban Chấp hành Trung ương",
    "Sinh hoạt chi bộ thường kỳ tháng {n}",
    "Hội nghị đánh giá, xếp loại đảng viên đợt {n}",
    "Đảng bộ triển khai Chỉ thị số {n}-CT/TW",
]


def main():
    django_setup()
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.test.utils import setup_test_environment

    from dangvu.meetings.models import Activity, ActivityOrg
    from dangvu.orgs import actions as org_actions
    from dangvu.orgs.models import Organization

    K = Organization.Kind
    org = org_actions.create_org(
        None, kind=K.PARTY_COMMITTEE, name="Đảng bộ thử", slug="thu", valid_from=dt.date(2000, 1, 1)
    )
    start = dt.date(2010, 1, 1)
    activities = Activity.objects.bulk_create(
        Activity(
            kind=Activity.Kind.REGULAR_MEETING,
            title=TITLES[i % len(TITLES)].format(n=i),
            starts_on=start + dt.timedelta(days=i % 5000),
        )
        for i in range(ACTIVITIES)
    )
    ActivityOrg.objects.bulk_create(
        ActivityOrg(activity=a, org=org, role=ActivityOrg.Role.ORGANIZER) for a in activities
    )
    user = get_user_model().objects.create_superuser("bench", password="x")
    setup_test_environment()  # response.context, and "testserver" as an allowed host
    client = Client()
    client.force_login(user)

    def search():
        response = client.get("/hoat-dong/", {"q": "quan triet"})
        assert response.status_code == 200, response.status_code
        return response.context["sessions"]

    found, ms, queries = timed(search)
    print(
        f"'quan triet' over {ACTIVITIES} activities: {found} found, {ms:.0f} ms, {queries} queries"
    )
    assert found == ACTIVITIES // len(TITLES)
    _, plain_ms, _ = timed(lambda: client.get("/hoat-dong/"))
    print(f"the same list without a search: {plain_ms:.0f} ms")
    verdict("tìm hoạt động không dấu trên 50.000 hoạt động", ms, 1000)


if __name__ == "__main__":
    main()
