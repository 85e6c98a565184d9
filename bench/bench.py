"""kehoach benchmark: prints figures, asserts nothing. Run: python bench/bench.py [--quick]

Each figure is a median over many repetitions (the machine is noisy), measured in the
same run as its baseline:
- the render step (model → DOCX bytes) through kehoach, cold (a new renderer, as one
  `kehoach render` does) and warm (a renderer reused in a batch), against plain docxtpl
  rendering the same template with the same context;
- loading and validating the seed plan (YAML → typed model);
- start-up of `kehoach --help` against `python -c "import click"`.
"""

from __future__ import annotations

import io
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docxtpl import DocxTemplate  # noqa: E402

from kehoach import context  # noqa: E402
from kehoach.loader import load_plan  # noqa: E402
from kehoach.profile import load_profile  # noqa: E402
from kehoach.render import Renderer, environment  # noqa: E402
from kehoach.templates import find_template  # noqa: E402

PLAN = ROOT / "plans" / "phung_hiep_42.yaml"


def median_ms(action, repeat: int) -> float:
    action()  # warm imports and caches that every real run has too
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def command_ms(argv: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
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


if __name__ == "__main__":
    main()
