"""What a superior committee's Ban Thường vụ itself led and did in a period, from its own records:
the conferences it held, the documents it issued, the inspections and supervisions it carried out
on its units. Its annual report leads with these (as real reports of a Đảng ủy Khối do); the
units' consolidated figures (`facts.py`) go to the appendix.

- Conferences: activities the superior organized (an `ActivityOrg` of it as organizer).
- Documents: those registered anywhere with the superior as issuer (its own outgoing book, or its
  units' incoming books), one per number and symbol.
- Inspections: those it recorded as conducted, and those its units recorded as received from it
  (the inspector named as the superior), one per decision or subject.

Every name starts with `own.`; only a superior committee has these facts.
"""

from collections import Counter

from dangvu.core.facts import Figure, provider_of
from dangvu.documents.models import Document, cited_date
from dangvu.lib.narrative import render_value
from dangvu.meetings.models import Activity, ActivityOrg
from dangvu.orgs.models import Organization
from dangvu.orgs.tree import subtree_ids_during
from dangvu.oversight.models import Inspection

K = Organization.Kind
HELD = (
    Activity.Kind.CONFERENCE,
    Activity.Kind.DISSEMINATION,
    Activity.Kind.COMMITTEE_MEETING,
    Activity.Kind.CONGRESS,
)
# Kinds a document type is counted under, in the order a report lists them.
DOC_ORDER = ("Nghị quyết", "Chỉ thị", "Kết luận", "Quyết định", "Kế hoạch", "Chương trình",
             "Hướng dẫn", "Thông báo", "Báo cáo", "Công văn")  # fmt: skip


@provider_of("own.")
def own_activity(org, period):
    if org.kind != K.SUPERIOR_COMMITTEE:
        return {}
    facts = {}
    facts.update(_conferences(org, period))
    facts.update(_documents(org, period))
    facts.update(_inspections(org, period))
    return facts


def _in(period, field="starts_on"):
    return {f"{field}__gte": period.start, f"{field}__lte": period.end}


def _first_of_each(records, key):
    """The records in order, the first of those that share `key(record)` standing for them all:
    one document entered in several books, one inspection recorded by both sides."""
    seen, kept = set(), []
    for r in records:
        if key(r) not in seen:
            seen.add(key(r))
            kept.append(r)
    return kept


def _figures(model_label, records, values):
    """Figures (`values`: name -> (value, label)) that all rest on the same `records`."""
    ids = {model_label: frozenset(r.id for r in records)}
    return {
        name: Figure(value, label=label, records=ids) for name, (value, label) in values.items()
    }


def _conferences(org, period):
    ids = ActivityOrg.objects.filter(org=org, role=ActivityOrg.Role.ORGANIZER).values("activity_id")
    held = list(
        Activity.objects.filter(id__in=ids, kind__in=HELD, **_in(period)).order_by("starts_on")
    )
    lines = [f"Ngày {cited_date(a.starts_on)}: {a.title.rstrip('.')}." for a in held]
    return _figures(
        "meetings.activity",
        held,
        {
            "own.conferences.sessions": (len(held), "Hội nghị, cuộc họp Ban Thường vụ tổ chức"),
            "own.conferences.lines": (lines, "Các hội nghị Ban Thường vụ tổ chức"),
        },
    )


def _documents(org, period):
    docs = Document.objects.filter(issuer=org, **_in(period, "date")).order_by("date", "id")
    kept = _first_of_each(
        docs, lambda d: (d.doc_type, (d.symbol or d.number).replace(" ", "").upper())
    )
    counts = Counter(d.doc_type or "Văn bản khác" for d in kept)
    order = sorted(counts, key=lambda t: (DOC_ORDER.index(t) if t in DOC_ORDER else 99, t))
    summary = ", ".join(f"{render_value(counts[t])} {t.lower()}" for t in order)
    lines = [
        f"{d.doc_type} số {d.symbol} ngày {cited_date(d.date)}"
        + (f" {d.subject.strip().rstrip('.')}" if d.subject.strip() else "")
        for d in kept
    ]
    return _figures(
        "documents.document",
        kept,
        {
            "own.documents.count": (len(kept), "Văn bản Ban Thường vụ ban hành"),
            "own.documents.summary": (summary, "Văn bản ban hành theo loại"),
            "own.documents.list": ("; ".join(lines), "Danh mục văn bản ban hành"),
        },
    )


def _inspections(org, period):
    names = {org.name, *(n.name for n in org.names.all())}
    if org.place:
        names |= {n.removesuffix(f" {org.place}") for n in list(names)}
    # The units that existed during the period: one dissolved before it did nothing in it.
    units = subtree_ids_during([org.id], period.start, period.end)
    rows = list(
        Inspection.objects.filter(**_in(period))
        .filter(org_id__in=units)
        .select_related("subject_org", "org")
        .order_by("starts_on", "id")
    )
    done = [
        i
        for i in rows
        if (i.org_id == org.id and i.direction == Inspection.Direction.CONDUCTED)
        or (i.direction == Inspection.Direction.RECEIVED and i.inspector.strip() in names)
    ]
    kept = _first_of_each(done, lambda i: (i.kind, i.decision.strip() or i.subject.strip()[:120]))
    lines = [_inspection_line(i) for i in kept]
    by_kind = Counter(i.kind for i in kept)
    out = {}
    for kind in Inspection.Kind.values:
        ids = frozenset(i.id for i in kept if i.kind == kind)
        out[f"own.inspections.{kind}"] = Figure(
            by_kind[kind],
            label=f"Cuộc {Inspection.Kind(kind).label.lower()} Ban Thường vụ tiến hành",
            records={"oversight.inspection": ids},
        )
    lines_label = "Các cuộc kiểm tra, giám sát và kết quả"
    return out | _figures(
        "oversight.inspection", kept, {"own.inspections.lines": (lines, lines_label)}
    )


def _inspection_line(i):
    subject = i.subject.strip().rstrip(".")
    who = i.subject_org or (i.org if i.direction == Inspection.Direction.RECEIVED else None)
    if who is not None and _bare(who.name) not in subject:
        subject += f" (đối với {who.name})"
    basis = f", theo {i.decision.strip()}" if i.decision.strip() else ""
    result = (
        f" Kết quả: {i.conclusion.strip().rstrip('.')}."
        if i.conclusion.strip()
        else " Kết quả: [cần bổ sung: kết luận của cuộc "
        + Inspection.Kind(i.kind).label.lower()
        + "]"
    )
    month = cited_date(i.starts_on)[3:]  # "01/2017", "9/2017"
    return f"Tháng {month}{basis}: {subject}.{result}"


def _bare(name):
    """ "Sở Thông tin và Truyền thông" of "Đảng bộ Sở Thông tin và Truyền thông": how a subject
    line names the unit, whatever body of it it names."""
    for body in ("Đảng bộ ", "Đảng ủy ", "Chi bộ "):
        if name.startswith(body):
            return name[len(body) :]
    return name
