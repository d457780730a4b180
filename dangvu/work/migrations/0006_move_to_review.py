"""The review records leave work's state; their tables stay, now review's."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('review', '0001_initial'),
        ('work', '0005_move_to_oversight'),
    ]

    operations = [
        # The tables stay: they now belong to review (Meta.db_table).
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='evaluation',
                    name='org',
                ),
                migrations.RemoveField(
                    model_name='evaluation',
                    name='subject_org',
                ),
                migrations.RemoveField(
                    model_name='evaluation',
                    name='subject_person',
                ),
                migrations.RemoveField(
                    model_name='pledge',
                    name='org',
                ),
                migrations.RemoveField(
                    model_name='pledge',
                    name='person',
                ),
                migrations.RemoveField(
                    model_name='shortcoming',
                    name='org',
                ),
                migrations.RemoveField(
                    model_name='studyplan',
                    name='org',
                ),
                migrations.RemoveField(
                    model_name='studyplan',
                    name='subject_org',
                ),
                migrations.RemoveField(
                    model_name='studyplan',
                    name='subject_person',
                ),
                migrations.DeleteModel(
                    name='DegradationAssessment',
                ),
                migrations.DeleteModel(
                    name='Evaluation',
                ),
                migrations.DeleteModel(
                    name='Pledge',
                ),
                migrations.DeleteModel(
                    name='Shortcoming',
                ),
                migrations.DeleteModel(
                    name='StudyPlan',
                ),
            ],
        ),
    ]
