"""training's models, moved from `work` with their tables (state only)."""

import django.db.models.deletion
from django.db import migrations, models

from dangvu.work.moves import relabel


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('work', '0003_move_to_mobilisation'),
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
                    name='Enrolment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('course', models.CharField(choices=[('political_intermediate', 'Trung cấp lý luận chính trị – hành chính'), ('political_advanced', 'Cao cấp lý luận chính trị'), ('new_member', 'Bồi dưỡng lý luận chính trị cho đảng viên mới'), ('admission_candidate', 'Bồi dưỡng nhận thức về Đảng (đối tượng kết nạp)'), ('state_specialist', 'Bồi dưỡng QLNN chương trình chuyên viên'), ('state_principal', 'Bồi dưỡng QLNN chương trình chuyên viên chính'), ('secretary', 'Bồi dưỡng bí thư và cấp ủy viên'), ('mass_mobilization', 'Bồi dưỡng công tác dân vận'), ('master', 'Thạc sĩ'), ('doctor', 'Tiến sĩ'), ('other', 'Khác')], max_length=32, verbose_name='loại lớp')),
                        ('title', models.CharField(blank=True, max_length=255, verbose_name='tên lớp')),
                        ('field', models.CharField(blank=True, max_length=120, verbose_name='chuyên ngành')),
                        ('provider', models.CharField(blank=True, max_length=255, verbose_name='cơ sở đào tạo')),
                        ('starts_on', models.DateField(verbose_name='ngày bắt đầu')),
                        ('ends_on', models.DateField(blank=True, null=True, verbose_name='ngày kết thúc (dự kiến)')),
                        ('status', models.CharField(choices=[('enrolled', 'Đã cử đi học'), ('studying', 'Đang học'), ('completed', 'Đã hoàn thành'), ('dropped', 'Thôi học')], max_length=12, verbose_name='tình trạng')),
                        ('completed_on', models.DateField(blank=True, null=True, verbose_name='ngày hoàn thành')),
                        ('org', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='enrolments', to='orgs.organization')),
                        ('person', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='enrolments', to='people.person')),
                        ('qualification', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='people.qualification')),
                    ],
                    options={
                        'verbose_name': 'đào tạo, bồi dưỡng',
                        'verbose_name_plural': 'đào tạo, bồi dưỡng',
                        'db_table': 'work_enrolment',
                        'ordering': ['-starts_on', 'id'],
                    },
                ),
            ],
        ),
        relabel('training', ['enrolment']),
    ]
