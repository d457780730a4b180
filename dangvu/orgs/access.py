"""Who reads and changes organizations and their committees (dangvu.core.access)."""

from dangvu.core import access
from dangvu.core.access import Rule, by_org

from .models import (
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
# A committee member's seat is read with the committee's organization and written with it.
access.register(Position, by_org("term__organization"))
access.register(OrganizationType, by_org("organization", noun="loại hình tổ chức"))
access.register(ProfileFigure, by_org("organization", noun="số liệu đặc điểm"))
access.register(OrganizationMove, by_org("organization", noun="chuyển cấp trên"))
# A mass organization's superior in its own system: read and changed with the organization.
access.register(SameSystemSuperior, by_org("organization", noun="cấp trên cùng hệ thống"))
