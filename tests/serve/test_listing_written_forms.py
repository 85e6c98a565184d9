"""The plans page writes a plan's number and date as its document writes them (vn/ and the
profile), not its own way: `05-KH/HU`, `05/4/2024` (it wrote `5-KH/HU`, `05/04/2024`)."""

from __future__ import annotations

from builders import small_plan, write_plan

from kehoach.serve.listing import entry


def _shown(app, plans, name: str, header: dict):
    data = small_plan()
    data["van_ban"].update(header)
    with app.app_context():
        return entry(write_plan(plans / name, data))


def test_the_list_writes_number_and_date_as_the_document(app, plans):
    shown = _shown(app, plans, "ke_hoach.yaml", {"so": 5, "ngay": "2024-04-05"})
    assert (shown.number, shown.date) == ("05-KH/HU", "05/4/2024")


def test_a_state_plan_is_listed_in_its_own_order(app, plans):
    header = {"so": 16, "ngay": "2025-11-18", "the_thuc": "nha_nuoc"}
    shown = _shown(app, plans, "ubnd.yaml", header)
    assert (shown.number, shown.date) == ("16/KH-HU", "18/11/2025")
