"""The training records leave work's state; their tables stay, now training's."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('training', '0001_initial'),
        ('work', '0003_move_to_mobilisation'),
    ]

    operations = [
        # The tables stay: they now belong to training (Meta.db_table).
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(
                    name='Enrolment',
                ),
            ],
        ),
    ]
