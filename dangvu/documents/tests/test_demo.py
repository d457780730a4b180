"""The demo step: the committee's own outgoing documents and those received from the superior."""

import io

from django.core.management import call_command

from dangvu.documents.models import Document
from dangvu.orgs.models import Organization

D = Document.Direction


def test_demo_registry(demo):
    docs = Document.objects.filter(owner_org=demo)
    outgoing = docs.filter(direction=D.OUTGOING).order_by("date")
    assert [str(d) for d in outgoing] == [
        "Kế hoạch số 33-KH/ĐU ngày 25/3/2016",
        "Nghị quyết số 04-NQ/ĐU ngày 28/4/2016",
        "Báo cáo số 01-BC/ĐU ngày 05/12/2017",  # the 2017 report, numbered by the register
    ]
    assert {d.issuer for d in outgoing} == {demo}
    superior = Organization.objects.get(slug="dang-uy-khoi-cac-co-quan-tra-vinh")
    incoming = docs.filter(direction=D.INCOMING)
    assert incoming.count() == 13 and {d.issuer for d in incoming} == {superior}
    assert all(d.warnings == [] for d in docs)
    # Loading again adds nothing.
    before = Document.objects.count()
    out = io.StringIO()
    call_command("load_demo", password="x-y-z-12345", stdout=out)
    assert "sổ văn bản: đã có, bỏ qua" in out.getvalue()
    assert Document.objects.count() == before
