"""Nơi nhận lines end as the document's profile says: `,` under HD 36, `;` under HD 05."""

from __future__ import annotations

import json

from click.testing import CliRunner
from conftest import ROOT

from kehoach.cli import main

CAN_THO = ROOT / "plans" / "can_tho_42.yaml"  # dated 15/9/2026: Hướng dẫn 05


def _recipient_findings(docx, *profile: str) -> list[dict]:
    result = CliRunner().invoke(main, ["check", str(docx), "--format", "json", *profile])
    assert result.exit_code in (0, 1), result.output
    start = result.output.index("[")
    findings = json.loads(result.output[start : result.output.rindex("]") + 1])
    return [f for f in findings if f["rule"] == "noi-nhan"]


def test_a_2026_document_is_judged_by_its_own_profile(tmp_path):
    rendered = CliRunner().invoke(main, ["render", str(CAN_THO), "-o", str(tmp_path)])
    assert rendered.exit_code == 0, rendered.output
    docx = tmp_path / "can_tho_42.docx"
    assert _recipient_findings(docx) == []
    wrong = _recipient_findings(docx, "--profile", "hd36-2018")
    assert len(wrong) == 1 and "','" in wrong[0]["message"]
