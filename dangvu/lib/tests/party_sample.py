"""A report shaped like the reference report (about 40 paragraphs, 5 footnotes), for the renderers."""

import datetime as dt

from dangvu.lib.party_doc import (
    Footnote,
    Header,
    Paragraph,
    PartyDocument,
    Run,
    Signature,
    Table,
    para,
)

FOOTNOTE_TEXTS = [
    "Chỉ thị số 04/CT-UBND ngày 24/3/2017 của UBND tỉnh “về việc tăng cường công tác thu ngân "
    "sách Nhà nước năm 2017”; Hướng dẫn số 27-HD/BTGTW ngày 20/02/2017 của Ban Tuyên giáo Trung "
    "ương về công tác tuyên truyền phòng, chống tham nhũng, lãng phí; Kế hoạch số 37-KH/ĐUK ngày "
    "12/4/2017 của Đảng ủy Khối các cơ quan.",
    "Chỉ thị số 19-CT/TU ngày 17/02/2017 của Ban Thường vụ Tỉnh ủy “về công tác quốc phòng, quân "
    "sự địa phương năm 2017”; Công văn số 281-CV/TU ngày 04/5/2017 của Tỉnh ủy.",
    "Đảng ủy tổ chức: triển khai Nghị quyết Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng "
    "(khóa XII); kiểm điểm tập thể và cá nhân Ban Chấp hành Đảng bộ Sở.",
    "Đảng ủy tham dự hội nghị: triển khai Nghị quyết Hội nghị lần thứ tư Ban Chấp hành Trung ương "
    "Đảng (khóa XII); hội nghị sơ kết 6 tháng đầu năm tại Đảng ủy Khối.",
    "Quy định số 57-QĐ/TW ngày 03/5/2007 của Bộ Chính trị về “Một số vấn đề về bảo vệ chính trị "
    "nội bộ Đảng”.",
]

FILLER = (
    "Cấp ủy phối hợp cùng Ban Giám đốc Sở tập trung chỉ đạo các phòng, trung tâm thuộc Sở tổ chức "
    "triển khai thực hiện tốt nhiệm vụ chính trị trong các lĩnh vực và đã hoàn thành chương trình "
    "công tác như đã đề ra."
)

LEDGER = [
    ["+ Mang sang năm 2016", ": 8.954.054 đồng"],
    ["+ Ngân sách cấp 2017", ": 24.654.370 đồng"],
    ["+ Thu đảng phí", ": 19.454.400 đồng"],
    ["+ Nộp về Đảng ủy cấp trên", ": 5.836.320 đồng"],
    ["+ Chi hoạt động", ": 47.226.504 đồng"],
    ["+ Kinh phí còn lại là", ": 0 đồng"],
]


def sample_document(paragraphs: int = 40, issued_on=dt.date(2017, 12, 5)) -> PartyDocument:
    notes = [Footnote([text]) for text in FOOTNOTE_TEXTS]
    body = [
        para("I. ĐẶC ĐIỂM, TÌNH HÌNH", "heading1", anchor="muc-1"),
        Paragraph(
            [
                Run("Đảng bộ Sở Thông tin và Truyền thông có 04 chi bộ trực thuộc với "),
                Run("54", href="/facts/party.members"),
                Run(" đảng viên, trong đó 51 đảng viên chính thức và 03 đảng viên dự bị."),
            ]
        ),
        para("1. Lãnh đạo thực hiện nhiệm vụ chính trị", "heading2"),
        para("a) Công đoàn cơ sở", "heading3"),
    ]
    for i in range(paragraphs - len(body) - 2):
        note = notes[i // 6] if i % 6 == 0 and i // 6 < len(notes) else None
        if note is not None:
            body.append(
                Paragraph(
                    [
                        Run(f"- Triển khai công tác phòng, chống tham nhũng tại đơn vị {i}"),
                        Run("", footnote=note),
                        Run("."),
                    ],
                    "list",
                )
            )
        else:
            body.append(para(f"{FILLER} (đoạn {i}) <kiểm tra & thoát ký tự>"))
    body.append(para("*. Tình hình thu, chi đảng phí năm 2017:", bold=True))
    body.append(Table(LEDGER))
    body.append(
        para(
            "Trên đây là nội dung công tác năm 2017 và chương trình công tác năm 2018, báo cáo "
            "Đảng ủy Khối các cơ quan tỉnh biết, chỉ đạo./."
        )
    )
    return PartyDocument(
        header=Header(
            superior="ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH",
            issuer="ĐẢNG ỦY SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
            number="Số 15-BC/ĐU",
            place_date="Trà Vinh, ngày 05 tháng 12 năm 2017",
        ),
        doc_type="BÁO CÁO",
        subject=["Tình hình hoạt động năm 2017 và", "chương trình công tác năm 2018"],
        body=body,
        recipients=[
            "- Đảng ủy KCCQ (b/c);",
            "- BCH Đảng bộ;",
            "- Chi ủy các chi bộ trực thuộc;",
            "- Lưu: ĐU.",
        ],
        signature=Signature("T/M ĐẢNG ỦY", "BÍ THƯ", "Nguyễn Văn An"),
        issued_on=issued_on,
    )
