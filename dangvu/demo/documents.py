"""The committee's document registry: its own outgoing documents that the 2017 report mentions,
and the documents it received from the superior committee.

Entered through the registry's actions, as the office would. The documents the report only
cites (the Province's, the Centre's) are not typed in here: they enter the registry as
"cited only" entries when the narrative texts that cite them are saved (`link_text`), or when
the office imports a report (`import_citations`).
"""

import datetime as dt

from dangvu.documents import actions
from dangvu.documents.models import Document
from dangvu.orgs.models import Organization

from .foundation import SLUG, SUPERIOR_SLUG

D = Document.Direction

# (direction, type, symbol, date, subject): as the report cites them.
DOCUMENTS = [
    (
        D.OUTGOING,
        "Kế hoạch",
        "33-KH/ĐU",
        dt.date(2016, 3, 25),
        "về tiếp tục thực hiện Nghị quyết Trung ương 4 (khóa XI) “Một số vấn đề cấp bách về xây "
        "dựng Đảng hiện nay”",
    ),
    (
        D.OUTGOING,
        "Nghị quyết",
        "04-NQ/ĐU",
        dt.date(2016, 4, 28),
        "về nâng cao chất lượng sinh hoạt chi bộ trực thuộc Đảng bộ cơ sở",
    ),
    (
        D.INCOMING,
        "Nghị quyết",
        "02-NQ/ĐUK",
        dt.date(2016, 4, 20),
        "về nâng cao chất lượng công tác triển khai, học tập, quán triệt chỉ thị, nghị quyết "
        "của Đảng trong Đảng bộ",
    ),
    (
        D.INCOMING,
        "Nghị quyết",
        "03-NQ/ĐUK",
        dt.date(2016, 4, 28),
        "về tăng cường lãnh đạo, thực hiện nhằm nâng cao chất lượng công tác kiểm tra, giám "
        "sát của chi bộ, đảng bộ cơ sở",
    ),
    (
        D.INCOMING,
        "Hướng dẫn",
        "06-HD/ĐUK",
        dt.date(2016, 7, 19),
        "về việc thực hiện Kế hoạch số 12-KH/TU ngày 03/3/2016 của Tỉnh ủy",
    ),
    (
        D.INCOMING,
        "Kế hoạch",
        "37-KH/ĐUK",
        dt.date(2017, 4, 12),
        "về việc tiếp tục thực hiện Nghị quyết Trung ương 3 (khóa X) về tăng cường sự lãnh đạo "
        "của Đảng đối với công tác phòng, chống tham nhũng, lãng phí",
    ),
    (D.INCOMING, "Kế hoạch", "42-KH/ĐUK", dt.date(2017, 5, 25), ""),
    (
        D.INCOMING,
        "Công văn",
        "330-CV/ĐUK",
        dt.date(2017, 7, 20),
        "về việc thực hiện bản cam kết tu dưỡng, rèn luyện, phấn đấu",
    ),
    (
        D.INCOMING,
        "Kế hoạch",
        "45-KH/ĐUK",
        dt.date(2017, 8, 3),
        "về việc tăng cường chỉ đạo, đẩy mạnh cuộc đấu tranh phòng, chống quan liêu, tham "
        "nhũng, lãng phí",
    ),
    (
        D.INCOMING,
        "Quyết định",
        "2186-QĐ/ĐUK",
        dt.date(2017, 8, 14),
        "về giám sát việc thực hiện Nghị quyết số 02-NQ/ĐUK; Nghị quyết số 03-NQ/ĐUK; Nghị "
        "quyết số 04-NQ/ĐUK của Đảng ủy Khối các cơ quan tỉnh đối với Đảng ủy cơ sở Sở Thông "
        "tin và Truyền thông và cá nhân người đứng đầu cấp ủy",
    ),
    (
        D.INCOMING,
        "Công văn",
        "369-CV/ĐUK",
        dt.date(2017, 10, 1),
        "về thực hiện chế độ thông tin, báo cáo định kỳ",
    ),
    (
        D.INCOMING,
        "Kế hoạch",
        "50-KH/ĐUK",
        dt.date(2017, 10, 16),
        "về đưa cấp ủy viên, đảng viên ra tự phê bình trước quần chúng cơ quan, đơn vị năm 2017",
    ),
    (
        D.INCOMING,
        "Kế hoạch",
        "51-KH/ĐUK",
        dt.date(2017, 10, 30),
        "về tự phê bình và phê bình tập thể và cá nhân năm 2017",
    ),
    (
        D.INCOMING,
        "Công văn",
        "389-CV/ĐUK",
        dt.date(2017, 11, 1),
        "về thực hiện nội dung, phương pháp đánh giá suy thoái",
    ),
    (
        D.INCOMING,
        "Kế hoạch",
        "52-KH/ĐUK",
        dt.date(2017, 11, 2),
        "về kiểm tra, đánh giá, phân loại chất lượng tổ chức cơ sở đảng và đảng viên",
    ),
]


def load(stdout):
    committee = Organization.objects.get(slug=SLUG)
    superior = Organization.objects.get(slug=SUPERIOR_SLUG)
    added = 0
    for direction, doc_type, symbol, date, subject in DOCUMENTS:
        issuer = committee if direction == D.OUTGOING else superior
        if _registered(committee, doc_type, symbol, date):
            continue
        actions.register_document(
            None,
            owner_org=committee,
            direction=direction,
            doc_type=doc_type,
            symbol=symbol,
            issuer=issuer,
            date=date,
            subject=subject,
        )
        added += 1
    if added:
        stdout.write(f"  sổ văn bản: {added} văn bản đi, đến")
    else:
        stdout.write("  sổ văn bản: đã có, bỏ qua")


def _registered(org, doc_type, symbol, date):
    """Entered by a previous run (a "cited only" entry does not count: registering completes it)."""
    parts = actions.read_symbol(doc_type, symbol, date)
    return (
        Document.objects.filter(owner_org=org, symbol_key=parts["symbol_key"], date=date)
        .exclude(direction=D.CITED)
        .exists()
    )
