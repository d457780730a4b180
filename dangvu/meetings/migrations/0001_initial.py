"""meetings' models, moved from `work` with their tables (state only)."""

import django.db.models.deletion
from django.db import migrations, models

from dangvu.work.moves import relabel


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('work', '0007_move_to_programme'),
        ('accounts', '0004_vietnamese_names'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('orgs', '0003_vietnamese_names'),
        ('people', '0003_person_sort_name'),
    ]

    operations = [
        # The tables were created by work's migrations: only Django's state moves here.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Activity',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('regular_meeting', 'Sinh hoạt chi bộ thường kỳ'), ('thematic_meeting', 'Sinh hoạt chi bộ chuyên đề'), ('committee_meeting', 'Họp cấp ủy, làm việc'), ('conference', 'Hội nghị'), ('dissemination', 'Quán triệt, triển khai văn bản'), ('training', 'Hội nghị tập huấn, bồi dưỡng'), ('congress', 'Đại hội'), ('contest', 'Cuộc thi, hội thao'), ('visit', 'Thăm hỏi, làm việc với địa phương'), ('other', 'Hoạt động khác')], max_length=24, verbose_name='loại')),
                        ('title', models.CharField(max_length=500, verbose_name='tên hoạt động')),
                        ('starts_on', models.DateField(verbose_name='ngày')),
                        ('ends_on', models.DateField(blank=True, null=True, verbose_name='đến ngày')),
                        ('place', models.CharField(blank=True, max_length=255, verbose_name='địa điểm')),
                        ('host_name', models.CharField(blank=True, max_length=255, verbose_name='đơn vị tổ chức (ngoài hệ thống)')),
                        ('head_count', models.PositiveIntegerField(default=0, verbose_name='số đại biểu, khách (không điểm danh)')),
                        ('key', models.SlugField(blank=True, max_length=64, verbose_name='mã số liệu')),
                        ('notes', models.TextField(blank=True, verbose_name='nội dung, ghi chú')),
                        ('present_count', models.PositiveIntegerField(default=0, editable=False, verbose_name='số có mặt')),
                    ],
                    options={
                        'verbose_name': 'hoạt động',
                        'verbose_name_plural': 'hoạt động',
                        'db_table': 'work_activity',
                        'ordering': ['-starts_on', '-id'],
                    },
                ),
                migrations.CreateModel(
                    name='ActivityOrg',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('role', models.CharField(choices=[('organizer', 'Tổ chức'), ('participant', 'Tham dự')], max_length=16)),
                        ('activity', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='links', to='meetings.activity')),
                        ('org', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='activity_links', to='orgs.organization')),
                    ],
                    options={
                        'verbose_name': 'đơn vị tham gia hoạt động',
                        'verbose_name_plural': 'đơn vị tham gia hoạt động',
                        'db_table': 'work_activityorg',
                    },
                ),
                migrations.AddField(
                    model_name='activity',
                    name='orgs',
                    field=models.ManyToManyField(related_name='activities', through='meetings.ActivityOrg', to='orgs.organization'),
                ),
                migrations.CreateModel(
                    name='Attendance',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('status', models.CharField(choices=[('present', 'Có mặt'), ('excused', 'Vắng có lý do'), ('absent', 'Vắng không lý do')], max_length=8, verbose_name='điểm danh')),
                        ('reason', models.CharField(blank=True, max_length=255, verbose_name='lý do vắng')),
                        ('activity', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='attendances', to='meetings.activity')),
                        ('person', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='attendances', to='people.person')),
                    ],
                    options={
                        'verbose_name': 'điểm danh',
                        'verbose_name_plural': 'điểm danh',
                        'db_table': 'work_attendance',
                    },
                ),
                migrations.CreateModel(
                    name='MeetingMinutes',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('fee_note', models.CharField(blank=True, max_length=255, verbose_name='thu đảng phí')),
                        ('resolution', models.TextField(blank=True, verbose_name='nghị quyết, kết luận')),
                        ('quality', models.CharField(blank=True, choices=[('good', 'Tốt'), ('fair', 'Khá'), ('average', 'Trung bình'), ('weak', 'Kém')], max_length=8, verbose_name='xếp loại buổi sinh hoạt')),
                        ('score', models.DecimalField(blank=True, decimal_places=1, max_digits=4, null=True, verbose_name='điểm')),
                        ('activity', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='minutes', to='meetings.activity')),
                        ('chair', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='people.person', verbose_name='chủ trì')),
                        ('recorder', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='people.person', verbose_name='thư ký')),
                    ],
                    options={
                        'verbose_name': 'biên bản sinh hoạt chi bộ',
                        'verbose_name_plural': 'biên bản sinh hoạt chi bộ',
                        'db_table': 'work_meetingminutes',
                    },
                ),
                migrations.CreateModel(
                    name='MeetingTask',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('text', models.CharField(max_length=500, verbose_name='nhiệm vụ')),
                        ('deadline', models.DateField(blank=True, null=True, verbose_name='thời hạn')),
                        ('done_on', models.DateField(blank=True, null=True, verbose_name='hoàn thành ngày')),
                        ('assignee', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='people.person')),
                        ('minutes', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='tasks', to='meetings.meetingminutes')),
                    ],
                    options={
                        'verbose_name': 'nhiệm vụ trong biên bản',
                        'verbose_name_plural': 'nhiệm vụ trong biên bản',
                        'db_table': 'work_meetingtask',
                        'ordering': ['deadline', 'id'],
                    },
                ),
                migrations.AddIndex(
                    model_name='activityorg',
                    index=models.Index(fields=['org', 'role'], name='work_activi_org_id_6110cd_idx'),
                ),
                migrations.AddConstraint(
                    model_name='activityorg',
                    constraint=models.UniqueConstraint(fields=('activity', 'org'), name='one_role_per_activity'),
                ),
                migrations.AddIndex(
                    model_name='activity',
                    index=models.Index(fields=['starts_on', 'kind'], name='work_activi_starts__76bc65_idx'),
                ),
                migrations.AddIndex(
                    model_name='attendance',
                    index=models.Index(fields=['activity', 'status'], name='work_attend_activit_1b5686_idx'),
                ),
                migrations.AddConstraint(
                    model_name='attendance',
                    constraint=models.UniqueConstraint(fields=('activity', 'person'), name='one_attendance_each'),
                ),
            ],
        ),
        relabel('meetings', ['activity', 'activityorg', 'attendance', 'meetingminutes', 'meetingtask']),
    ]
