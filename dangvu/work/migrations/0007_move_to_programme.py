"""The programme records leave work's state; their tables stay, now programme's."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('programme', '0001_initial'),
        ('work', '0006_move_to_review'),
    ]

    operations = [
        # The tables stay: they now belong to programme (Meta.db_table).
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='programmeitem',
                    name='carried_from',
                ),
                migrations.RemoveField(
                    model_name='programmeitem',
                    name='evidence',
                ),
                migrations.RemoveField(
                    model_name='programmeitem',
                    name='owner_org',
                ),
                migrations.RemoveField(
                    model_name='programmeitem',
                    name='programme',
                ),
                migrations.RemoveField(
                    model_name='workprogramme',
                    name='org',
                ),
                migrations.DeleteModel(
                    name='Indicator',
                ),
                migrations.DeleteModel(
                    name='ProgrammeItem',
                ),
                migrations.DeleteModel(
                    name='WorkProgramme',
                ),
            ],
        ),
    ]
