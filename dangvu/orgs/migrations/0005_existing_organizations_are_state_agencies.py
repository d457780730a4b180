"""Every grassroots organization recorded before types existed was modelled on the reference
one, a State agency's committee: it gets the type `co-quan-nha-nuoc` from its founding day.
Cells under a committee take the committee's type and get none of their own."""

from django.db import migrations


def forwards(apps, schema_editor):
    Organization = apps.get_model("orgs", "Organization")
    OrganizationType = apps.get_model("orgs", "OrganizationType")
    grassroots = Organization.objects.filter(kind="party_committee") | Organization.objects.filter(
        kind="party_cell"
    ).exclude(parent__kind="party_committee")
    OrganizationType.objects.bulk_create(
        OrganizationType(
            organization=org,
            code="co-quan-nha-nuoc",
            valid_from=org.valid_from,
            note="Gán khi bổ sung loại hình (tổ chức đã có trước đó)",
        )
        for org in grassroots.exclude(types__isnull=False)
    )


class Migration(migrations.Migration):
    dependencies = [("orgs", "0004_organization_types_and_profile_figures")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
