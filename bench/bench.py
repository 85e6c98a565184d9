"""kehoach benchmark: prints each figure beside its baseline, asserts nothing.

    python bench/bench.py [--quick] [--pdf]   (--pdf: only the PDF figures)

Whole processes are timed as a clerk runs them (`python -m kehoach.cli …` from this
checkout), interleaved with their baseline so that the machine's noise hits both alike;
each figure is a median. Figures, in order:
- `kehoach render` of the seed plan vs bench/plain_docxtpl.py (the frozen plain docxtpl
  script); `kehoach --help` vs `import click` and `import docxtpl`;
- in-process: the render step cold and warm vs plain docxtpl on the same template and
  context; loading + validating the seed plan; `check` and `import` of the seed draft;
  `check` of a text as large as it reads (the seed repeated to 10 MB), in CPU seconds;
- `derive --all` (15 units) vs one render; the extra time of `derive --all --pdf` vs one
  `soffice` call converting the same 15 DOCX; the same for 300 units (past the 247 files
  LibreOffice's launcher takes in one call) vs bare `soffice` calls on the same files, in
  the same chunks;
- `report` of the district on its 15 units' filled forms vs `aggregate` of the same forms
  (the report reads them as the summary does, then drafts and renders one document);
- synthetic batches of 500 and 3,300 units (1,000 with --quick): time, CPU, the peak RSS
  of the largest process, vs a plain docxtpl loop; what writing each file atomically
  (fsync) costs beside a plain write;
- the web editor's preview after a save (the page of the edited paragraph, in hand) vs a
  bare `soffice --convert-to pdf` of the same document, each with a new profile as a lone
  conversion has, and with a profile made before; the same preview where no LibreOffice
  can be kept running (one soffice per preview). `--preview` measures only this.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docxtpl import DocxTemplate  # noqa: E402

from kehoach.check.files import MAX_TEXT  # noqa: E402
from kehoach.check.run import check_file  # noqa: E402
from kehoach.derive.derivation import derive  # noqa: E402
from kehoach.document import context  # noqa: E402
from kehoach.document.lookup import find_template  # noqa: E402
from kehoach.document.pdf import FILES_PER_CALL, chunks  # noqa: E402
from kehoach.document.render import Renderer, environment  # noqa: E402
from kehoach.plan.loader import load_plan  # noqa: E402
from kehoach.plan.units import load_registry  # noqa: E402
from kehoach.rules.profile import load_profile  # noqa: E402
from kehoach.safewrite import write_atomic  # noqa: E402
from kehoach.system.office import soffice  # noqa: E402

PLAN = ROOT / "plans" / "phung_hiep_42.yaml"
SEED = ROOT / "docs" / "sources" / "ke_hoach_nq42_phung_hiep_du_thao.txt"
PLAIN = Path(__file__).resolve().parent / "plain_docxtpl.py"
# As on an ordinary installation: bytecode kept (this workplace sets PYTHONDONTWRITEBYTECODE,
# which makes every start compile again), this checkout's kehoach first.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
ENV["PYTHONPATH"] = str(ROOT)
KEHOACH = [sys.executable, "-m", "kehoach.cli"]


def line(label: str, value: str, beside: str = "") -> None:
    print(f"{label:<52} {value:>14}  {beside}".rstrip())


def run(argv: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV,
                          check=False)


def interleaved_ms(commands: dict[str, list[str]], repeat: int) -> dict[str, float]:
    """Median wall time of each command, the commands taking turns."""
    for argv in commands.values():
        run(argv)  # writes the bytecode, warms the file cache
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, argv in commands.items():
            start = time.perf_counter()
            run(argv)
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(t) * 1000 for name, t in times.items()}


def median_ms(action: Callable[[], object], repeat: int) -> float:
    action()  # warm imports and caches that every real run has too
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


# The floor of any render validated by pydantic: the plain script, after pydantic has
# validated one model of one field (importing pydantic alone builds nothing: it is lazy).
_FLOOR = """
import runpy, sys
from pydantic import BaseModel
class One(BaseModel):
    x: int = 0
One.model_validate({"x": 1})
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")
"""


def start_up(work: Path, repeat: int) -> float:
    """Whole processes; returns one `kehoach render` in ms."""
    ms = interleaved_ms({
        "plain": [sys.executable, str(PLAIN), str(PLAN), str(work / "plain.docx")],
        "render": [*KEHOACH, "render", str(PLAN), "-o", str(work / "one")],
        "click": [sys.executable, "-c", "import click"],
        "docxtpl": [sys.executable, "-c", "import docxtpl"],
        "floor": [sys.executable, "-c", _FLOOR, str(PLAIN), str(PLAN), str(work / "floor.docx")],
        "help": [*KEHOACH, "--help"],
    }, repeat)
    line("script docxtpl thuần (bench/plain_docxtpl.py):", f"{ms['plain']:.0f} ms")
    line("script thuần + pydantic kiểm tra một mô hình 1 trường:", f"{ms['floor']:.0f} ms",
         f"= {ms['floor'] / ms['plain']:.2f}× script docxtpl thuần (sàn của mọi render "
         "có kiểm tra bằng pydantic)")
    line("kehoach render (1 văn bản, cả khởi động):", f"{ms['render']:.0f} ms",
         f"= {ms['render'] / ms['plain']:.2f}× script docxtpl thuần (mục tiêu ≤ 1,2×)")
    line("python -c 'import click':", f"{ms['click']:.0f} ms")
    line("python -c 'import docxtpl':", f"{ms['docxtpl']:.0f} ms")
    line("kehoach --help:", f"{ms['help']:.0f} ms",
         f"= {ms['help'] / ms['click']:.2f}× import click, "
         f"{ms['help'] / ms['docxtpl']:.2f}× import docxtpl (mục tiêu ≤ 0,8×)")
    return ms["render"]


def in_process(work: Path, repeat: int) -> None:
    plan = load_plan(PLAN)
    template = find_template("ke_hoach.docx")
    ctx = context.ke_hoach(plan, load_profile(plan.ho_so))

    def plain_docxtpl() -> bytes:
        doc = DocxTemplate(str(template))
        doc.render(ctx, jinja_env=environment())
        out = io.BytesIO()
        doc.save(out)
        return out.getvalue()

    warm = Renderer(template)
    plain = median_ms(plain_docxtpl, repeat)
    cold = median_ms(lambda: Renderer(template).render(plan), repeat)
    hot = median_ms(lambda: warm.render(plan), repeat)
    line("bước render, docxtpl thuần (cùng mẫu, ngữ cảnh):", f"{plain:.1f} ms")
    line("bước render, kehoach, renderer mới:", f"{cold:.1f} ms", f"= {cold / plain:.2f}× docxtpl")
    line("bước render, kehoach, renderer dùng lại (lô):", f"{hot:.1f} ms",
         f"= {hot / plain:.2f}× docxtpl ({1000 / hot:.0f} văn bản/giây)")
    line("đọc + kiểm tra kế hoạch mẫu (YAML → mô hình):",
         f"{median_ms(lambda: load_plan(PLAN), repeat * 3):.1f} ms")
    checked = median_ms(lambda: check_file(SEED, "hd36-2018"), repeat)
    line("check bản dự thảo gốc, trong tiến trình:", f"{checked:.1f} ms")


def seed_commands(work: Path, render_ms: float, repeat: int) -> None:
    ms = interleaved_ms({
        "check": [*KEHOACH, "check", str(SEED)],
        "import": [*KEHOACH, "import", str(SEED), "-o", str(work / "nhap.yaml"), "--force"],
    }, repeat)
    for name in ("check", "import"):
        line(f"kehoach {name} bản dự thảo gốc (cả khởi động):", f"{ms[name]:.0f} ms",
             f"= {ms[name] / render_ms:.2f}× một lần render")
    big = work / "lon.txt"  # the seed repeated up to the size check still reads
    text = SEED.read_text(encoding="utf-8")
    big.write_text(text * (MAX_TEXT // len(text.encode("utf-8"))), encoding="utf-8")
    cpu = []
    for _ in range(2):
        before = os.times()
        run([*KEHOACH, "check", str(big)])
        after = os.times()
        cpu.append(after.children_user - before.children_user
                   + after.children_system - before.children_system)
    line(f"kehoach check một tệp chữ {big.stat().st_size / 2**20:.1f} MB (giới hạn):",
         f"{min(cpu):.1f} s CPU")


def filled_forms(work: Path) -> list[Path]:
    """The district's blank form filled by each of its 15 units, a figure in every row."""
    import openpyxl

    from kehoach.forms.layout import FORM, cell, rows_by_id
    from kehoach.forms.report import FORM_SHEET

    run([*KEHOACH, "forms", str(PLAN), "-o", str(work / "bieu")])
    blank = work / "bieu" / f"{PLAN.stem}_bieu_chi_tieu.xlsx"
    forms = []
    for n, unit in enumerate(load_registry(ROOT / "plans" / "don_vi_phung_hiep.yaml")
                             .registry.don_vi):
        book = openpyxl.load_workbook(blank)
        sheet = book[FORM_SHEET]
        sheet[FORM.unit_name] = unit.ten
        for i, row in enumerate(rows_by_id(sheet).values()):
            cell(sheet, row, "ket_qua").value = 50 + (n * 7 + i * 3) % 50
        forms.append(work / "bieu" / f"{unit.id}.xlsx")
        book.save(forms[-1])
    return forms


def reports(work: Path, render_ms: float, repeat: int) -> None:
    forms = [str(p) for p in filled_forms(work)]
    ms = interleaved_ms({
        "aggregate": [*KEHOACH, "aggregate", str(PLAN), *forms, "-o", str(work / "th")],
        "report": [*KEHOACH, "report", str(PLAN), *forms, "-o", str(work / "bc")],
    }, repeat)
    line("kehoach aggregate (15 biểu đã điền):", f"{ms['aggregate']:.0f} ms",
         f"= {ms['aggregate'] / render_ms:.2f}× một lần render")
    line("kehoach report (cùng 15 biểu):", f"{ms['report']:.0f} ms",
         f"= {ms['report'] / ms['aggregate']:.2f}× aggregate")


def _soffice_argv(program: str, profile: Path, out: Path, docx: list[Path]) -> list[str]:
    return [program, f"-env:UserInstallation={profile.as_uri()}", "--headless",
            "--convert-to", "pdf", "--outdir", str(out), *map(str, docx)]


def district(work: Path, render_ms: float, repeat: int) -> None:
    out = work / "15"
    derive_argv = [*KEHOACH, "derive", str(PLAN), "--all", "--force", "-o", str(out)]
    ms = interleaved_ms({"derive": derive_argv}, repeat)["derive"]
    line("kehoach derive --all (15 đơn vị, YAML + DOCX):", f"{ms:.0f} ms",
         f"= {ms / render_ms:.2f}× một lần render")
    pdf_extra(work, derive_argv, out, max(2, repeat // 2))


def pdf_extra(work: Path, derive_argv: list[str], out: Path, rounds: int) -> None:
    """What `--pdf` adds to `derive_argv`, against bare soffice calls converting the very
    DOCX it made, in the chunks kehoach uses (a fresh profile per round, reused by the
    round's later calls, as kehoach does); the three take turns."""
    program = soffice()
    if program is None:
        line("PDF cả lô:", "bỏ qua", "(không có LibreOffice)")
        return
    run(derive_argv)
    docx = sorted(out.glob("*.docx"))
    groups = list(chunks([str(d) for d in docx], 0))
    times: dict[str, list[float]] = {"derive": [], "pdf": [], "soffice": []}
    for i in range(rounds):
        for name in ("derive", "pdf", "soffice"):
            start = time.perf_counter()
            if name == "soffice":
                for group in groups:
                    run(_soffice_argv(program, work / f"profile-{len(docx)}-{i}",
                                      work / f"pdf-{len(docx)}", [Path(g) for g in group]))
            else:
                run([*derive_argv, "--pdf"] if name == "pdf" else derive_argv)
            times[name].append(time.perf_counter() - start)
    if len(list(out.glob("*.pdf"))) != len(docx):
        raise SystemExit(f"derive --pdf không ghi đủ {len(docx)} PDF")
    median = {name: statistics.median(t) * 1000 for name, t in times.items()}
    extra = median["pdf"] - median["derive"]
    calls = f"{len(groups)} lệnh soffice" if len(groups) > 1 else "một lệnh soffice"
    line(f"{calls} trên {len(docx)} DOCX đó:", f"{median['soffice']:.0f} ms",
         f"(tối đa {FILES_PER_CALL} tệp mỗi lệnh)")
    line(f"derive --all --pdf ({len(docx)} đơn vị), phần thêm:", f"{extra:.0f} ms",
         f"= {extra / median['soffice']:.2f}× {calls} (mục tiêu ≤ 1,1×)")


def synthetic_registry(folder: Path, count: int) -> Path:
    lines = ["cap: xa", "cap_tren: ĐẢNG BỘ HUYỆN PHỤNG HIỆP", "don_vi:"]
    lines += [f"  - {{id: don-vi-{i:04d}, loai: xa, ten: Thử {i:04d}}}" for i in range(count)]
    path = folder / f"don_vi_{count}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def measured_batch(work: Path, count: int) -> tuple[float, float, float]:
    """(seconds, CPU seconds, peak RSS in MB of the largest process) of one `derive --all`."""
    registry = synthetic_registry(work, count)
    argv = [*KEHOACH, "derive", str(PLAN), "--all", "--units", str(registry),
            "-o", str(work / str(count))]
    start = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0 or len(list((work / str(count)).glob("*.docx"))) != count:
        raise SystemExit(f"lô {count} đơn vị không chạy xong (mã {child.returncode})")
    # Linux: the child's own and its reaped workers' CPU; maxrss is the largest of them.
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def plain_loop(work: Path) -> float:
    """Documents per second of a plain docxtpl loop (load template, render, save), on
    contexts prepared beforehand from derived units."""
    plan = load_plan(PLAN)
    registry = load_registry(synthetic_registry(work, 100))
    profile = load_profile(plan.ho_so)
    contexts = [context.ke_hoach(derive(plan, registry, u).plan, profile)
                for u in registry.registry.don_vi]
    template = find_template("ke_hoach.docx")
    start = time.perf_counter()
    for i, ctx in enumerate(contexts):
        doc = DocxTemplate(str(template))
        doc.render(ctx, jinja_env=environment())
        doc.save(str(work / f"plain-{i}.docx"))
    return len(contexts) / (time.perf_counter() - start)


def batches(work: Path, large: int) -> None:
    plain = plain_loop(work)
    line("vòng docxtpl thuần (nạp mẫu, render, lưu):", f"{plain:.0f} văn bản/s",
         "(ngữ cảnh có sẵn, 1 nhân)")
    figures = {count: measured_batch(work, count) for count in (500, large)}
    for count, (seconds, cpu, peak) in figures.items():
        line(f"kehoach derive --all, {count} đơn vị (YAML + DOCX):", f"{seconds:.1f} s",
             f"{count / seconds:.0f} văn bản/s = {count / seconds / plain:.2f}× docxtpl thuần; "
             f"CPU {cpu / count * 1000:.1f} ms/đơn vị; đỉnh RSS {peak:.0f} MB")
    (_, _, small), (seconds, cpu, big) = figures[500], figures[large]
    line(f"bộ nhớ đỉnh {large} so với 500 đơn vị:", f"{big / small:.2f}×",
         f"({small:.0f} → {big:.0f} MB; mục tiêu: gần 1×)")
    cores = min(os.cpu_count() or 1, 2)
    line(f"lô {large} đơn vị:", f"{seconds:.1f} s",
         f"(mục tiêu ≤ 10 s với 3300; CPU ÷ {cores} nhân = {cpu / cores:.1f} s là mức "
         "máy rảnh đạt được)")
    docx = (work / "500" / "don-vi-0000.docx").read_bytes()
    target = work / "fsync"
    atomic = median_ms(lambda: write_atomic(target / "a.docx", docx), 50)
    plain_write = median_ms(lambda: (target / "b.docx").write_bytes(docx), 50)
    line("ghi một DOCX nguyên tử (tệp tạm, fsync, đổi tên):", f"{atomic:.2f} ms",
         f"ghi thường {plain_write:.2f} ms; × 3 tệp mỗi đơn vị (YAML, bản gốc, DOCX)")


PREVIEWED = ["muc_dich_yeu_cau", "muc", 0, "doan", 1, "noi_dung"]


class _Editor:
    """The web editor in this process, on a copy of the seed plan: saves and previews as
    the page makes them (a save posts the form; the panel asks where the field prints,
    then fetches that page's image)."""

    def __init__(self, folder: Path, listening: bool) -> None:
        from kehoach.document.listener import Listener
        from kehoach.serve import preview
        from kehoach.serve.app import create_app

        plans = folder / "plans"
        plans.mkdir(parents=True)
        for name in (PLAN.name, "don_vi_phung_hiep.yaml"):
            shutil.copy(PLAN.parent / name, plans / name)
        self.app = create_app(plans, 8765, folder / "work")
        if not listening:  # as where LibreOffice cannot be kept running
            self.app.extensions["kehoach.listener"] = Listener(folder / "none", lambda: None)
        preview.warm(self.app)
        self.client = self.app.test_client()
        self.plan = plans / PLAN.name
        self.url = f"/plan/{PLAN.name}"
        self.text = load_plan(PLAN).muc_dich_yeu_cau.muc[0].doan[1].noi_dung
        self.saves = 0

    def _get(self, url: str) -> bytes:
        answer = self.client.get(url, base_url="http://127.0.0.1:8765")
        if answer.status_code != 200:
            raise SystemExit(f"{url}: {answer.status_code}")
        return answer.get_data()

    def save(self) -> None:
        page = self._get(self.url).decode()
        fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', page))
        self.saves += 1
        fields["v:" + json.dumps(PREVIEWED)] = f"{self.text} (lần lưu {self.saves})"
        answer = self.client.post(self.url, data=fields, base_url="http://127.0.0.1:8765")
        if answer.status_code != 302:
            raise SystemExit(f"lưu không được: {answer.status_code}")

    def preview(self) -> int:
        """Bytes of the image of the page that prints the saved paragraph."""
        at = json.loads(self._get(f"{self.url}/preview/at?path={json.dumps(PREVIEWED)}"))
        return len(self._get(at["pages"][at["marks"][0]["page"] - 1]))

    def docx(self) -> Path:
        return max(Path(self.app.config["WORK_DIR"]).glob("preview/*/*.docx"),
                   key=lambda p: p.stat().st_mtime)

    def stop(self) -> None:
        from kehoach.serve import preview

        preview.stop(self.app)


def _old_preview(plan: Path, folder: Path) -> None:
    """The preview before the kept LibreOffice, as it was: render, one soffice with a new
    profile, every page drawn by pdftoppm as a colour PNG at 60 dpi."""
    from kehoach.document.pdf import to_pdf
    from kehoach.stages.render import render

    shutil.rmtree(folder, ignore_errors=True)
    docx = render(plan, folder).documents[0]
    pdf = to_pdf(docx)
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(folder / "trang")],
                   check=True, capture_output=True)


def live_preview(work: Path, repeat: int) -> None:
    program = soffice()
    if program is None or shutil.which("pdftoppm") is None:
        line("xem trước sau khi lưu:", "bỏ qua", "(không có LibreOffice hoặc pdftoppm)")
        return
    warm, cold = _Editor(work / "warm", True), _Editor(work / "cold", False)
    try:
        warm.preview()  # waits for the warm-up: a clerk opens the editor first
        names = ("save", "warm", "cold", "old", "new", "kept")
        times: dict[str, list[float]] = {n: [] for n in names}
        size = 0
        kept = work / "profile-kept"
        run(_soffice_argv(program, kept, work / "bare", [warm.docx()]))  # makes the profile
        for i in range(repeat):  # taking turns, so that the machine's noise hits each alike
            start = time.perf_counter()
            warm.save()
            saved = time.perf_counter()
            size = warm.preview()
            times["save"].append(saved - start)
            times["warm"].append(time.perf_counter() - saved)
            cold.save()
            start = time.perf_counter()
            cold.preview()
            times["cold"].append(time.perf_counter() - start)
            start = time.perf_counter()
            _old_preview(cold.plan, work / "old")
            times["old"].append(time.perf_counter() - start)
            for name, profile in (("new", work / f"profile-{i}"), ("kept", kept)):
                start = time.perf_counter()
                run(_soffice_argv(program, profile, work / "bare", [warm.docx()]))
                times[name].append(time.perf_counter() - start)
    finally:
        warm.stop()
        cold.stop()
    ms = {name: statistics.median(t) * 1000 for name, t in times.items()}
    line("soffice --convert-to pdf, hồ sơ mới (1 văn bản):", f"{ms['new']:.0f} ms")
    line("soffice --convert-to pdf, hồ sơ có sẵn:", f"{ms['kept']:.0f} ms")
    line("xem trước sau khi lưu (trang của đoạn vừa sửa):", f"{ms['warm']:.0f} ms",
         f"= {ms['warm'] / ms['new']:.2f}× soffice hồ sơ mới, {ms['warm'] / ms['kept']:.2f}× "
         f"hồ sơ có sẵn (mục tiêu ≤ 0,5×); ảnh {size / 1024:.0f} KB; lưu {ms['save']:.0f} ms")
    line("  … khi không giữ được LibreOffice chạy:", f"{ms['cold']:.0f} ms",
         f"= {ms['cold'] / ms['new']:.2f}× soffice hồ sơ mới (mỗi lần một soffice)")
    line("  … cách cũ (soffice mới, mọi trang PNG màu):", f"{ms['old']:.0f} ms",
         f"= {ms['old'] / ms['new']:.2f}× soffice hồ sơ mới")


def main() -> None:
    quick = "--quick" in sys.argv
    repeat = 5 if quick else 15
    load = os.getloadavg()[0]
    print(f"kehoach bench — {os.cpu_count()} nhân, Python {sys.version.split()[0]}, "
          f"tải máy lúc bắt đầu {load:.1f}"
          + (" (--quick: ít lần đo, lô lớn 1.000 đơn vị)" if quick else ""))
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if "--pdf" in sys.argv:
            pdfs(work, max(3, repeat // 3))
            return
        if "--preview" in sys.argv:
            live_preview(work, repeat)
            return
        render_ms = start_up(work, repeat)
        in_process(work, repeat * 2)
        seed_commands(work, render_ms, max(3, repeat // 3))
        district(work, render_ms, max(3, repeat // 3))
        reports(work, render_ms, max(3, repeat // 3))
        pdfs(work, max(3, repeat // 3), fifteen=False)
        batches(work, 1000 if quick else 3300)
        live_preview(work, max(5, repeat // 2))


def pdfs(work: Path, repeat: int, fifteen: bool = True) -> None:
    """`--pdf` of the 15-unit district (unless just measured) and of 300 units."""
    if fifteen:
        out = work / "15"
        pdf_extra(work, [*KEHOACH, "derive", str(PLAN), "--all", "--force", "-o", str(out)],
                  out, max(2, repeat // 2))
    registry = synthetic_registry(work, 300)
    pdf_extra(work, [*KEHOACH, "derive", str(PLAN), "--all", "--force", "--units",
                     str(registry), "-o", str(work / "300")], work / "300", 2)


if __name__ == "__main__":
    main()
