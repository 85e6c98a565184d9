"""The plan: one typed model that every stage shares.

Loading validates once (see `loader.py`); rendering, derivation and forms trust it.
Field names are the YAML keys; descriptions are Vietnamese because editors show
them to the clerk through the JSON Schema (`kehoach schema`).

Real plans (issue 10) are held by extending the original format, never by changing it:
- The usual four parts keep their keys (`muc_dich_yeu_cau`, `muc_tieu_chi_tieu`,
  `nhiem_vu_giai_phap`, `to_chuc_thuc_hien`) so derive and forms address them as before,
  but each is optional, as is `can_cu`. Any other part goes in `phan_khac` (the generic
  list: title, paragraphs, items). `thu_tu` lists the parts' ids in the order they print;
  without it the usual four print first, in their usual order, then `phan_khac`.
- An item is a heading (`tieu_de`) or inline (`noi_dung`: label and text in one
  paragraph); it holds paragraphs then sub-items (`muc`) at any depth. Labels are
  computed per level: parts `I.`, items `1.`, sub-items as their parent's `nhan_con`
  says (`a)` by default, or `1.1.`, `-`, `+`). `danh_so` states the plan's own label
  style (`I-`, `1-`), defaulting to the profile's.
- An indicator paragraph with `dau: "-"` prints each phrase as its own bullet line;
  `dau: "1."` as its own line numbered after the part's items (targets right under a part
  written `1. Chỉ số … đạt 0,75.`, `2. …`).
- `ket_luan` is the closing sentence after the last part; `phu_luc` the appendices
  after the signature (tables; an indicator table with milestones `moc`; then paragraphs
  and tables of their own, `doan`: a form such as a biên bản).
- `van_ban.ten_loai` keeps a tên loại longer than the code's (`CHƯƠNG TRÌNH HÀNH ĐỘNG`);
  a body code not in the data is accepted (import and validate warn about it).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from kehoach.plan.appendix import Appendix, Milestones
from kehoach.plan.blocks import Block as Block
from kehoach.plan.blocks import Paragraph as Paragraph
from kehoach.plan.blocks import TableBlock as TableBlock
from kehoach.plan.fields import (
    Id,
    Levels,
    Line,
    Printed,
    Prose,
    _Model,
    no_items,
    printed,
    shipped_profile,
)
from kehoach.plan.fields import Level as Level
from kehoach.plan.header import Header as Header
from kehoach.plan.indicators import NUMBERED, Indicator, IndicatorParagraph
from kehoach.plan.reporting import Reporting
from kehoach.rules.profile_dates import profile_on

SubLabel = Literal["a)", "1.1.", "-", "+"]


class Item(_Model):
    """Một mục đánh số (1., a), 1.1. …): tiêu đề hoặc đoạn có nhãn, các đoạn, các mục con."""

    id: Id
    nhan_goc: Printed | None = printed()
    tieu_de: Line | None = Field(None, description="Tiêu đề mục, không ghi số thứ tự.")
    noi_dung: Prose | None = Field(
        None, description="Mục viết liền một đoạn (nhãn và câu chữ), thay cho tiêu đề."
    )
    doan: list[Block] = Field(default_factory=no_items, description="Các đoạn (và bảng) của mục.")
    muc: list[Item] = Field(default_factory=no_items, description="Các mục con.")
    nhan_con: SubLabel | None = Field(
        None, description="Nhãn của các mục con: 'a)' (mặc định), '1.1.', '-' hoặc '+'."
    )
    cap: Levels | None = None

    @model_validator(mode="after")
    def _title_or_text(self) -> Item:
        if (self.tieu_de is None) == (self.noi_dung is None):
            raise ValueError("mục cần đúng một trong hai: 'tieu_de' hoặc 'noi_dung'")
        return self

    @property
    def title(self) -> str:
        """The heading, or an inline item's text."""
        return self.tieu_de or self.noi_dung or ""


class Section(_Model):
    """Một phần La Mã (I., II. …): các đoạn mở đầu và các mục."""

    id: Id
    nhan_goc: Printed | None = printed()
    tieu_de: Line = Field(description="Tiêu đề phần, không ghi số La Mã.")
    doan: list[Block] = Field(default_factory=no_items)
    muc: list[Item] = Field(default_factory=no_items)


class ExtraSection(Section):
    """Một phần khác (V. KINH PHÍ …): đoạn văn và các mục; chỗ in theo `thu_tu`."""


class IndicatorBlock(_Model):
    """Mục 'Các chỉ tiêu chủ yếu': đoạn văn sinh ra từ các bản ghi chỉ tiêu. Không có tiêu
    đề khi các chỉ tiêu viết ngay dưới phần (II. CHỈ TIÊU … rồi các dòng gạch đầu dòng)."""

    id: Id
    nhan_goc: Printed | None = printed()
    tieu_de: Line | None = Field(
        None, description="Tiêu đề mục chỉ tiêu; bỏ trống khi chỉ tiêu viết ngay dưới phần."
    )
    nam: int = Field(description="Năm phải đạt của các chỉ tiêu (2030).")
    mo_dau: list[Paragraph] = Field(
        default_factory=no_items, description="Các đoạn văn in trước các đoạn chỉ tiêu."
    )
    doan: list[IndicatorParagraph] = Field(min_length=1)

    @model_validator(mode="after")
    def _numbered_under_the_part(self) -> IndicatorBlock:
        numbered = any(p.dau == NUMBERED for p in self.doan)
        if numbered and (self.tieu_de or any(p.tieu_de for p in self.doan)):
            raise ValueError(
                f"dau: '{NUMBERED}' (chỉ tiêu đánh số như các mục) chỉ dùng khi chỉ tiêu viết "
                "ngay dưới phần: bỏ 'tieu_de' của mục chỉ tiêu và của các mốc")
        return self

    def indicators(self) -> list[Indicator]:
        """Every indicator, in reading order."""
        return [indicator for paragraph in self.doan for indicator in paragraph.indicators()]


class Objectives(_Model):
    """Phần mục tiêu: mục tiêu tổng quát, các chỉ tiêu chủ yếu, tầm nhìn, các mục khác."""

    id: Id
    nhan_goc: Printed | None = printed()
    tieu_de: Line
    doan: list[Block] = Field(default_factory=no_items, description="Các đoạn trước các mục.")
    muc_tieu_tong_quat: Item | None = None
    chi_tieu: IndicatorBlock | None = None
    tam_nhin: Item | None = None
    muc: list[Item] = Field(default_factory=no_items, description="Các mục khác, in sau cùng.")


class Assignment(_Model):
    """Một nhiệm vụ trong Tổ chức thực hiện: cơ quan thực hiện và việc phải làm."""

    id: Id
    nhan_goc: Printed | None = printed()
    chu_the: Line = Field(description="Cơ quan, đơn vị thực hiện, đứng đầu câu.")
    noi_dung: Prose = Field(description="Phần còn lại của câu, sau tên cơ quan.")
    cap: Levels | None = None


class Organisation(_Model):
    """Phần Tổ chức thực hiện."""

    id: Id
    nhan_goc: Printed | None = printed()
    tieu_de: Line
    doan: list[Block] = Field(default_factory=no_items, description="Các đoạn trước các mục.")
    muc: list[Assignment] = Field(default_factory=no_items)


class Signature(_Model):
    """Chữ ký: quyền hạn, chức vụ, họ tên (có thể để trống khi dự thảo)."""

    quyen_han: str = Field("", description="T/M BAN THƯỜNG VỤ, T/M HUYỆN ỦY …")
    chuc_vu: str = Field(
        "", description="BÍ THƯ, PHÓ BÍ THƯ … (nhiều dòng: KT. CHỦ TỊCH / PHÓ CHỦ TỊCH)."
    )
    ghi_chu: str = Field("", description="Dòng giữa chức vụ và họ tên: (đã ký), (Đã ký) …")
    ho_ten: str = Field("", description="Họ và tên người ký.")
    duoi_ten: str = Field(
        "", description="Dòng in dưới họ tên: chức vụ khác của người ký (TRƯỞNG BAN …)."
    )


class Parent(_Model):
    """Kế hoạch cấp trên mà kế hoạch này được soạn từ đó."""

    id: Id
    so: int | None = Field(None, description="Số của kế hoạch cấp trên; trống nếu chưa cấp số.")
    ngay: dt.date | int = Field(description="Ngày (hoặc năm) của kế hoạch cấp trên.")
    ky_hieu: Line = Field(description="Ký hiệu, ví dụ KH/HU.")


class Numbering(_Model):
    """Kiểu nhãn của văn bản gốc; bỏ trống là theo hồ sơ thể thức."""

    muc: Literal["I.", "I-"] | None = Field(None, description="Nhãn phần: 'I.' hoặc 'I-'.")
    tieu_muc: Literal["1.", "1-"] | None = Field(None, description="Nhãn mục: '1.' hoặc '1-'.")


USUAL_PARTS = ("muc_dich_yeu_cau", "muc_tieu_chi_tieu", "nhiem_vu_giai_phap", "to_chuc_thuc_hien")


class Plan(_Model):
    """Một kế hoạch của cấp ủy: nguồn duy nhất để sinh văn bản và biểu mẫu."""

    id: Id
    ho_so: Annotated[str, AfterValidator(shipped_profile)] | None = Field(
        None, description="Hồ sơ thể thức (hd36-2018 …); bỏ trống: theo ngày ban hành."
    )
    danh_sach_don_vi: Line | None = Field(
        None, description="Tệp danh sách đơn vị cấp dưới (đường dẫn tính từ tệp kế hoạch)."
    )
    goc: Parent | None = Field(None, description="Kế hoạch cấp trên (với kế hoạch soạn từ đó).")
    don_vi: Id | None = Field(None, description="Mã đơn vị ban hành trong danh sách đơn vị.")
    van_ban: Header
    danh_so: Numbering = Field(default_factory=Numbering, description="Kiểu nhãn riêng.")
    can_cu: list[Paragraph] = Field(default_factory=no_items, description="Các đoạn mở đầu.")
    muc_dich_yeu_cau: Section | None = None
    muc_tieu_chi_tieu: Objectives | None = None
    nhiem_vu_giai_phap: Section | None = None
    to_chuc_thuc_hien: Organisation | None = None
    phan_khac: list[ExtraSection] = Field(
        default_factory=no_items, description="Các phần khác; mặc định in sau các phần thường có."
    )
    thu_tu: list[Id] | None = Field(
        None, description="Mã các phần theo thứ tự in; bỏ trống là thứ tự thường lệ."
    )
    ket_luan: Prose | None = Field(None, description="Câu kết sau phần cuối ('Trên đây là …').")
    bao_cao: Reporting | None = Field(None, description="Chế độ báo cáo giao cho cấp dưới.")
    chu_ky: Signature = Field(default_factory=Signature)
    cung_ky: list[Signature] = Field(
        default_factory=no_items,
        description="Các chữ ký khác của kế hoạch liên tịch (T/M ỦY BAN NHÂN DÂN …), in dưới "
        "phần ký, từng đôi cạnh nhau.",
    )
    khong_dong_luu: bool = Field(
        False,
        description="Văn bản gốc không có dòng lưu ở cuối nơi nhận: giữ như bản gốc "
        "(kehoach import ghi khi nhập; kehoach check báo).",
    )
    noi_nhan: list[Line] = Field(
        min_length=1, description="Nơi nhận, mỗi dòng một nơi; dòng cuối là 'Lưu …'."
    )
    phu_luc: list[Appendix] = Field(
        default_factory=no_items, description="Các phụ lục sau phần ký."
    )

    @field_validator("noi_nhan")
    @classmethod
    def _filing_last(cls, lines: list[str], info: ValidationInfo) -> list[str]:
        if lines and not lines[-1].startswith("Lưu") and not info.data.get("khong_dong_luu"):
            raise ValueError("dòng cuối của nơi nhận phải là dòng lưu: 'Lưu Văn phòng …'")
        return lines

    @model_validator(mode="after")
    def _order_names_every_part(self) -> Plan:
        if self.thu_tu is not None:
            ids = [part.id for part in self._parts_by_default()]
            if sorted(self.thu_tu) != sorted(ids):
                raise ValueError(f"'thu_tu' phải kể đúng một lần mỗi phần: {', '.join(ids)}")
        return self

    def _parts_by_default(self) -> list[Section | Objectives | Organisation]:
        usual = [getattr(self, key) for key in USUAL_PARTS]
        return [part for part in usual if part is not None] + list(self.phan_khac)

    def parts(self) -> list[Section | Objectives | Organisation]:
        """The parts in the order they print."""
        parts = self._parts_by_default()
        if self.thu_tu is None:
            return parts
        by_id = {part.id: part for part in parts}
        return [by_id[ident] for ident in self.thu_tu]

    def milestones(self) -> list[Milestones]:
        """Every indicator row of the appendices' tables, in reading order; forms for year
        N take `row.target_for(N)`."""
        return [row for a in self.phu_luc for group in a.chi_tieu for row in group.chi_tieu]

    def indicators(self) -> list[Indicator]:
        """The indicators of the chỉ tiêu item, in reading order (none without one)."""
        block = self.muc_tieu_chi_tieu.chi_tieu if self.muc_tieu_chi_tieu else None
        return block.indicators() if block else []

    def profile_id(self) -> str:
        """The format profile the plan names (`ho_so:`), else the one of its kind (the Party's,
        or the State's: `van_ban.the_thuc`) in force on its date."""
        return self.ho_so or profile_on(self.van_ban.day, self.van_ban.the_thuc)
