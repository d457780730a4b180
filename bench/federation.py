"""The federation file at national scale, simulated: N province files (default 34), each with
UNITS grassroots units (default 1.530, the national average) and the consolidation's own figure
names, signed as `export_federation` signs them, then verified and added up as
`import_federation` does. Prints the size of a file and the time per file to sign, and to verify
and add up.

The figures are drawn at random (their names are those of a real consolidation of a small
synthetic province): the bench measures the file, its signature and the sum, not the
consolidation, which `bench/province.py` and `bench/serve.py` measure.
Target: verifying and adding up one province's file under 1 s (34 provinces in half a minute).
Run: .venv/bin/python bench/federation.py [N] [UNITS]
"""

import datetime as dt
import json
import random
import sys
import time

from _setup import django_setup, verdict

django_setup()

from dangvu.core.facts import Period  # noqa: E402
from dangvu.federation import (  # noqa: E402
    Trusted,
    canonical,
    key_id,
    public_text,
    receive,
    sign,
)
from dangvu.superior import synthetic  # noqa: E402
from dangvu.superior.consolidate import consolidate  # noqa: E402


def fact_names():
    root = synthetic.build(committees=2, cells=1, members=5, prefix="ten")
    result = consolidate(root, Period.year(2017))
    return [name for name, value in result.totals.items() if isinstance(value, int)]


def province_payload(rng, number, units, names):
    facts_of_units = [{name: rng.randint(0, 400) for name in names} for _ in range(units)]
    return {
        "org": f"tinh-{number:02d}",
        "name": f"Tỉnh ủy {number:02d}",
        "year": 2025,
        "period": "",
        "start": "2025-01-01",
        "end": "2025-12-31",
        "made_at": dt.datetime(2026, 1, 15, 8, 0).isoformat(),
        "made_by": "vanphong",
        "units": [
            {"org": f"tinh-{number:02d}-{i}", "name": f"Đảng bộ {i}", "facts": facts}
            for i, facts in enumerate(facts_of_units)
        ],
        "facts": {name: sum(u[name] for u in facts_of_units) for name in names},
    }


def main():
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 34
    units = int(sys.argv[2]) if len(sys.argv) > 2 else 1530
    names = fact_names()
    rng = random.Random(1)
    files, trust, expected = [], {}, {}
    sign_seconds = 0.0
    for number in range(count):
        key = Ed25519PrivateKey.generate()
        payload = province_payload(rng, number, units, names)
        start = time.perf_counter()
        content = json.dumps(sign(payload, key), ensure_ascii=False).encode()
        sign_seconds += time.perf_counter() - start
        public = public_text(key.public_key())
        trust[key_id(public)] = Trusted(key.public_key(), payload["org"], payload["name"])
        files.append((f"tinh-{number:02d}.json", content))
        for name, value in payload["facts"].items():
            expected[name] = expected.get(name, 0) + value
    start = time.perf_counter()
    received = receive(files, trust)
    verify_seconds = time.perf_counter() - start
    same = received.totals == expected
    size = sum(len(c) for _n, c in files) / count
    print(
        f"{count} tỉnh × {units} đơn vị × {len(names)} số liệu: tệp {size / 1e6:.1f} MB mỗi tỉnh "
        f"(phần ký {len(canonical(json.loads(files[0][1])['payload'])) / 1e6:.1f} MB); "
        f"ký {sign_seconds / count * 1000:.0f} ms/tệp; kiểm tra chữ ký và cộng "
        f"{verify_seconds / count * 1000:.0f} ms/tệp, {verify_seconds:.1f} s cả nước; "
        f"tổng {'khớp' if same else 'KHÔNG KHỚP'} tổng từng tỉnh"
    )
    verdict("kiểm tra và cộng một tệp tỉnh", verify_seconds / count * 1000, 1000)
    if not same:
        print("MỤC TIÊU tổng cả nước khớp tổng các tỉnh: chưa đạt")


if __name__ == "__main__":
    main()
