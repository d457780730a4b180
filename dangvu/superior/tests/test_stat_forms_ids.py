"""The statistical forms send a subtree's organizations as one subquery (`core.ids.any_of`), not
a parameter per organization: a province's 9.000 ids, prepared one by one by Django in every
query, were a fifth of the forms' time."""

import datetime as dt
import re

import pytest
from django.db import connection

from dangvu.superior import statforms, synthetic

pytestmark = pytest.mark.django_db
# `"org_id" IN (%s, %s, …)` on a column holding organizations, with a parameter each.
ORGS_AS_PARAMETERS = re.compile(
    r'"(org_id|organization_id|subject_org_id|orgs_organization"\."id)" IN \((%s, ){4,}'
)


def test_forms_send_no_parameter_per_organization():
    root = synthetic.build(committees=4, cells=3, members=6)
    sent = []

    def record(execute, sql, params, many, context):
        sent.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        forms = statforms.compute(root, dt.date(2017, 12, 31))
    assert forms.units  # the committees were counted
    assert len(sent) > 20
    assert [sql[:200] for sql in sent if ORGS_AS_PARAMETERS.search(sql)] == []
