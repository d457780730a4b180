"""The meetings records leave work's state; their tables stay, now meetings's."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('programme', '0002_evidence_from_meetings'),
        ('meetings', '0001_initial'),
        ('work', '0007_move_to_programme'),
    ]

    operations = [
        # The tables stay: they now belong to meetings (Meta.db_table).
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='meetingminutes',
                    name='activity',
                ),
                migrations.RemoveField(
                    model_name='activityorg',
                    name='activity',
                ),
                migrations.RemoveField(
                    model_name='attendance',
                    name='activity',
                ),
                migrations.RemoveField(
                    model_name='activityorg',
                    name='org',
                ),
                migrations.RemoveField(
                    model_name='attendance',
                    name='person',
                ),
                migrations.RemoveField(
                    model_name='meetingminutes',
                    name='chair',
                ),
                migrations.RemoveField(
                    model_name='meetingminutes',
                    name='recorder',
                ),
                migrations.RemoveField(
                    model_name='meetingtask',
                    name='minutes',
                ),
                migrations.RemoveField(
                    model_name='meetingtask',
                    name='assignee',
                ),
                migrations.DeleteModel(
                    name='Activity',
                ),
                migrations.DeleteModel(
                    name='ActivityOrg',
                ),
                migrations.DeleteModel(
                    name='Attendance',
                ),
                migrations.DeleteModel(
                    name='MeetingMinutes',
                ),
                migrations.DeleteModel(
                    name='MeetingTask',
                ),
            ],
        ),
    ]
