"""Who reads and changes people's records (dangvu.core.access). Whom a scope reaches is decided
by `Scope.people`: the organizations a person is attached to on the day, or the member
themselves."""

from dangvu.core import access
from dangvu.core.access import Rule, by_org, by_org_or_person, by_person

from .models import (
    Exemption,
    Membership,
    PartyBadge,
    PartyCardIssue,
    PartyIntroduction,
    PartyProfile,
    Person,
    Qualification,
    StaffQuota,
    StaffRecord,
    Suspension,
    TemporaryAttachment,
)

access.register(
    Person,
    Rule(
        lambda scope, qs: scope.people(qs),
        lambda scope, person: scope.can_write_person(person),
        "home_org",
        noun="hồ sơ",
    ),
)
access.register(Membership, by_org_or_person("person"))
for model in (StaffRecord, Qualification):
    access.register(model, by_person())
# A member's Party file: read and changed with the person through a Party role, not by a mass
# organization's executive, who reads the person as its member.
for model in (PartyProfile, PartyBadge, PartyCardIssue):
    access.register(model, by_person(party_file=True))
access.register(StaffQuota, by_org("agency"))

# Exemption from Party work and meetings: read and changed with the person's Party file.
access.register(Exemption, by_person(party_file=True))
# An introduction to the Party: written by the mass organization that made it, read with it or
# by whoever reads the person introduced.
access.register(PartyIntroduction, by_org_or_person("person"))

# Suspension from Party activities: read and changed with the person's Party file, as an
# exemption is.
access.register(Suspension, by_person(party_file=True))
# A temporary attachment is the host cell's record: written by whoever writes the cell, read
# with it or by whoever reads the member (their own cell's office sees where they attend).
access.register(
    TemporaryAttachment,
    by_org_or_person(
        "person", "cell", party_file=True, noun="sinh hoạt tạm thời", url_param="attachment_id"
    ),
)
