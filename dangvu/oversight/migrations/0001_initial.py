"""oversight's models, moved from `work` with their tables (state only)."""

import django.db.models.deletion
from django.db import migrations, models

from dangvu.work.moves import relabel


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('work', '0004_move_to_training'),
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
                    name='InspectionProgramme',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField(verbose_name='năm')),
                        ('title', models.CharField(max_length=500, verbose_name='tên chương trình')),
                        ('notes', models.TextField(blank=True, verbose_name='nội dung')),
                        ('org', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='inspection_programmes', to='orgs.organization')),
                    ],
                    options={
                        'verbose_name': 'chương trình kiểm tra, giám sát',
                        'verbose_name_plural': 'chương trình kiểm tra, giám sát',
                        'db_table': 'work_inspectionprogramme',
                        'ordering': ['-year', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='Inspection',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('direction', models.CharField(choices=[('conducted', 'Tiến hành'), ('received', 'Được kiểm tra, giám sát')], max_length=12, verbose_name='chiều')),
                        ('kind', models.CharField(choices=[('inspection', 'Kiểm tra'), ('supervision', 'Giám sát')], max_length=12, verbose_name='loại')),
                        ('inspector', models.CharField(max_length=255, verbose_name='chủ thể kiểm tra')),
                        ('subject', models.TextField(verbose_name='nội dung')),
                        ('decision', models.CharField(blank=True, max_length=500, verbose_name='quyết định, căn cứ')),
                        ('starts_on', models.DateField(verbose_name='từ ngày')),
                        ('ends_on', models.DateField(blank=True, null=True, verbose_name='đến ngày')),
                        ('conclusion', models.TextField(blank=True, verbose_name='kết luận')),
                        ('org', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='inspections', to='orgs.organization')),
                        ('subject_org', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='orgs.organization', verbose_name='tổ chức được kiểm tra')),
                        ('subject_person', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='people.person', verbose_name='đảng viên được kiểm tra')),
                        ('programme', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='inspections', to='oversight.inspectionprogramme')),
                    ],
                    options={
                        'verbose_name': 'kiểm tra, giám sát',
                        'verbose_name_plural': 'kiểm tra, giám sát',
                        'db_table': 'work_inspection',
                        'ordering': ['-starts_on', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='Verification',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('purpose', models.CharField(choices=[('appointment', 'Bổ nhiệm'), ('admission', 'Phát triển đảng'), ('recognition', 'Chuyển đảng chính thức'), ('other', 'Khác')], max_length=12, verbose_name='mục đích')),
                        ('requested_on', models.DateField(verbose_name='ngày bắt đầu')),
                        ('completed_on', models.DateField(blank=True, null=True, verbose_name='ngày hoàn thành')),
                        ('result', models.TextField(blank=True, verbose_name='kết quả')),
                        ('org', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='verifications', to='orgs.organization')),
                        ('person', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='verifications', to='people.person')),
                    ],
                    options={
                        'verbose_name': 'thẩm tra lý lịch',
                        'verbose_name_plural': 'thẩm tra lý lịch',
                        'db_table': 'work_verification',
                        'ordering': ['-requested_on', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='Score',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField(verbose_name='năm')),
                        ('area', models.CharField(choices=[('inspection_committee', 'Công tác kiểm tra, giám sát (UBKT)'), ('party_organization', 'Chất lượng tổ chức đảng'), ('trade_union', 'Công đoàn'), ('youth_union', 'Đoàn Thanh niên'), ('veterans', 'Hội Cựu chiến binh'), ('mass_mobilization', 'Công tác dân vận')], max_length=24, verbose_name='lĩnh vực')),
                        ('body', models.CharField(max_length=255, verbose_name='cơ quan chấm điểm')),
                        ('score', models.DecimalField(decimal_places=1, max_digits=4, verbose_name='điểm')),
                        ('scored_on', models.DateField(blank=True, null=True, verbose_name='ngày chấm')),
                        ('note', models.TextField(blank=True, verbose_name='ghi chú')),
                        ('org', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='scores', to='orgs.organization', verbose_name='tổ chức được chấm')),
                    ],
                    options={
                        'verbose_name': 'kết quả chấm điểm',
                        'verbose_name_plural': 'kết quả chấm điểm',
                        'db_table': 'work_score',
                        'ordering': ['-year', 'area'],
                        'constraints': [models.UniqueConstraint(fields=('org', 'year', 'area'), name='one_score_per_area')],
                    },
                ),
            ],
        ),
        relabel('oversight', ['inspectionprogramme', 'inspection', 'verification', 'score']),
    ]
