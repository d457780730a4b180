"""The mobilisation records leave work's state; their tables stay, now mobilisation's."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('mobilisation', '0001_initial'),
        ('work', '0002_vietnamese_names'),
    ]

    operations = [
        # The tables stay: they now belong to mobilisation (Meta.db_table).
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='contribution',
                    name='campaign',
                ),
                migrations.RemoveField(
                    model_name='contribution',
                    name='contributor_org',
                ),
                migrations.RemoveField(
                    model_name='contribution',
                    name='contributor_person',
                ),
                migrations.DeleteModel(
                    name='Campaign',
                ),
                migrations.DeleteModel(
                    name='Contribution',
                ),
            ],
        ),
    ]
