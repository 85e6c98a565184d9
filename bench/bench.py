"""kehoach benchmark: prints figures, asserts nothing. Run: python bench/bench.py [--quick]

Each figure is a median over many repetitions (the machine is noisy), measured in the
same run as its baseline:
- the render step (model → DOCX bytes) through kehoach, cold (a new renderer, as one
  `kehoach render` does) and warm (a renderer reused in a batch), against plain docxtpl
  rendering the same template with the same context;
- loading and validating the seed plan (YAML → typed model);
- start-up of `kehoach --help` against `python -c "import click"`;
- `kehoach derive --all` for the 15 units of Phụng Hiệp against one `kehoach render`;
- a synthetic batch of 500 units (derivation, YAML and DOCX written) against a plain
  docxtpl loop (load template, render, save, per document) on the same derived content.
"""

from __future__ import annotations

import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docxtpl import DocxTemplate  # noqa: E402

from kehoach.check.run import check_file  # noqa: E402
from kehoach.derive.batch import Drafter, Targets, write_all  # noqa: E402
from kehoach.derive.derivation import derive  # noqa: E402
from kehoach.document import context  # noqa: E402
from kehoach.document.lookup import find_template  # noqa: E402
from kehoach.document.render import Renderer, environment  # noqa: E402
from kehoach.plan.loader import load_plan  # noqa: E402
from kehoach.plan.units import load_registry  # noqa: E402
from kehoach.rules.profile import load_profile  # noqa: E402

PLAN = ROOT / "plans" / "phung_hiep_42.yaml"


def median_ms(action, repeat: int) -> float:
    action()  # warm imports and caches that every real run has too
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


# Commands run as on an ordinary installation, where Python keeps compiled bytecode
# (this workplace sets PYTHONDONTWRITEBYTECODE, which makes every start compile again).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run(argv: list[str]) -> None:
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env=ENV)


def command_ms(argv: list[str], repeat: int) -> float:
    run(argv)  # the first run writes the bytecode
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run(argv)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    quick = "--quick" in sys.argv
    n = 10 if quick else 40
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
    plain = median_ms(plain_docxtpl, n)
    cold = median_ms(lambda: Renderer(template).render(plan), n)
    hot = median_ms(lambda: warm.render(plan), n)
    load = median_ms(lambda: load_plan(PLAN), n * 3)

    print(f"render, plain docxtpl (same template, same context): {plain:7.1f} ms/văn bản")
    print(f"render, kehoach cold (new renderer):                 {cold:7.1f} ms  "
          f"= {cold / plain:.2f}× docxtpl")
    print(f"render, kehoach warm (renderer reused in a batch):   {hot:7.1f} ms  "
          f"= {hot / plain:.2f}× docxtpl  ({1000 / hot:.0f} văn bản/giây)")
    print(f"load + validate seed YAML:                           {load:7.1f} ms")
    seed = ROOT.parent / "shared" / "seed" / "ke_hoach_nq42_phung_hiep_du_thao.txt"
    if seed.is_file():
        checked = median_ms(lambda: check_file(seed, "hd36-2018"), n)
        print(f"kehoach check, bản dự thảo gốc (chữ):                {checked:7.1f} ms")

    kehoach = shutil.which("kehoach")
    if kehoach is None:
        print("kehoach --help: bỏ qua (chưa cài lệnh kehoach: pip install -e .)")
        return
    runs = 5 if quick else 15
    click_ms = command_ms([sys.executable, "-c", "import click"], runs)
    help_ms = command_ms([kehoach, "--help"], runs)
    print(f"python -c 'import click':                            {click_ms:7.1f} ms")
    print(f"kehoach --help:                                      {help_ms:7.1f} ms  "
          f"= {help_ms / click_ms:.2f}× import click")
    batches(kehoach, template, 3 if quick else 5)


def synthetic_registry(folder: Path, count: int) -> Path:
    lines = ["cap: xa", "cap_tren: ĐẢNG BỘ HUYỆN PHỤNG HIỆP", "don_vi:"]
    lines += [f"  - {{id: don-vi-{i:03d}, loai: xa, ten: Thử {i:03d}}}" for i in range(count)]
    path = folder / "don_vi_500.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def batches(kehoach: str, template: Path, runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        single = command_ms([kehoach, "render", str(PLAN), "-o", str(work / "one")], runs)
        district = command_ms([kehoach, "derive", str(PLAN), "--all", "--force",
                               "-o", str(work / "15")], runs)
        print(f"kehoach render (1 văn bản, cả khởi động):            {single:7.1f} ms")
        print(f"kehoach derive --all (15 đơn vị, YAML + DOCX):       {district:7.1f} ms  "
              f"= {district / single:.2f}× một lần render")

        registry_path = synthetic_registry(work, 500)
        start = time.perf_counter()
        run([kehoach, "derive", str(PLAN), "--all", "--units", str(registry_path),
             "-o", str(work / "500")])
        command = 500 / (time.perf_counter() - start)
        written = len(list((work / "500").glob("*.docx")))

        # The same batch in-process, measured like the plain loop (imports excluded).
        plan = load_plan(PLAN)
        registry = load_registry(registry_path)
        units = [u.id for u in registry.registry.don_vi]
        start = time.perf_counter()
        drafter = Drafter(plan, registry, template)
        targets = Targets(work / "500b", work / "500b")
        count = sum(1 for _ in write_all(drafter, units, targets))
        ours = count / (time.perf_counter() - start)

        sample = registry.registry.don_vi[:100]
        contexts = [context.ke_hoach(derive(plan, registry, u).plan, load_profile(plan.ho_so))
                    for u in sample]
        start = time.perf_counter()
        for i, ctx in enumerate(contexts):
            doc = DocxTemplate(str(template))
            doc.render(ctx, jinja_env=environment())
            doc.save(str(work / f"plain-{i}.docx"))
        plain = len(contexts) / (time.perf_counter() - start)
        print(f"lô 500 đơn vị, lệnh kehoach derive (cả khởi động, {written} DOCX + YAML): "
              f"{command:6.1f} văn bản/giây")
        print(f"lô 500 đơn vị trong tiến trình (soạn + YAML + DOCX, ghi tệp): "
              f"{ours:6.1f} văn bản/giây")
        print(f"vòng docxtpl thuần (nạp mẫu, render, lưu; ngữ cảnh có sẵn): "
              f"{plain:6.1f} văn bản/giây")
        print(f"  → kehoach = {ours / plain:.2f}× thông lượng docxtpl thuần "
              f"(lệnh, kể cả khởi động: {command / plain:.2f}×)")


if __name__ == "__main__":
    main()
