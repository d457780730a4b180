"""The document registry of an organization, the links from texts to its entries, and the
counters that number outgoing documents.

Only the named actions in `actions.py` write these records.
"""

import os
import uuid

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import slugify

from dangvu.core.models import DangvuModel, optional_ref
from dangvu.lib.dates import vn_date
from dangvu.lib.text import fold
from dangvu.orgs.models import Organization

# Document types and their abbreviations in the symbol: (type, Party code, State code).
# Party codes: Hướng dẫn 36-HD/VPTW (2018); State codes: Nghị định 30/2020/NĐ-CP, Phụ lục III.
# The Party code of "Quy định" is QĐ in the documents we know (76-QĐ/TW); unconfirmed for newer
# ones. A State official letter (công văn) has no type code: "124/UBND-NC".
DOC_TYPES = [
    ("Nghị quyết", "NQ", "NQ"),
    ("Quyết định", "QĐ", "QĐ"),
    ("Quy định", "QĐ", "QyĐ"),
    ("Quy chế", "QC", "QC"),
    ("Chỉ thị", "CT", "CT"),
    ("Kết luận", "KL", ""),
    ("Hướng dẫn", "HD", "HD"),
    ("Báo cáo", "BC", "BC"),
    ("Kế hoạch", "KH", "KH"),
    ("Chương trình", "CTr", "CTr"),
    ("Thông báo", "TB", "TB"),
    ("Thông tri", "TT", ""),
    ("Tờ trình", "TTr", "TTr"),
    ("Công văn", "CV", ""),
    ("Biên bản", "BB", "BB"),
    ("Đề án", "ĐA", "ĐA"),
    ("Phương án", "PA", "PA"),
    ("Thông cáo", "", "TC"),
    ("Công điện", "", "CĐ"),
    ("Hợp đồng", "", "HĐ"),
    ("Giấy mời", "", "GM"),
    ("Giấy giới thiệu", "", "GGT"),
    # Cited, never issued by a grassroots organization.
    ("Nghị định", "", "NĐ"),
    ("Thông tư", "", "TT"),
    ("Thông tư liên tịch", "", "TTLT"),
    ("Luật", "", ""),
    ("Bộ luật", "", ""),
    ("Pháp lệnh", "", ""),
    ("Hiến pháp", "", ""),
]
TYPE_NAMES = [name for name, _p, _s in DOC_TYPES]
PARTY_CODES = {name: code for name, code, _s in DOC_TYPES if code}
STATE_CODES = {name: code for name, _p, code in DOC_TYPES}


def attachment_path(document, filename):
    """Files go under MEDIA_ROOT/van-ban/<owner>/<year>/ with a random prefix: names never clash
    and cannot be guessed, and the original name stays readable."""
    stem, ext = os.path.splitext(os.path.basename(filename))
    stem = slugify(fold(stem))[:60] or "tep"
    year = document.date.year if document.date else "khong-ngay"
    return f"van-ban/{document.owner_org_id}/{year}/{uuid.uuid4().hex[:8]}-{stem}{ext.lower()}"


def cited_date(d):
    """29/6/2017, 09/6/2017, 10/01/2017: days below 10 and months 1-2 with a leading zero, as
    Party documents write dates (the rule of the place-date line)."""
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    return f"{d.day:02d}/{month}/{d.year}"


class Document(DangvuModel):
    class Direction(models.TextChoices):
        INCOMING = "incoming", "Văn bản đến"
        OUTGOING = "outgoing", "Văn bản đi"
        INTERNAL = "internal", "Văn bản nội bộ"
        CITED = "cited", "Chỉ được trích dẫn"

    class Secrecy(models.TextChoices):
        NORMAL = "normal", "Thường"
        SECRET = "secret", "Mật"
        TOP_SECRET = "top_secret", "Tối mật"

    # Whose registry (sổ văn bản) this entry is in: scoping starts here.
    owner_org = models.ForeignKey(
        Organization, models.PROTECT, related_name="documents", verbose_name="sổ văn bản của"
    )
    direction = models.CharField("loại sổ", max_length=16, choices=Direction.choices)
    doc_type = models.CharField("loại văn bản", max_length=40, blank=True)
    number = models.CharField("số", max_length=20, blank=True)
    symbol = models.CharField(  # as written
        "số và ký hiệu",
        max_length=80,
        blank=True,
        help_text="Ví dụ: 24-CT/TU (văn bản của Đảng), 124/UBND-NC, 21/2017/QĐ-UBND.",
    )
    # What two mentions of the same document share: the symbol as `document_key` reads it
    # ("4-NQ/ĐU" for "04-NQ/ĐU"), or the name of an unnumbered document. Empty when neither.
    symbol_key = models.CharField(max_length=255, blank=True, db_index=True, editable=False)
    name = models.CharField(
        "tên gọi (văn bản không số)",
        max_length=255,
        blank=True,
        help_text="Ví dụ: Luật Cán bộ, công chức năm 2008.",
    )
    issuer = optional_ref(
        Organization, "cơ quan ban hành (tổ chức trong dangvu)", related_name="issued_documents"
    )
    issuer_name = models.CharField(
        "cơ quan ban hành", max_length=255, blank=True, help_text="Ví dụ: Ban Thường vụ Tỉnh ủy."
    )
    issuer_code = models.CharField("ký hiệu cơ quan ban hành", max_length=32, blank=True)
    date = models.DateField("ngày ban hành", null=True, blank=True)
    subject = models.TextField("trích yếu", blank=True)
    secrecy = models.CharField(
        "độ mật", max_length=16, choices=Secrecy.choices, default=Secrecy.NORMAL
    )
    file = models.FileField("tệp đính kèm", upload_to=attachment_path, blank=True, max_length=255)
    supersedes = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="superseded_by_set",
        verbose_name="thay thế văn bản",
    )
    effective_from = models.DateField("có hiệu lực từ", null=True, blank=True)
    effective_to = models.DateField("hết hiệu lực từ", null=True, blank=True)
    tags = models.CharField(
        "từ khóa", max_length=255, blank=True, help_text="Cách nhau bằng dấu phẩy."
    )
    notes = models.TextField(
        "ghi chú", blank=True, help_text="Các văn bản được trích dẫn ở đây cũng được liên kết."
    )
    # Inconsistencies found when the entry was made ("type_code: …"), shown on its page.
    warnings = models.JSONField(default=list, blank=True)
    # Folded copy of the searchable fields, so search ignores diacritics on every database.
    search_text = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "văn bản"
        ordering = ["-date", "-id"]
        constraints = [
            # The same document is one entry per registry (see actions.find_document).
            models.UniqueConstraint(
                fields=["owner_org", "symbol_key", "issuer_code", "date"],
                condition=~Q(symbol_key=""),
                name="one_entry_per_document",
            )
        ]

    def __str__(self):
        return self.title()

    def title(self):
        """ "Chỉ thị số 24-CT/TU ngày 29/6/2017", or the name of an unnumbered document."""
        if self.symbol:
            head = f"{self.doc_type} số {self.symbol}" if self.doc_type else f"Số {self.symbol}"
        else:
            head = self.name or self.doc_type or "Văn bản không số"
        if self.date:
            head += f" ngày {cited_date(self.date)}"
        return head

    def get_absolute_url(self):
        return reverse("document_detail", args=[self.pk])

    def save(self, *args, **kwargs):
        self.search_text = fold(
            " ".join(
                [
                    self.doc_type,
                    self.symbol,
                    self.symbol_key,
                    self.name,
                    self.issuer_display(),
                    self.issuer_code,
                    self.subject,
                    self.tags,
                    vn_date(self.date) if self.date else "",
                ]
            )
        )
        super().save(*args, **kwargs)

    def issuer_display(self):
        if self.issuer_id:
            return self.issuer.name_on(self.date) if self.date else self.issuer.name
        return self.issuer_name

    @property
    def is_secret(self):
        return self.secrecy != self.Secrecy.NORMAL

    @property
    def tag_list(self):
        return [t.strip() for t in self.tags.split(",") if t.strip()]

    @property
    def superseded_by(self):
        return self.superseded_by_set.order_by("date", "id").first()


class TextCitation(DangvuModel):
    """One reference, in a narrative text saved anywhere in dangvu, to a registry entry.

    The text is (content_type, object_id, field); the links of a text are replaced as a whole each
    time it is saved (actions.link_text).
    """

    content_type = models.ForeignKey(ContentType, models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    field = models.CharField(max_length=64)
    text_object = GenericForeignKey("content_type", "object_id")
    # The organization whose text this is: who may read the link (the document page lists it).
    owner_org = models.ForeignKey(Organization, models.CASCADE, related_name="+")
    document = models.ForeignKey(Document, models.CASCADE, related_name="citations")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    raw = models.TextField()
    warnings = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = "trích dẫn văn bản"
        ordering = ["content_type", "object_id", "field", "start"]
        indexes = [models.Index(fields=["content_type", "object_id", "field"])]

    def __str__(self):
        return self.raw


class NumberCounter(DangvuModel):
    """The last number given to an organization's outgoing documents of one type in one period
    (a committee term, "term:<id>", or a calendar year, "year:2017"). Locked while a number is
    taken, so two users never get the same one."""

    org = models.ForeignKey(Organization, models.CASCADE, related_name="number_counters")
    doc_type = models.CharField(max_length=40)
    period = models.CharField(max_length=32)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "bộ đếm số văn bản đi"
        constraints = [
            models.UniqueConstraint(
                fields=["org", "doc_type", "period"], name="one_counter_per_period"
            )
        ]

    def __str__(self):
        return f"{self.org} {self.doc_type} {self.period}: {self.last}"
