"""An existing plan's lines → plan data, review notes and a summary for the terminal.

Recognised: the header block (even when its two columns ran together on one line), tên
loại, trích yếu, the opening, the outline (`I.`/`I-`, `1.`/`1-`/`1.1.`, `a)`, `-`/`+`,
bulleted leads `- Về …:`), the four usual parts by their headings (anything else becomes
an extra part), the indicators of the chỉ tiêu item, the signature and nơi nhận. What is
not classified stays in place as a plain paragraph with a review note: no text is dropped.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from kehoach.errors import PlanError, Problem
from kehoach.importer import indicators
from kehoach.importer.sources import Source
from kehoach.rules.data import body_codes, type_codes
from kehoach.rules.levels import load_levels
from kehoach.rules.vocabulary import Vocabulary, load_vocabulary

MOTTO = "ĐẢNG CỘNG SẢN VIỆT NAM"
NUMBER = re.compile(r"Số\s*:?\s*(\d*)\s*-\s*([A-Za-zĐđ]+)/([A-Za-zĐđ]+)")
DATE = re.compile(r"([^\t,]*\S),\s*ngày\s*(\d*)\s*tháng\s*(\d*)\s*năm\s*(\d{4})")
DRAFT = re.compile(r"\(?\s*Dự thảo[^)\t]*\)?")
ROMAN = re.compile(r"^([IVXL]+)\s*[.\-]\s*(.+)$")
ITEM = re.compile(r"^(\d{1,2})\s*[.\-]\s+(.+)$")
SUB = re.compile(r"^(?:\d{1,2}\.\d{1,2}\.?|[a-zđ]\))\s+(.+)$")
BULLET = re.compile(r"^([-+])\s+(.+)$")
LEAD = re.compile(r"^(Về [^:]{1,80}):\s+(.+)$")
RECIPIENT = re.compile(r"^-\s*(.+?)[,.;]?$")


@cache
def vocabulary() -> Vocabulary:
    """The words import relies on (kehoach/data/nhap.yaml)."""
    return load_vocabulary()


@cache
def _issuer() -> re.Pattern[str]:
    names = "|".join(re.escape(n) for n in vocabulary().co_quan_ban_hanh)
    return re.compile(rf"\s(?=(?:{names})\b)")


def slug(text: str, words: int = 5) -> str:
    """A readable ASCII id part: `Về giáo dục` → `ve-giao-duc`."""
    plain = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    parts = re.findall(r"[a-z0-9]+", plain)[:words]
    return "-".join(parts) or "muc"


def _clean(line: str) -> str:
    return re.sub(r"[\u00a0\t]", " ", line).strip()


@dataclass
class Imported:
    data: dict[str, Any]
    review: dict[str, list[str]] = field(default_factory=dict)
    found: list[str] = field(default_factory=list)


class _Parser:
    def __init__(self, source: Source, name: str) -> None:
        self.source = source
        self.name = name
        self.review: dict[str, list[str]] = {}
        self.ids: set[str] = set()
        self.found: list[str] = []

    def note(self, key: str, reason: str) -> None:
        self.review.setdefault(key, []).append(reason)

    def unique(self, wanted: str) -> str:
        candidate, n = wanted, 2
        while candidate in self.ids:
            candidate, n = f"{wanted}-{n}", n + 1
        self.ids.add(candidate)
        return candidate

    # -- header ----------------------------------------------------------------------

    def header(self, lines: list[str]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        names: list[str] = []
        for raw in lines:
            line = unicodedata.normalize("NFC", raw)
            if MOTTO in line:
                line = line.replace(MOTTO, "\t")
            number = NUMBER.search(line)
            if number:
                out["so"] = int(number.group(1)) if number.group(1) else None
                out["loai"], out["ma_co_quan"] = number.group(2), number.group(3)
                line = line[: number.start()] + "\t" + line[number.end() :]
            if DRAFT.search(line):
                out["du_thao"] = True
                line = DRAFT.sub("\t", line)
            date = DATE.search(line)
            if date:
                out["dia_danh"] = date.group(1).strip().lstrip("*").strip()
                day, month, year = date.group(2), date.group(3), int(date.group(4))
                out["ngay"] = dt.date(year, int(month), int(day)) if day and month else year
                line = line[: date.start()] + "\t" + line[date.end() :]
            for piece in re.split(r"\t| {3,}", line):
                piece = piece.strip()
                if piece and piece != "*" and piece == piece.upper() and re.search(r"\w", piece):
                    names += [p.strip() for p in _issuer().split(piece) if p.strip()]
        if names and names[0].startswith("ĐẢNG BỘ") and len(names) > 1:
            out["cap_tren"] = names.pop(0)
        if names:
            out["co_quan"] = "\n".join(names)
        missing = [k for k in ("co_quan", "ma_co_quan", "loai", "dia_danh", "ngay") if k not in out]
        if missing:
            self.note("van_ban", f"không nhận ra trong đầu văn bản: {', '.join(missing)}")
        if out.get("ma_co_quan") and out["ma_co_quan"] not in body_codes():
            self.note("van_ban", f"mã cơ quan '{out['ma_co_quan']}' lạ")
        self.found.append(
            "đầu văn bản: "
            + ", ".join(
                k for k in ("cap_tren", "co_quan", "so", "du_thao", "dia_danh", "ngay") if k in out
            )
        )
        return out

    # -- body ------------------------------------------------------------------------

    def parse(self) -> Imported:
        body = [unicodedata.normalize("NFC", line) for line in self.source.body]
        names = set(type_codes().values())
        title = next((i for i, line in enumerate(body) if _clean(line) in names), None)
        if title is None:
            message = (
                "không thấy tên loại văn bản (KẾ HOẠCH, BÁO CÁO …): tệp này không phải "
                "một kế hoạch nhập được"
            )
            raise PlanError([Problem(self.name, message)])
        head = self.source.header or body[:title]
        header = self.header(head)
        kind = next(code for code, name in type_codes().items() if name == _clean(body[title]))
        header.setdefault("loai", kind)
        rest = body[title + 1 :]
        separator = next(
            (i for i, line in enumerate(rest) if re.fullmatch(r"-{3,}", _clean(line))), None
        )
        if separator is None:
            separator = 1
            self.note("van_ban", "không thấy dòng gạch ngang sau trích yếu; lấy một đoạn")
        summary_lines = [_clean(x) for x in rest[:separator] if _clean(x)]
        header["trich_yeu"] = "\n".join(summary_lines)
        self.found.append(f"trích yếu ({header['trich_yeu'].count(chr(10)) + 1} dòng)")
        lines = [_clean(x) for x in rest[separator + 1 :] if _clean(x)]
        data: dict[str, Any] = {"id": slug(self.name, 6), "van_ban": header}
        self._body(lines, data)
        self._signature(lines, data)
        return Imported(data, self.review, self.found)

    def _body(self, lines: list[str], data: dict[str, Any]) -> None:
        first = next((i for i, line in enumerate(lines) if ROMAN.match(line)), len(lines))
        data["can_cu"] = [
            {"id": self.unique(f"can-cu-{i + 1}"), "noi_dung": text}
            for i, text in enumerate(lines[:first])
        ]
        if not data["can_cu"]:
            self.note("can_cu", "không có đoạn mở đầu (căn cứ)")
        sections: list[tuple[str, list[str]]] = []
        for line in lines[first:]:
            if _is_end(line):
                break
            match = ROMAN.match(line)
            if match and match.group(2) == match.group(2).upper():
                sections.append((match.group(2).strip(), []))
            else:
                sections[-1][1].append(line)
        extras = []
        for title, content in sections:
            parts = vocabulary().phan.items()
            key = next(
                (k for k, words in parts if any(w in title for w in words) and k not in data), None
            )
            if key == "muc_dich_yeu_cau" or key == "nhiem_vu_giai_phap":
                prefix = "md" if key == "muc_dich_yeu_cau" else "nv"
                data[key] = {
                    "id": key.replace("_", "-"),
                    "tieu_de": title,
                    "muc": self._items(content, prefix),
                }
            elif key == "muc_tieu_chi_tieu":
                data[key] = self._objectives(title, content)
            elif key == "to_chuc_thuc_hien":
                data[key] = self._duties(title, content)
            else:
                ident = self.unique(f"phan-{slug(title, 3)}")
                items = self._items(content, ident)
                extras.append({"id": ident, "tieu_de": title, "muc": items})
                self.note(ident, "phần không thuộc bốn phần thường có: in sau Tổ chức thực hiện")
        if extras:
            data["phan_khac"] = extras
        self.found.append(f"{len(sections)} phần")

    def _items(self, content: list[str], prefix: str) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = []
        loose: list[str] = []
        for line in content:
            match = ITEM.match(line)
            if match:
                items.append(
                    {
                        "id": self.unique(f"{prefix}{len(items) + 1}"),
                        "tieu_de": match.group(2).strip(),
                        "doan": [],
                    }
                )
            elif items:
                items[-1]["doan"].append(self._paragraph(line, items[-1]["id"]))
            else:
                loose.append(line)
        if loose:
            item = {
                "id": self.unique(f"{prefix}-chung"),
                "tieu_de": "(chưa có tên mục)",
                "doan": [self._paragraph(x, f"{prefix}-chung") for x in loose],
            }
            self.note(
                item["id"],
                "đoạn văn không thuộc mục đánh số nào: đặt tên mục hoặc chuyển vào mục thích hợp",
            )
            items.insert(0, item)
        if prefix == "nv":
            self.found.append(f"{len(items)} nhiệm vụ")
        return items

    def _paragraph(self, line: str, owner: str) -> dict[str, Any]:
        count = sum(1 for i in self.ids if i.startswith(f"{owner}-"))
        bullet = BULLET.match(line)
        sub = SUB.match(line)
        if bullet:
            text = bullet.group(2)
            lead = LEAD.match(text)
            if lead:
                ident = self.unique(f"{owner}-{slug(lead.group(1), 4)}")
                return {
                    "id": ident,
                    "noi_dung": lead.group(2),
                    "dau": bullet.group(1),
                    "dan": lead.group(1),
                }
            return {
                "id": self.unique(f"{owner}-{count + 1}"),
                "noi_dung": text,
                "dau": bullet.group(1),
            }
        ident = self.unique(f"{owner}-{count + 1}")
        if sub:
            self.note(ident, "tiểu mục (a), 1.1.) giữ như đoạn văn có nhãn")
        return {"id": ident, "noi_dung": line}

    def _objectives(self, title: str, content: list[str]) -> dict[str, Any]:
        items = self._items(content, "mt")
        out: dict[str, Any] = {"id": "muc-tieu-chi-tieu", "tieu_de": title}
        others = []
        for item in items:
            name = item["tieu_de"].lower()
            if "chỉ tiêu" in name and "chi_tieu" not in out:
                out["chi_tieu"] = self._indicators(item)
            elif "tầm nhìn" in name and "tam_nhin" not in out:
                out["tam_nhin"] = item
            elif "muc_tieu_tong_quat" not in out and "chi_tieu" not in out:
                out["muc_tieu_tong_quat"] = item
            else:
                others.append(item)
        for item in others:  # kept, in the general objective, for the clerk to place
            target = out.get("muc_tieu_tong_quat")
            if target is not None:
                target["doan"].extend(item["doan"])
                self.note(target["id"], f"mục '{item['tieu_de']}' đã gộp vào đây")
        if "chi_tieu" not in out:
            self.note("muc-tieu-chi-tieu", "không thấy mục chỉ tiêu")
        return out

    def _indicators(self, item: dict[str, Any]) -> dict[str, Any]:
        years = re.findall(r"năm (\d{4})", item["tieu_de"])
        paragraphs, counted, valued = [], 0, 0
        for k, paragraph in enumerate(item["doan"], start=1):
            phrases = []
            for record in indicators.records(paragraph["noi_dung"]):
                fields = indicators.structure(record)
                name = indicators.label(record.text)
                ident = self.unique(f"ct-{slug(name, 5)}")
                phrase = {"id": ident, "cau": fields.pop("cau"), "nhan": name, **fields}
                if record.joiner != "; ":
                    phrase["noi"] = record.joiner
                phrases.append(phrase)
                counted += 1
                valued += "gia_tri" in fields
                self.note(ident, "kiểm tra tên trên biểu, cấp áp dụng (cap) và hướng (huong)")
            if phrases and phrases[-1].get("noi") == ".":
                del phrases[-1]["noi"]
            paragraphs.append({"id": self.unique(f"ct-doan-{k}"), "noi_dung": phrases})
        self.found.append(f"{counted} chỉ tiêu ({valued} có giá trị, {counted - valued} định tính)")
        return {
            "id": "chi-tieu",
            "tieu_de": item["tieu_de"],
            "nam": int(years[0]) if years else 2030,
            "doan": paragraphs,
        }

    def _duties(self, title: str, content: list[str]) -> dict[str, Any]:
        duties = []
        for line in content:
            match = ITEM.match(line)
            if not match:
                if duties:
                    duties[-1]["noi_dung"] += " " + line
                    self.note(duties[-1]["id"], "đoạn tiếp theo đã nối vào nhiệm vụ này")
                continue
            text = match.group(2).strip()
            ident = self.unique(f"tc-{len(duties) + 1}")
            cuts = sorted(
                m.start()
                for act in vocabulary().viec_lam
                for m in re.finditer(rf"\s{re.escape(act)}\b", text)
            )
            # The acting body ends with the name of a body or an area: "… Huyện ủy", "… xã".
            ends = "|".join(re.escape(w) for w in vocabulary().cuoi_ten_co_quan)
            named = [c for c in cuts if re.search(rf"(?:{ends})$", text[:c])]
            cut = (named or cuts or [None])[0]
            if cut is None or cut == 0:
                words = text.split(" ", 3)
                cut = len(" ".join(words[:3]))
                self.note(ident, "không nhận ra cơ quan thực hiện: kiểm tra chu_the")
            duties.append(
                {"id": ident, "chu_the": text[:cut].strip(), "noi_dung": text[cut:].strip()}
            )
        self.found.append(f"{len(duties)} mục tổ chức thực hiện")
        return {"id": "to-chuc-thuc-hien", "tieu_de": title, "muc": duties}

    def _signature(self, lines: list[str], data: dict[str, Any]) -> None:
        cells = self.source.signature
        if cells:
            left = [_clean(x) for x in cells[0] if _clean(x)]
            right = [_clean(x) for x in (cells[1] if len(cells) > 1 else []) if _clean(x)]
        else:
            start = next((i for i, line in enumerate(lines) if _is_end(line)), len(lines))
            tail = lines[start:]
            left = [x for x in tail if x.startswith(("Nơi nhận", "-"))]
            right = [x for x in tail if x not in left]
        recipients = [RECIPIENT.match(x).group(1) for x in left if RECIPIENT.match(x)]
        if recipients and recipients[-1].startswith("Lưu"):
            data["noi_nhan"] = recipients
            self.found.append(f"nơi nhận ({len(recipients)} dòng)")
        else:
            levels = load_levels()
            level = levels.of_body(data["van_ban"].get("ma_co_quan", ""))
            office = levels.cap[level].noi.van_phong if level else "Văn phòng"
            data["noi_nhan"] = [*recipients, f"Lưu {office}"]
            self.note(
                "noi_nhan", f"văn bản gốc không có dòng lưu: đã thêm 'Lưu {office}'; sửa cho đúng"
            )
        if right:
            signer = {"quyen_han": right[0]}
            if len(right) > 1:
                signer["chuc_vu"] = right[1]
            if len(right) > 2:
                signer["ho_ten"] = right[-1]
            data["chu_ky"] = signer
            self.found.append("khối ký")
        else:
            self.note("chu_ky", "văn bản gốc không có phần ký")


def _is_end(line: str) -> bool:
    return line.startswith("Nơi nhận") or bool(re.match(r"^(T/M|K/T|T/L|TM\.|KT\.)\s", line))


def parse(source: Source, name: str) -> Imported:
    """The plan data of an existing document (see the module docstring)."""
    return _Parser(source, name).parse()
