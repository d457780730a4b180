"""The section editor's kept lists (kind "editor:<first day>": name, label and value as shown)
are replaced by every figure of the period with its value (kind "report:<first day>"), which
the draft's page reads too: the old rows are computed figures no code reads any more, and the
nightly `keep_figures` computes the new ones."""

from django.db import migrations


def drop_editor_lists(apps, schema_editor):
    kept = apps.get_model("superior", "KeptFigures")
    kept.objects.filter(kind__startswith="editor:").delete()


class Migration(migrations.Migration):
    dependencies = [("superior", "0003_kept_figures")]

    operations = [migrations.RunPython(drop_editor_lists, migrations.RunPython.noop)]
