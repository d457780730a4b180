"""Who reads and changes these records (dangvu.core.access): a programme, its items and an indicator go with their
organization."""

from dangvu.core import access
from dangvu.core.access import by_org

from .models import Indicator, ProgrammeItem, WorkProgramme

access.register(WorkProgramme, by_org(noun="chương trình", url_param="programme_id"))
access.register(
    ProgrammeItem,
    by_org("programme__org", noun="nội dung chương trình", url_param="item_id"),
)
access.register(Indicator, by_org())
