"""Properties over generated plans (issue 20): the web editor opens any plan the format
allows, and saving the page as the browser sends it, nothing edited, changes no byte of
the file."""

from __future__ import annotations

from generated.plans import plans, write
from generated.profiles import examples
from hypothesis import given
from running import folder
from serve.webpages import BASE, PORT, all_fields

from kehoach.serve.app import create_app


@examples(20)
@given(plans())
def test_open_and_save_unedited_changes_no_byte(data):
    with folder() as tmp:
        path = write(tmp / "plans", data)
        before = path.read_bytes()
        client = create_app(tmp / "plans", PORT, tmp / "work").test_client()
        page = client.get("/plan/ke_hoach.yaml", base_url=BASE)
        assert page.status_code == 200, page.get_data(as_text=True)[-2000:]
        assert client.get("/", base_url=BASE).status_code == 200
        response = client.post("/plan/ke_hoach.yaml", base_url=BASE,
                               data=all_fields(page.get_data(as_text=True)))
        assert response.status_code == 302, response.get_data(as_text=True)[-3000:]
        assert response.headers["Location"].endswith("msg=unchanged")
        assert path.read_bytes() == before
