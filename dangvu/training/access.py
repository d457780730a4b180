"""Who reads and changes these records (dangvu.core.access): a training goes with the organization that sent the person, and is read by
whoever reads the person."""

from dangvu.core import access
from dangvu.core.access import by_org_or_person

from .models import Enrolment

access.register(Enrolment, by_org_or_person("person", noun="khóa học", url_param="enrolment_id"))
