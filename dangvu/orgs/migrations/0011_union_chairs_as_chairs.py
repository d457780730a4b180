"""A trade union's, a veterans' association's or another mass organization's head was recorded
as Bí thư (and its deputy as Phó Bí thư) before those bodies had roles of their own: their seats
become Chủ tịch and Phó Chủ tịch, each change with its audit entry (the role before and after),
so the page of the person and of the organization keep what was recorded."""

from django.db import migrations

PRESIDED_KINDS = ("trade_union", "veterans", "mass")
RENAMED = {"secretary": ("president", "Chủ tịch"), "deputy_secretary": ("vice_president", "Phó Chủ tịch")}


def forwards(apps, schema_editor):
    Position = apps.get_model("orgs", "Position")
    AuditEntry = apps.get_model("accounts", "AuditEntry")
    seats = Position.objects.filter(
        term__body="executive",
        term__organization__kind__in=PRESIDED_KINDS,
        role__in=list(RENAMED),
    ).select_related("term__organization")
    for seat in seats:
        role, label = RENAMED[seat.role]
        before = seat.role
        seat.role = role
        seat.save(update_fields=["role"])
        AuditEntry.objects.create(
            action="position.role",
            summary=f"Chức vụ ghi lại là {label} (trước ghi theo chức vụ của Đảng)",
            target_type="orgs.position",
            target_id=seat.pk,
            person_id=seat.person_id,
            org_id=seat.term.organization_id,
            before={"role": before},
            after={"role": role},
        )


def backwards(apps, schema_editor):
    Position = apps.get_model("orgs", "Position")
    back = {new: old for old, (new, _label) in RENAMED.items()}
    for seat in Position.objects.filter(
        term__organization__kind__in=PRESIDED_KINDS, role__in=list(back)
    ):
        seat.role = back[seat.role]
        seat.save(update_fields=["role"])


class Migration(migrations.Migration):
    dependencies = [
        ("orgs", "0010_mass_roles_and_same_system_superior"),
        ("accounts", "0004_vietnamese_names"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
