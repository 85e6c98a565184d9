"""Render a plan into its DOCX through a docxtpl template.

A `Renderer` reads its template once and keeps docxtpl's cleaned-up XML and the
compiled Jinja templates for the life of the process, so a batch pays for
parsing and compiling once. Jinja runs sandboxed, autoescaped, with strict
undefined; output bytes are deterministic (fixed zip timestamps, fixed dates).
"""

from __future__ import annotations

import copy
import io
import operator
import re
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docx import Document
from docxtpl import DocxTemplate
from jinja2 import Environment, StrictUndefined
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from kehoach.document import comments, context, header_fit, ooxml
from kehoach.document.lookup import find_template
from kehoach.document.template_errors import jinja_message, unreadable
from kehoach.errors import KehoachError, TemplateFailure
from kehoach.plan.model import Plan
from kehoach.rules.profile import Profile, load_profile
from kehoach.system.deadline import time_limit

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

_PARAGRAPH = re.compile(r"<w:p([ >])")
_NEWLINE_PARAGRAPH = re.compile(r"\n<w:p([ >])")
_MARKS = "\n\t\a\f"
MAX_OUTPUT = 64 * 2**20  # characters of XML one template part may produce
MAX_SECONDS = 60  # one render; the shipped templates take well under a second


class _TooLong(Exception):
    """A render that ran past `MAX_SECONDS`."""


class _Loaded:
    """A template parsed once. docxtpl edits the document it renders (replaces the body and
    the header parts), so each render starts by putting the pristine ones back: a batch
    reuses one parsed package instead of reading the DOCX again. One render at a time."""

    def __init__(self, source: bytes) -> None:
        self.docx = Document(io.BytesIO(source))
        self.body = copy.deepcopy(self.docx.element.body)
        self.body_xml = etree.tostring(self.body, encoding="unicode")
        self.targets = {key: rel._target for key, rel in self.docx.part.rels.items()}
        self.patched: dict[str, str] = {}
        self.compiled: dict[str, Any] = {}

    def fresh(self) -> DocxDocument:
        root = self.docx.element
        root.replace(root.body, copy.deepcopy(self.body))
        for key, target in self.targets.items():
            self.docx.part.rels[key]._target = target
        return self.docx


class _CachedTemplate(DocxTemplate):
    """docxtpl on a pre-parsed template, its XML clean-up and Jinja compilation memoised."""

    def __init__(self, loaded: _Loaded) -> None:
        super().__init__(None)
        self.docx = loaded.fresh()
        self._loaded = loaded

    def get_xml(self) -> str:
        return self._loaded.body_xml  # the body is pristine when rendering starts

    def patch_xml(self, src_xml: str) -> str:
        patched = self._loaded.patched
        if src_xml not in patched:
            patched[src_xml] = super().patch_xml(src_xml)
        return patched[src_xml]

    def render_xml_part(
        self, src_xml: str, part: Any, context: dict[str, Any], jinja_env: Environment | None = None
    ) -> str:
        # Same steps as DocxTemplate.render_xml_part, compiling each part only once.
        template = self._loaded.compiled.get(src_xml)
        if template is None:
            assert jinja_env is not None  # render() always passes the sandbox
            template = jinja_env.from_string(_PARAGRAPH.sub(r"\n<w:p\1", src_xml))
            self._loaded.compiled[src_xml] = template
        self.current_rendering_part = part
        dst_xml = _NEWLINE_PARAGRAPH.sub(r"<w:p\1", _bounded(template.generate(context)))
        for escaped, tag in (("{_{", "{{"), ("}_}", "}}"), ("{_%", "{%"), ("%_}", "%}")):
            dst_xml = dst_xml.replace(escaped, tag)
        return self._resolve_marks(dst_xml)

    def _resolve_marks(self, xml: str) -> str:
        """docxtpl's resolve_listing (line breaks, tabs …), run only on the paragraphs
        that hold such a mark instead of on the whole part."""
        if not any(mark in xml for mark in _MARKS):
            return xml
        chunks = xml.split("</w:p>")
        for i, chunk in enumerate(chunks[:-1]):
            if any(mark in chunk for mark in _MARKS):
                start = max(chunk.rfind("<w:p>"), chunk.rfind("<w:p "))
                fixed = self.resolve_listing(chunk[start:] + "</w:p>")
                chunks[i] = chunk[:start] + fixed.removesuffix("</w:p>")
        return "</w:p>".join(chunks)

    def render_properties(
        self, context: dict[str, Any], jinja_env: Environment | None = None
    ) -> None:
        """The document's properties come from the plan (`document_properties`)."""


def _bounded(chunks: Iterator[str]) -> str:
    """A part's output, stopped once it passes `MAX_OUTPUT` (a loop in a user template)."""
    out, size = [], 0
    for chunk in chunks:
        size += len(chunk)
        if size > MAX_OUTPUT:
            raise SecurityError(f"mẫu sinh ra quá {MAX_OUTPUT:_} ký tự".replace("_", "."))
        out.append(chunk)
    return "".join(out)


class _Sandbox(SandboxedEnvironment):
    """The sandbox, also refusing `'A' * 3e9` and `9 ** 9 ** 9` before they are computed."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Context, operator_: str, left: Any, right: Any) -> Any:
        if operator_ == "*":
            for seq, count in ((left, right), (right, left)):
                sized = isinstance(seq, str | list | tuple) and isinstance(count, int)
                if sized and len(seq) * count > MAX_OUTPUT:
                    raise SecurityError("phép nhân chuỗi quá lớn trong mẫu")
            return operator.mul(left, right)
        ints = isinstance(left, int) and isinstance(right, int) and abs(left) > 1
        if ints and right * abs(left).bit_length() > 2**16:
            raise SecurityError("phép lũy thừa quá lớn trong mẫu")
        return operator.pow(left, right)


def environment() -> SandboxedEnvironment:
    """The Jinja environment every template is rendered in."""
    return _Sandbox(autoescape=True, undefined=StrictUndefined)


class Renderer:
    """Renders plans with one template; reuse it across a batch."""

    def __init__(self, template: Path) -> None:
        self.template = template
        self.env = environment()
        self._loaded = self._load(template)
        self._own: dict[str, tuple[Path, _Loaded]] = {}

    @staticmethod
    def _load(template: Path) -> _Loaded:
        try:
            return _Loaded(template.read_bytes())
        except (OSError, ValueError, KeyError, zipfile.BadZipFile, etree.LxmlError) as exc:
            raise TemplateFailure(f"mẫu {template}: {unreadable(exc)}") from None

    def _template_of(self, profile: Profile) -> tuple[Path, _Loaded]:
        """The template a plan of `profile` renders with: this one, or the profile's own
        (`ke_hoach_nd30-2020.docx` for a State plan), looked up beside this one first."""
        if not profile.mau:
            return self.template, self._loaded
        if profile.mau not in self._own:
            name = f"{self.template.stem}_{profile.mau}{self.template.suffix}"
            beside = self.template.parent / name
            path = beside if beside.is_file() else find_template(name)
            self._own[profile.mau] = (path, self._load(path))
        return self._own[profile.mau]

    def render_context(
        self,
        ctx: dict[str, Any],
        properties: dict[str, Any],
        notes_of: Plan | None = None,
        profile: Profile | None = None,
        header: Profile | None = None,
        remarks: Sequence[comments.Remark] = (),
    ) -> bytes:
        """The DOCX bytes for a ready context; `properties` set the document's own metadata;
        the review notes of `notes_of`, then the `remarks`, become Word comments (dated as
        the document: its `created` property); a `profile` with a template of its own
        renders with that one; the header table is fitted to its lines by the `header`
        profile (the `profile`'s when not given)."""
        template, loaded = self._template_of(profile) if profile else (self.template, self._loaded)
        doc = _CachedTemplate(loaded)
        try:
            with time_limit(MAX_SECONDS, _TooLong):
                doc.render(ctx, jinja_env=self.env)
        except KehoachError:
            raise
        except Exception as exc:  # a user's template is code: any failure is its error
            raise TemplateFailure(_template_error(template, doc, exc)) from None
        fitting = header or profile
        if fitting is not None and isinstance(ctx.get("van_ban"), dict):
            header_fit.fit(doc.docx, ctx["van_ban"], fitting)
        props = doc.docx.core_properties
        for key, value in properties.items():
            setattr(props, key, value)
        out = io.BytesIO()
        day = properties["created"].date() if "created" in properties else None
        with comments.annotated(doc.docx, notes_of, remarks, day):
            ooxml.save_package(doc.docx, out)
        return out.getvalue()

    def render(self, plan: Plan) -> bytes:
        """The Kế hoạch of `plan` as DOCX bytes."""
        profile = load_profile(plan.profile_id())
        return self.render_context(
            context.ke_hoach(plan, profile), context.document_properties(plan), plan, profile
        )


def _template_error(template: Path, doc: _CachedTemplate, exc: Exception) -> str:
    part = getattr(getattr(doc, "current_rendering_part", None), "partname", "")
    where = f" {str(part).lstrip('/')}" if part else ""
    line = getattr(exc, "lineno", None)
    where += f" (dòng {line})" if line else ""
    if isinstance(exc, _TooLong):
        detail = f"chạy quá {MAX_SECONDS} giây (vòng lặp quá lớn?)"
    elif isinstance(exc, ZeroDivisionError):
        detail = "chia cho số 0"
    else:
        detail = jinja_message(getattr(exc, "message", None) or str(exc) or type(exc).__name__)
    return f"mẫu {template}{where}: lỗi Jinja: {detail}"


def renderer_for(name: str, user_dir: Path | None = None) -> Renderer:
    """A renderer for template `name`, looked up in `user_dir` first."""
    return Renderer(find_template(name, user_dir))
