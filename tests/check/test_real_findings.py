"""`kehoach check` on real plans typed in Word by the offices that issued them: every
finding it gives is one judged true by hand (tests/check/real_findings.yaml), none of
the false ones it gave before comes back, and each document is judged by its own profile
(these are State documents: Nghị định 30, not the Party's guideline)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from kehoach.check.run import check_file

JUDGED = yaml.safe_load((Path(__file__).parent / "real_findings.yaml").read_text("utf-8"))


def _entry(line: str) -> tuple[str, str, str]:
    rule, where, quoted = (part.strip() for part in line.split("|", 2))
    return rule, where, quoted


def _matches(finding, entry: tuple[str, str, str]) -> bool:
    rule, where, quoted = entry
    place = finding.where.split(" «")[0]  # `đoạn 15`, not `đoạn 150`
    return finding.rule == rule and place == where and quoted in finding.message


@pytest.mark.parametrize("name", sorted(JUDGED))
def test_every_finding_on_a_real_plan_is_one_judged_true(real_documents, name):
    path = real_documents / f"{name}.docx"
    judged = JUDGED[name]
    checked = check_file(path, None)
    assert checked.profile == judged["ho_so"], checked.why
    true = [_entry(line) for line in judged["dung"]]
    unexplained = [str(f) for f in checked.findings if not any(_matches(f, e) for e in true)]
    assert not unexplained, "phát hiện chưa được xét đúng/sai:\n" + "\n".join(unexplained)
    matched = Counter(next(e for e in true if _matches(f, e)) for f in checked.findings)
    assert matched == Counter(true), "phát hiện đúng đã mất"
    for line in judged["sai_truoc_day"]:
        wrong = _entry(line)
        back = [f for f in checked.findings if _matches(f, wrong) and wrong not in true]
        assert not back, f"phát hiện sai quay lại: {line}"


def test_the_judgement_covers_every_real_plan(real_documents):
    assert {p.stem for p in real_documents.glob("*.docx")} == set(JUDGED)
