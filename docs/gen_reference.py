"""Writes the YAML reference pages of docs/tham-chieu/ from what the code reads: the plan and
units-file models' JSON Schema (what `kehoach schema` prints) and the shipped format profiles
with their comments. Run it after changing a model or a profile:

    python docs/gen_reference.py            # rewrite the pages
    python docs/gen_reference.py --check    # exit 1 if a page is out of date

tests/test_docs.py fails while a committed page differs from what this writes."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kehoach.plan.comments import comments
from kehoach.plan.labels import LABELS
from kehoach.plan.model import Plan
from kehoach.plan.units import Registry
from kehoach.rules.profile import load_profile
from kehoach.rules.profile_dates import load_profile_table
from kehoach.rules.source import profile_names, shipped
from kehoach.source import yamlsource
from kehoach.vn.dates import short_date

OUT = Path(__file__).resolve().parent / "tham-chieu"
NOTICE = "<!-- Trang này do docs/gen_reference.py sinh ra; đừng sửa tay. -->\n\n"
Schema = dict[str, Any]

_BASIC = {"string": "chữ", "integer": "số nguyên", "number": "số", "boolean": "true/false",
          "null": "bỏ trống"}


def _cell(text: str) -> str:
    """Text that stays inside one cell of a Markdown table."""
    return text.replace("\n", " ").replace("|", "\\|")


def _code(value: object) -> str:
    text = str(value)
    fence = "``" if "`" in text else "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _def_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def _type(prop: Schema, defs: dict[str, Schema]) -> str:
    """The type of a schema property in words, a model as a link to its heading."""
    if "$ref" in prop:
        name = _def_name(prop["$ref"])
        target = defs[name]
        if "enum" in target:
            return "một trong " + ", ".join(_code(v) for v in target["enum"])
        return f"[{_heading(target)}](#{name.lower()})"
    if "anyOf" in prop:
        kinds = [_type(p, defs) for p in prop["anyOf"] if p.get("type") != "null"]
        return " hoặc ".join(dict.fromkeys(kinds))
    if "enum" in prop:
        return "một trong " + ", ".join(_code(v) for v in prop["enum"])
    if "const" in prop:
        return _code(prop["const"])
    kind = prop.get("type")
    if kind == "array":
        return "danh sách " + _type(prop.get("items", {}), defs)
    if kind == "object":
        values = prop.get("additionalProperties")
        inner = _type(values, defs) if isinstance(values, dict) else "giá trị"
        return f"bảng mã → {inner}"
    if prop.get("format") == "date":
        return "ngày (2024-02-05)"
    return _BASIC.get(kind, "giá trị") if isinstance(kind, str) else "giá trị"


def _limits(prop: Schema) -> list[str]:
    """Length, range and pattern limits of a property (or of its one non-null choice)."""
    choices = [p for p in prop.get("anyOf", [prop]) if p.get("type") != "null"]
    found: list[str] = []
    for choice in choices:
        for key, words in (("minLength", "ít nhất {} ký tự"), ("maxLength", "tối đa {} ký tự"),
                           ("minimum", "từ {}"), ("maximum", "đến {}"),
                           ("minItems", "ít nhất {} dòng"), ("pattern", "dạng {}")):
            if key in choice:
                value = _code(choice[key]) if key == "pattern" else choice[key]
                found.append(words.format(value))
    return list(dict.fromkeys(found))


def _heading(model: Schema) -> str:
    """A model's name in words: the head of its description (`Một chỉ tiêu: …` → Chỉ tiêu)."""
    words: str = model.get("description") or model["title"]
    head = re.split(r"[:;.(]", words, maxsplit=1)[0].strip()
    head = head.removeprefix("Một ")
    return head[:1].upper() + head[1:]


def _models_in_order(schema: Schema) -> Iterator[tuple[str, Schema, list[str]]]:
    """Each model the schema refers to, breadth first from the top, with the keys using it."""
    defs = schema.get("$defs", {})
    used: dict[str, list[str]] = {}
    queue: list[str] = []

    def visit(model: Schema) -> None:
        for key, prop in model.get("properties", {}).items():
            for ref in re.findall(r"'\$ref': '([^']+)'", repr(prop)):
                name = _def_name(ref)
                if "enum" in defs[name]:
                    continue
                if name not in used:
                    queue.append(name)
                used.setdefault(name, [])
                if key not in used[name]:
                    used[name].append(key)

    visit(schema)
    done = 0
    while done < len(queue):
        visit(defs[queue[done]])
        done += 1
    for name in queue:
        yield name, defs[name], used[name]


def _fields(model: Schema, defs: dict[str, Schema]) -> str:
    rows = ["| khóa | kiểu | bắt buộc / mặc định | ý nghĩa |", "|---|---|---|---|"]
    required = set(model.get("required", []))
    for key, prop in model.get("properties", {}).items():
        if key in required:
            need = "**bắt buộc**"
        elif prop.get("default") not in (None, "", [], {}):
            need = "mặc định " + _code(prop["default"])
        else:
            need = "không bắt buộc"
        meaning = prop.get("description") or LABELS.get(key, "")
        limits = _limits(prop)
        if limits:
            meaning += (" " if meaning else "") + "(" + "; ".join(limits) + ")"
        rows.append(f"| `{key}` | {_cell(_type(prop, defs))} | {need} | {_cell(meaning)} |")
    return "\n".join(rows) + "\n"


def schema_page(title: str, intro: str, schema: Schema) -> str:
    """A reference page for one model: its own fields, then each model it uses."""
    defs = schema.get("$defs", {})
    parts = [NOTICE, f"# {title}\n\n", intro, "\n", schema.get("description", ""), "\n\n",
             _fields(schema, defs)]
    for name, model, keys in _models_in_order(schema):
        where = ", ".join(f"`{k}`" for k in keys)
        parts += [f'\n<a id="{name.lower()}"></a>\n\n## {_heading(model)}\n\n',
                  f"{model.get('description', '')} Dùng ở: {where}.\n\n", _fields(model, defs)]
    return "".join(parts)


def _flat(value: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """The leaves of a profile: every value that is not itself a block of keys."""
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _flat(child, (*path, key))
    else:
        yield path, value


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    if isinstance(value, str) and not value.strip():
        return f'"{value}"' + (f" ({len(value)} dấu cách)" if value else "")
    if isinstance(value, str) and value != value.strip():
        return f'"{value}"'
    return str(value)


class _ProfileFile:
    """One shipped profile: its own values and the comments written beside each."""

    def __init__(self, name: str) -> None:
        self.name = name
        text = shipped(f"{name}.yaml").read_text(encoding="utf-8")
        self.source = yamlsource.load(text, f"kehoach/data/{name}.yaml")
        data = dict(self.source.data)
        self.base: str | None = data.pop("dua_tren", None)
        self.values = dict(_flat(data))
        above = comments(text, self.source.file)
        self.intro = above.pop(("id",), [])
        self.notes: dict[tuple[str, ...], list[str]] = {}
        lines = text.splitlines()
        for path, block in above.items():
            self.notes.setdefault(tuple(map(str, path)), []).extend(block)
        for path, (line, _col) in self.source.key_marks.items():
            tail = _trailing(lines[line - 1])
            if tail:
                self.notes.setdefault(tuple(map(str, path)), []).append(tail)

    def note(self, path: tuple[str, ...], first_leaf: bool) -> str:
        """The comments of `path`; the first leaf of a block also takes the block's own."""
        found = list(self.notes.get(path, []))
        if first_leaf:
            for depth in range(len(path) - 1, 1, -1):
                found = self.notes.get(path[:depth], []) + found
        return " ".join(line for line in found if line)


def _trailing(line: str) -> str:
    """The comment after a value on its line (`le_tren_mm: 20  # (V)` → `(V)`)."""
    match = re.search(r"\s#\s?(.*)$", line)
    if not match or line.lstrip().startswith("#") or line[match.start():].count('"') % 2:
        return ""
    return match.group(1).strip()


def profile_page() -> str:
    """Every shipped profile side by side, key by key, with the comments of their files."""
    files = {name: _ProfileFile(name) for name in profile_names()}
    bases = [f for f in files.values() if f.base is None]
    names = [f.name for f in bases] + [f.name for f in files.values() if f.base is not None]
    parts = [NOTICE, "# Tham chiếu: hồ sơ thể thức\n\n",
             "Mọi con số và dấu của thể thức nằm trong các hồ sơ ở `kehoach/data/` (xem "
             "[Mẫu và thể thức](../huong-dan/mau-the-thuc.md)). Một hồ sơ có `dua_tren` chỉ ghi "
             "chỗ khác hồ sơ gốc: ô trống ở cột của nó là giữ giá trị của hồ sơ gốc. Ghi chú "
             "lấy từ chú thích trong tệp hồ sơ; (V): đọc từ văn bản quy định, (P): thực tiễn "
             "phổ biến hoặc nguồn thứ cấp, có thể chỉnh.\n\n## Các hồ sơ\n\n"]
    for name in names:
        item = files[name]
        based = f" (dựa trên `{item.base}`)" if item.base else ""
        parts.append(f"- `{name}`{based}: {' '.join(line for line in item.intro if line)}\n")
    parts.append("\n## Hồ sơ theo ngày\n\n`kehoach/data/ho_so_theo_ngay.yaml`: kế hoạch không "
                 "ghi `ho_so:` dùng hồ sơ có hiệu lực vào ngày ban hành (dự thảo chỉ ghi năm: "
                 "ngày 31/12 năm đó).\n\n| hồ sơ | từ ngày | đến ngày |\n|---|---|---|\n")
    rule = load_profile("hd36-2018").dia_danh_ngay
    for entry in load_profile_table().ho_so:
        since = short_date(entry.tu, rule) if entry.tu else ""
        until = short_date(entry.den, rule) if entry.den else ""
        parts.append(f"| `{entry.id}` | {since} | {until} |\n")
    parts.append(_profile_tables(files, names))
    return "".join(parts)


def _profile_tables(files: dict[str, _ProfileFile], names: list[str]) -> str:
    """One table for the top-level values, then one per block (`trang`, `than` …)."""
    paths: list[tuple[str, ...]] = []
    for name in names:
        paths += [p for p in files[name].values if p not in paths]
    groups: dict[str, list[tuple[str, ...]]] = {"": [p for p in paths if len(p) == 1]}
    for path in paths:
        if len(path) > 1:
            groups.setdefault(path[0], []).append(path)
    parts: list[str] = []
    for top, rows in groups.items():
        parts.append(f"\n## `{top}`\n\n" if top else "\n## Chung\n\n")
        above = [line for n in names for line in files[n].notes.get((top,), []) if line]
        if top and above:
            parts.append(" ".join(above) + "\n\n")
        parts.append("| khóa | " + " | ".join(f"`{n}`" for n in names) + " | ghi chú |\n")
        parts.append("|---" * (len(names) + 2) + "|\n")
        for index, path in enumerate(rows):
            first = bool(top) and all(p[:-1] != path[:-1] for p in rows[:index])
            cells = [_cell(_code(_show(files[n].values[path]))) if path in files[n].values else ""
                     for n in names]
            notes = [files[n].note(path, first) for n in names if path in files[n].values]
            key = ".".join(path[1:]) if top else path[0]
            parts.append(f"| `{key}` | " + " | ".join(cells)
                         + f" | {_cell(' '.join(n for n in notes if n))} |\n")
    return "".join(parts)


def pages() -> dict[Path, str]:
    """Every generated page by its path."""
    plan = {"$schema": "https://json-schema.org/draft/2020-12/schema", **Plan.model_json_schema()}
    units = Registry.model_json_schema()
    return {
        OUT / "ke-hoach.md": schema_page(
            "Tham chiếu: tệp kế hoạch",
            "Mọi khóa của tệp kế hoạch YAML, từ JSON Schema mà `kehoach schema` in ra (cách viết "
            "từng phần: [Tệp kế hoạch](../huong-dan/ke-hoach-yaml.md)). Khóa lạ là lỗi.\n",
            plan),
        OUT / "don-vi.md": schema_page(
            "Tham chiếu: danh sách đơn vị",
            "Mọi khóa của tệp danh sách đơn vị (`plans/don_vi_phung_hiep.yaml` …) mà "
            "[`kehoach derive`](../huong-dan/derive.md) và `kehoach forms` đọc. Khóa lạ là lỗi.\n",
            units),
        OUT / "ho-so.md": profile_page(),
    }


def main(argv: list[str]) -> int:
    stale = [path for path, text in pages().items()
             if not path.is_file() or path.read_text(encoding="utf-8") != text]
    if "--check" in argv:
        for path in stale:
            print(f"{path} chưa cập nhật: chạy python docs/gen_reference.py", file=sys.stderr)
        return 1 if stale else 0
    OUT.mkdir(exist_ok=True)
    for path, text in pages().items():
        path.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
