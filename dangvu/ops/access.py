"""Who reads background jobs (dangvu.core.access): the organization's readers through the
registry; the pages narrow further to the user who asked (dangvu.ops.views)."""

from dangvu.core import access
from dangvu.core.access import by_org

from .models import Job

access.register(Job, by_org("org", noun="việc"))
