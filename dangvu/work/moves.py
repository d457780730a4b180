"""The record kinds that left `work` for their own apps keep their tables (`Meta.db_table`); the
migrations only move them in Django's state. What names a model by its app label moves with it:
its content type and the audit entries about its records (`target_type`)."""

from django.db import migrations


def relabel(app_label, model_names):
    """A RunPython moving `model_names` (lower case) from `work` to `app_label`, and back."""

    def forward(apps, schema_editor):
        _move(apps, "work", app_label, model_names)

    def backward(apps, schema_editor):
        _move(apps, app_label, "work", model_names)

    return migrations.RunPython(forward, backward)


def _move(apps, old, new, model_names):
    content_type = apps.get_model("contenttypes", "ContentType")
    entry = apps.get_model("accounts", "AuditEntry")
    for name in model_names:
        if not content_type.objects.filter(app_label=new, model=name).exists():
            content_type.objects.filter(app_label=old, model=name).update(app_label=new)
        entry.objects.filter(target_type=f"{old}.{name}").update(target_type=f"{new}.{name}")
