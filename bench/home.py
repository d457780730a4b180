"""The home dashboard of each demo role: time and number of queries per page.

Target (issue 14): each role's dashboard renders in under 500 ms on SQLite with the demo data,
as of a date with work in every panel (10/04/2018: months unpaid, a member due for recognition).
Run: .venv/bin/python bench/home.py
"""

import statistics
import time
from io import StringIO

from _setup import QueryCounter, django_setup, verdict

django_setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

PASSWORD = "bench-pass-123"
URL = "/?ngay=2018-04-10"


def main():
    call_command("load_demo", password=PASSWORD, stdout=StringIO())
    ok = True
    with override_settings(ALLOWED_HOSTS=["testserver"]):
        for username in ["vanphong", "bithu1", "dangvien", "captren"]:
            client = Client()
            assert client.login(username=username, password=PASSWORD)
            client.get(URL)  # warm caches (templates, rule files)
            times = []
            for _ in range(5):
                with QueryCounter() as queries:
                    start = time.perf_counter()
                    response = client.get(URL)
                    times.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200, response.status_code
            median = statistics.median(times)
            print(f"{username}: {median:.0f} ms (trung vị 5 lần), {queries.count} truy vấn")
            ok &= verdict(f"bảng việc {username}", median, 500)
    return ok


if __name__ == "__main__":
    main()
