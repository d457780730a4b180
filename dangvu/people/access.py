"""Who reads and changes people's records (dangvu.core.access). Whom a scope reaches is decided
by `Scope.people`: the organizations a person is attached to on the day, or the member
themselves; a person's page also opens to the cell they attend temporarily (`read_person`)."""

import dataclasses

from django.utils import timezone

from dangvu.core import access
from dangvu.core.access import Rule, by_org, by_org_or_person, by_person
from dangvu.core.ids import any_of
from dangvu.orgs.models import active_on

from .models import (
    Exemption,
    IrregularIntroduction,
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


def read_person(scope, qs):
    """The people of `qs` the scope reads: those `Scope.people` reaches, and those attending a
    cell its Party roles read temporarily, as of today (sinh hoạt đảng tạm thời): the host cell
    collects their fee for those months (rules/fees, [temporary]) and meets with them, so it
    opens their page. The person only: their Party file (profile, card, exemptions, fees beyond
    the host's, evaluations) is read by the `party_file` rules through `Scope.people`, the
    official side, which this does not widen; writing the person is not widened either.

    From the day the attachment ends the host no longer opens the page, as a cell a member has
    left does not (`Scope.people`): what it collected stays in its own records, the payments to
    it and its fee books (closed ones included), which are the cell's, not the person's."""
    if scope.sees_everything:
        return qs
    visiting = TemporaryAttachment.objects.filter(
        active_on(timezone.localdate()),
        cell_id__in=any_of(scope.party.read_org_ids),
        person__isnull=False,
    ).values("person_id")
    return scope.people(qs) | qs.filter(id__in=visiting)


access.register(
    Person,
    Rule(
        read_person,
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
# with it or by whoever reads the member (their own cell's office sees where they attend). An
# introduction to a host outside dangvu (no `cell`) is the member's own cell's record: read and
# written with their Party file.
_attachment = by_org_or_person(
    "person", "cell", party_file=True, noun="sinh hoạt tạm thời", url_param="attachment_id"
)


def _write_attachment(scope, attachment):
    if attachment.cell_id is None:
        return scope.party.can_write_person(attachment.person)
    return _attachment.write(scope, attachment)


access.register(TemporaryAttachment, dataclasses.replace(_attachment, write=_write_attachment))

# An introduction found irregular or forged: the record of the organization that found it, read
# with it or with the member's Party file, written with the organization.
access.register(IrregularIntroduction, by_org_or_person("person", party_file=True))
