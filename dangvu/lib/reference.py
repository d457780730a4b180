"""Where the reference annual report is, for the tests and benchmarks that compare against it.

The report is not part of the repository: it lies in `shared/reference/` beside the checkout, or
wherever `DANGVU_REFERENCE_REPORT` points. Without it those tests skip and the benchmarks say so.
"""

import os
from pathlib import Path

ENV = "DANGVU_REFERENCE_REPORT"
NAME = "bao-cao-2017-dang-bo-so-tttt.md"
MISSING = (
    f"the reference report is not here: set {ENV} to its path "
    f"or put shared/reference/{NAME} beside the checkout"
)


def reference_report_path() -> Path | None:
    """The reference report's path, or None when this machine does not have it."""
    if os.environ.get(ENV):
        path = Path(os.environ[ENV])
    else:
        checkout = Path(__file__).resolve().parents[2]
        path = checkout.parent / "shared" / "reference" / NAME
    return path if path.is_file() else None
