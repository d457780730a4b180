"""mobilisation's models, moved from `work` with their tables (state only)."""

import django.db.models.deletion
from django.db import migrations, models

from dangvu.work.moves import relabel


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('work', '0002_vietnamese_names'),
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
                    name='Campaign',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('key', models.SlugField(max_length=64, verbose_name='mã số liệu')),
                        ('title', models.CharField(max_length=500, verbose_name='tên cuộc vận động')),
                        ('starts_on', models.DateField(verbose_name='ngày bắt đầu')),
                        ('ends_on', models.DateField(blank=True, null=True, verbose_name='ngày kết thúc')),
                        ('beneficiary', models.CharField(blank=True, max_length=500, verbose_name='nơi nhận')),
                        ('notes', models.TextField(blank=True, verbose_name='ghi chú')),
                        ('org', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='campaigns', to='orgs.organization', verbose_name='tổ chức phát động')),
                    ],
                    options={
                        'verbose_name': 'cuộc vận động',
                        'verbose_name_plural': 'cuộc vận động',
                        'db_table': 'work_campaign',
                        'ordering': ['-starts_on', 'title'],
                    },
                ),
                migrations.CreateModel(
                    name='Contribution',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('contributor_name', models.CharField(blank=True, max_length=255, verbose_name='người, đơn vị đóng góp')),
                        ('given_on', models.DateField(verbose_name='ngày')),
                        ('amount', models.BigIntegerField(blank=True, null=True, verbose_name='số tiền (đồng)')),
                        ('quantity', models.PositiveIntegerField(blank=True, null=True, verbose_name='số lượng')),
                        ('unit', models.CharField(blank=True, max_length=40, verbose_name='đơn vị tính')),
                        ('note', models.CharField(blank=True, max_length=500, verbose_name='ghi chú')),
                        ('campaign', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='contributions', to='mobilisation.campaign')),
                        ('contributor_org', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='contributions', to='orgs.organization')),
                        ('contributor_person', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='contributions', to='people.person')),
                    ],
                    options={
                        'verbose_name': 'khoản đóng góp',
                        'verbose_name_plural': 'khoản đóng góp',
                        'db_table': 'work_contribution',
                        'ordering': ['given_on', 'id'],
                    },
                ),
            ],
        ),
        relabel('mobilisation', ['campaign', 'contribution']),
    ]
