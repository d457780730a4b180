"""programme's models, moved from `work` with their tables (state only)."""

import django.db.models.deletion
from django.db import migrations, models

from dangvu.work.moves import relabel


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('work', '0006_move_to_review'),
        ('accounts', '0004_vietnamese_names'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('orgs', '0003_vietnamese_names'),
    ]

    operations = [
        # The tables were created by work's migrations: only Django's state moves here.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Indicator',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('key', models.SlugField(max_length=64, verbose_name='mã số liệu')),
                        ('label', models.CharField(max_length=255, verbose_name='chỉ tiêu')),
                        ('value', models.DecimalField(decimal_places=2, max_digits=16, verbose_name='giá trị')),
                        ('unit', models.CharField(blank=True, max_length=40, verbose_name='đơn vị tính')),
                        ('period_start', models.DateField(verbose_name='từ ngày')),
                        ('period_end', models.DateField(verbose_name='đến ngày')),
                        ('source', models.CharField(blank=True, max_length=500, verbose_name='nguồn')),
                        ('notes', models.TextField(blank=True, verbose_name='ghi chú')),
                        ('org', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='indicators', to='orgs.organization')),
                    ],
                    options={
                        'verbose_name': 'chỉ số',
                        'verbose_name_plural': 'chỉ số',
                        'db_table': 'work_indicator',
                        'ordering': ['-period_end', 'key'],
                    },
                ),
                migrations.CreateModel(
                    name='WorkProgramme',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField(verbose_name='năm')),
                        ('title', models.CharField(max_length=500, verbose_name='tên chương trình')),
                        ('adopted_on', models.DateField(blank=True, null=True, verbose_name='ngày thông qua')),
                        ('notes', models.TextField(blank=True, verbose_name='ghi chú')),
                        ('org', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='work_programmes', to='orgs.organization')),
                    ],
                    options={
                        'verbose_name': 'chương trình công tác',
                        'verbose_name_plural': 'chương trình công tác',
                        'db_table': 'work_workprogramme',
                        'ordering': ['-year', 'org'],
                    },
                ),
                migrations.CreateModel(
                    name='ProgrammeItem',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('number', models.CharField(max_length=16, verbose_name='số mục')),
                        ('position', models.PositiveIntegerField(default=0)),
                        ('title', models.CharField(blank=True, max_length=500, verbose_name='tiêu đề')),
                        ('text', models.TextField(blank=True, verbose_name='nội dung')),
                        ('owner_name', models.CharField(blank=True, max_length=255, verbose_name='người, bộ phận chủ trì')),
                        ('deadline', models.DateField(blank=True, null=True, verbose_name='thời hạn')),
                        ('status', models.CharField(choices=[('planned', 'Chưa thực hiện'), ('in_progress', 'Đang thực hiện'), ('done', 'Hoàn thành'), ('carried', 'Chuyển sang năm sau')], default='planned', max_length=12, verbose_name='tình trạng')),
                        ('done_on', models.DateField(blank=True, null=True, verbose_name='ngày hoàn thành')),
                        ('carried_from', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='carried_to', to='programme.programmeitem')),
                        ('evidence', models.ManyToManyField(blank=True, db_table='work_programmeitem_evidence', related_name='programme_items', to='work.activity')),
                        ('owner_org', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='orgs.organization', verbose_name='đơn vị chủ trì')),
                        ('programme', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='items', to='programme.workprogramme')),
                    ],
                    options={
                        'verbose_name': 'nội dung chương trình công tác',
                        'verbose_name_plural': 'nội dung chương trình công tác',
                        'db_table': 'work_programmeitem',
                        'ordering': ['programme', 'position', 'id'],
                    },
                ),
                migrations.AddConstraint(
                    model_name='workprogramme',
                    constraint=models.UniqueConstraint(fields=('org', 'year'), name='one_programme_per_year'),
                ),
                migrations.AddConstraint(
                    model_name='programmeitem',
                    constraint=models.UniqueConstraint(fields=('programme', 'number'), name='one_item_number'),
                ),
            ],
        ),
        relabel('programme', ['workprogramme', 'programmeitem', 'indicator']),
    ]
