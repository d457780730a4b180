"""Who reads and changes organizations and their committees (dangvu.core.access)."""

from django.db.models import Q

from dangvu.core import access
from dangvu.core.access import Rule, by_org, by_org_or_person

from .models import (
    PARTY_KINDS,
    Organization,
    OrganizationMove,
    OrganizationName,
    OrganizationType,
    Position,
    ProfileFigure,
    SameSystemSuperior,
    Term,
)

access.register(
    Organization,
    Rule(
        lambda scope, qs: scope.orgs(qs),
        lambda scope, org: scope.can_write_org(org),
        "id",
        noun="tổ chức",
    ),
)
access.register(OrganizationName, by_org("organization"))
access.register(Term, by_org("organization", noun="nhiệm kỳ"))
# A seat in an elected body, written with the body's organization. Read with that organization
# or by whoever reads the person: a seat in a Party committee is part of the Party file (read
# through the Party reach, `party_file`), a seat in a mass organization's executive that
# organization's record about its member, as a membership is.
IN_PARTY_BODY = Q(term__organization__kind__in=PARTY_KINDS)
PARTY_SEAT = by_org_or_person("person", "term__organization", party_file=True)
OTHER_SEAT = by_org_or_person("person", "term__organization")


def read_position(scope, qs):
    return PARTY_SEAT.read(scope, qs.filter(IN_PARTY_BODY)) | OTHER_SEAT.read(
        scope, qs.exclude(IN_PARTY_BODY)
    )


access.register(
    Position, Rule(read_position, PARTY_SEAT.write, "term__organization", noun="chức vụ")
)
access.register(OrganizationType, by_org("organization", noun="loại hình tổ chức"))
access.register(ProfileFigure, by_org("organization", noun="số liệu đặc điểm"))
access.register(OrganizationMove, by_org("organization", noun="chuyển cấp trên"))
# A mass organization's superior in its own system: read and changed with the organization.
access.register(SameSystemSuperior, by_org("organization", noun="cấp trên cùng hệ thống"))
