"""Evidence links point at activities, now in meetings (state only)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('meetings', '0001_initial'),
        ('programme', '0001_initial'),
    ]

    operations = [
        # The link table stays: only the model it points to moved (to meetings).
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='programmeitem',
                    name='evidence',
                    field=models.ManyToManyField(blank=True, db_table='work_programmeitem_evidence', related_name='programme_items', to='meetings.activity'),
                ),
            ],
        ),
    ]
