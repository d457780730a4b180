"""The oversight records leave work's state; their tables stay, now oversight's."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('oversight', '0001_initial'),
        ('work', '0004_move_to_training'),
    ]

    operations = [
        # The tables stay: they now belong to oversight (Meta.db_table).
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='inspectionprogramme',
                    name='org',
                ),
                migrations.RemoveField(
                    model_name='score',
                    name='org',
                ),
                migrations.RemoveField(
                    model_name='verification',
                    name='org',
                ),
                migrations.RemoveField(
                    model_name='verification',
                    name='person',
                ),
                migrations.DeleteModel(
                    name='Inspection',
                ),
                migrations.DeleteModel(
                    name='InspectionProgramme',
                ),
                migrations.DeleteModel(
                    name='Score',
                ),
                migrations.DeleteModel(
                    name='Verification',
                ),
            ],
        ),
    ]
