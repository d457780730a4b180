"""Audit entries say what they record: a change, a file leaving dangvu, a background job asked
for. The entries written before are marked as their writers now mark them, found by how each
wrote them (not by their action names, which say nothing reliable)."""

from django.db import migrations, models


def mark_existing(apps, schema_editor):
    AuditEntry = apps.get_model("accounts", "AuditEntry")
    # `audit.record_export`: a person-list entry about no one person, counting the file's rows.
    AuditEntry.objects.filter(
        target_type="people.person", target_id__isnull=True, after__has_key="rows"
    ).update(kind="export")
    # The signed consolidated figures (`export_federation`) and a backup: files written by
    # `audit.record`/directly before they could be marked.
    AuditEntry.objects.filter(action="federation.export", target_type="orgs.organization").update(
        kind="export"
    )
    AuditEntry.objects.filter(action="ops.backup", target_type="ops.backup").update(kind="export")
    # `ops.jobs.start`: every entry about a job is the request for it.
    AuditEntry.objects.filter(target_type="ops.job").update(kind="request")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_alter_role_kind"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditentry",
            name="kind",
            field=models.CharField(
                choices=[
                    ("change", "thay đổi"),
                    ("export", "xuất tệp"),
                    ("request", "yêu cầu chạy nền"),
                ],
                default="change",
                max_length=8,
                verbose_name="loại",
            ),
        ),
        migrations.RunPython(mark_existing, migrations.RunPython.noop),
    ]
