"""The small organization of the record apps' tests, shared from dangvu.work.tests.conftest."""

from dangvu.work.tests.conftest import *  # noqa: F403

from .monthly_world import school  # noqa: F401  (the invented cell of the monthly meeting tests)
from .workshop import workshop  # noqa: F401  (the invented workshop cell meeting in the evening)
