"""Render a plan into its DOCX through a docxtpl template.

A `Renderer` reads its template once and keeps docxtpl's cleaned-up XML and the
compiled Jinja templates for the life of the process, so a batch pays for
parsing and compiling once. Jinja runs sandboxed, autoescaped, with strict
undefined; output bytes are deterministic (fixed zip timestamps, fixed dates).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from kehoach import context, ooxml
from kehoach.errors import TemplateFailure
from kehoach.model import Plan
from kehoach.profile import load_profile
from kehoach.templates import find_template

_PARAGRAPH = re.compile(r"<w:p([ >])")
_NEWLINE_PARAGRAPH = re.compile(r"\n<w:p([ >])")


class _CachedTemplate(DocxTemplate):
    """docxtpl, with its per-render XML clean-up and Jinja compilation memoised."""

    def __init__(self, source: bytes, patched: dict[str, str], compiled: dict[str, Any]):
        super().__init__(io.BytesIO(source))
        self._patched = patched
        self._compiled = compiled

    def patch_xml(self, src_xml: str) -> str:
        if src_xml not in self._patched:
            self._patched[src_xml] = super().patch_xml(src_xml)
        return self._patched[src_xml]

    def render_xml_part(self, src_xml, part, context, jinja_env=None):
        # Same steps as DocxTemplate.render_xml_part, compiling each part only once.
        template = self._compiled.get(src_xml)
        if template is None:
            template = jinja_env.from_string(_PARAGRAPH.sub(r"\n<w:p\1", src_xml))
            self._compiled[src_xml] = template
        self.current_rendering_part = part
        dst_xml = _NEWLINE_PARAGRAPH.sub(r"<w:p\1", template.render(context))
        for escaped, tag in (("{_{", "{{"), ("}_}", "}}"), ("{_%", "{%"), ("%_}", "%}")):
            dst_xml = dst_xml.replace(escaped, tag)
        return self.resolve_listing(dst_xml)


def environment() -> SandboxedEnvironment:
    """The Jinja environment every template is rendered in."""
    return SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)


class Renderer:
    """Renders plans with one template; reuse it across a batch."""

    def __init__(self, template: Path) -> None:
        self.template = template
        self.source = template.read_bytes()
        self.env = environment()
        self._patched: dict[str, str] = {}
        self._compiled: dict[str, Any] = {}

    def render_context(self, ctx: dict[str, Any], properties: dict[str, Any]) -> bytes:
        """The DOCX bytes for a ready context; `properties` set the document's own metadata."""
        doc = _CachedTemplate(self.source, self._patched, self._compiled)
        try:
            doc.render(ctx, jinja_env=self.env)
        except TemplateError as exc:
            where = f" (dòng {exc.lineno})" if getattr(exc, "lineno", None) else ""
            raise TemplateFailure(
                f"mẫu {self.template}: lỗi Jinja{where}: {exc.message or exc}"
            ) from None
        props = doc.docx.core_properties
        for key, value in properties.items():
            setattr(props, key, value)
        out = io.BytesIO()
        ooxml.save_package(doc.docx, out)
        return out.getvalue()

    def render(self, plan: Plan) -> bytes:
        """The Kế hoạch of `plan` as DOCX bytes."""
        profile = load_profile(plan.ho_so)
        return self.render_context(context.ke_hoach(plan, profile), document_properties(plan))


def document_properties(plan: Plan) -> dict[str, Any]:
    """Author is the issuing body, title the trích yếu; dates come from the plan, not the clock."""
    h = plan.van_ban
    when = h.ngay if isinstance(h.ngay, dt.date) else dt.date(h.ngay, 1, 1)
    stamp = dt.datetime(when.year, when.month, when.day)
    return {
        "author": " ".join(h.co_quan.split()),
        "last_modified_by": " ".join(h.co_quan.split()),
        "title": _fit(" ".join(h.trich_yeu.split())),
        "subject": plan.id,
        "comments": "",
        "revision": 1,
        "created": stamp,
        "modified": stamp,
        "language": "vi-VN",
    }


def _fit(text: str, limit: int = 255) -> str:
    """OOXML core properties hold at most 255 characters: cut at a word, mark with …."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


def renderer_for(name: str, user_dir: Path | None = None) -> Renderer:
    """A renderer for template `name`, looked up in `user_dir` first."""
    return Renderer(find_template(name, user_dir))
