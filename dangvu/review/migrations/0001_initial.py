"""review's models, moved from `work` with their tables (state only)."""

import django.db.models.deletion
from django.db import migrations, models

from dangvu.work.moves import relabel


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('work', '0005_move_to_oversight'),
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
                    name='DegradationAssessment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField(verbose_name='năm')),
                        ('assessed_on', models.DateField(verbose_name='ngày tự đánh giá')),
                        ('signs', models.JSONField(blank=True, default=list, verbose_name='biểu hiện')),
                        ('note', models.TextField(blank=True, verbose_name='ghi chú')),
                        ('org', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='degradation_assessments', to='orgs.organization')),
                        ('subject_org', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='orgs.organization')),
                        ('subject_person', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='degradation_assessments', to='people.person')),
                    ],
                    options={
                        'verbose_name': 'đánh giá biểu hiện suy thoái',
                        'verbose_name_plural': 'đánh giá biểu hiện suy thoái',
                        'db_table': 'work_degradationassessment',
                        'ordering': ['-year', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='StudyPlan',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField(verbose_name='năm')),
                        ('registered_on', models.DateField(verbose_name='ngày đăng ký')),
                        ('note', models.TextField(blank=True, verbose_name='nội dung')),
                        ('org', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='study_plans', to='orgs.organization')),
                        ('subject_org', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='orgs.organization')),
                        ('subject_person', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='study_plans', to='people.person')),
                    ],
                    options={
                        'verbose_name': 'kế hoạch học tập và làm theo Bác',
                        'verbose_name_plural': 'kế hoạch học tập và làm theo Bác',
                        'db_table': 'work_studyplan',
                        'ordering': ['-year', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='Evaluation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField(verbose_name='năm')),
                        ('score', models.DecimalField(blank=True, decimal_places=1, max_digits=4, null=True, verbose_name='điểm')),
                        ('band', models.CharField(choices=[('excellent', 'Hoàn thành xuất sắc nhiệm vụ'), ('good', 'Hoàn thành tốt nhiệm vụ'), ('done', 'Hoàn thành nhiệm vụ'), ('not_done', 'Không hoàn thành nhiệm vụ')], max_length=12, verbose_name='xếp loại')),
                        ('rule_source', models.CharField(max_length=255, verbose_name='căn cứ')),
                        ('evaluated_on', models.DateField(verbose_name='ngày đánh giá')),
                        ('note', models.TextField(blank=True, verbose_name='ghi chú')),
                        ('org', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='evaluations', to='orgs.organization')),
                        ('subject_org', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='own_evaluations', to='orgs.organization')),
                        ('subject_person', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='evaluations', to='people.person')),
                    ],
                    options={
                        'verbose_name': 'đánh giá, xếp loại',
                        'verbose_name_plural': 'đánh giá, xếp loại',
                        'db_table': 'work_evaluation',
                        'ordering': ['-year', 'id'],
                        'constraints': [models.UniqueConstraint(condition=models.Q(('subject_person__isnull', False)), fields=('year', 'subject_person'), name='one_evaluation_per_person_year'), models.UniqueConstraint(condition=models.Q(('subject_org__isnull', False)), fields=('year', 'subject_org'), name='one_evaluation_per_org_year')],
                    },
                ),
                migrations.CreateModel(
                    name='Pledge',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField(verbose_name='năm')),
                        ('signed_on', models.DateField(verbose_name='ngày ký')),
                        ('note', models.TextField(blank=True, verbose_name='nội dung')),
                        ('org', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='pledges', to='orgs.organization')),
                        ('person', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='pledges', to='people.person')),
                    ],
                    options={
                        'verbose_name': 'bản cam kết',
                        'verbose_name_plural': 'bản cam kết',
                        'db_table': 'work_pledge',
                        'ordering': ['-year', 'id'],
                        'constraints': [models.UniqueConstraint(fields=('year', 'person'), name='one_pledge_per_year')],
                    },
                ),
                migrations.CreateModel(
                    name='Shortcoming',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('review_year', models.PositiveSmallIntegerField(verbose_name='năm kiểm điểm')),
                        ('number', models.PositiveSmallIntegerField(verbose_name='số thứ tự')),
                        ('text', models.TextField(verbose_name='nội dung hạn chế, khuyết điểm')),
                        ('plan', models.TextField(blank=True, verbose_name='biện pháp khắc phục')),
                        ('due_on', models.DateField(blank=True, null=True, verbose_name='thời hạn khắc phục')),
                        ('remedied_on', models.DateField(blank=True, null=True, verbose_name='ngày khắc phục xong')),
                        ('org', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='shortcomings', to='orgs.organization')),
                    ],
                    options={
                        'verbose_name': 'hạn chế, khuyết điểm',
                        'verbose_name_plural': 'hạn chế, khuyết điểm',
                        'db_table': 'work_shortcoming',
                        'ordering': ['-review_year', 'number'],
                        'constraints': [models.UniqueConstraint(fields=('org', 'review_year', 'number'), name='one_shortcoming_number')],
                    },
                ),
            ],
        ),
        relabel('review', ['evaluation', 'degradationassessment', 'pledge', 'studyplan', 'shortcoming']),
    ]
