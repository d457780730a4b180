"""The small organization of the record apps' tests, shared from dangvu.work.tests.conftest."""

from dangvu.work.tests.conftest import *  # noqa: F403
