"""Who reads and changes these records (dangvu.core.access): an inspection, a verification or a score goes with the organization
that made it; a verification is also read by whoever reads the person through a Party role (a
Party record: `party_file`)."""

from dangvu.core import access
from dangvu.core.access import by_org, by_org_or_person

from .models import Inspection, InspectionProgramme, Score, Verification

access.register(InspectionProgramme, by_org())
access.register(Inspection, by_org(noun="cuộc kiểm tra", url_param="inspection_id"))
access.register(Verification, by_org_or_person("person", party_file=True))
access.register(Score, by_org())
