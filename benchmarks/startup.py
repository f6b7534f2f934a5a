"""Cold start to the login window, against a bare ttkbootstrap window, median of several runs.

    python benchmarks/startup.py [--runs 7]

Each run is a fresh process (imports included) on a database with an admin; the time is
from process start until the login window has been drawn. Needs a display (runs Xvfb if none).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BARE = """
import time, sys
t0 = float(sys.argv[1])
import ttkbootstrap as tb
w = tb.Window(title="bare", themename="bootstrap-light")
tb.Label(w, text="hello").pack()
w.update()
print(time.time() - t0)
w.destroy()
"""

APP = """
import time, sys
t0 = float(sys.argv[1])
sys.argv = ["pse-desktop"]
from pse_desktop.views import app as appmod
from pse_desktop.views.core.login import LoginFrame
target = appmod.resolve_target(sys.argv_db if hasattr(sys, "argv_db") else None)
appmod.open_database(target)
root = appmod.make_root()
a = appmod.App(root, target)
a.start()
root.update()
assert isinstance(a.content, LoginFrame)
print(time.time() - t0)
root.destroy()
"""


def run(code: str, env: dict) -> float:
    start = time.time()
    out = subprocess.run([sys.executable, "-c", code, repr(start)], env=env, capture_output=True,
                         text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    xvfb = None
    env = dict(os.environ)
    if not env.get("DISPLAY"):
        env["DISPLAY"] = ":78"
        xvfb = subprocess.Popen(["Xvfb", ":78", "-screen", "0", "1280x800x24"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(1)
    work = Path(tempfile.mkdtemp(prefix="pse-bench-"))
    db = work / "bench.sqlite3"
    pw = work / "pw"
    pw.write_text("admin-pass\n")
    env["PSE_DATABASE"] = str(db)
    env["PSE_PREFS"] = str(work / "prefs.json")
    env["PYTHONPATH"] = str(ROOT)
    subprocess.run([sys.executable, "-m", "pse_desktop", "init", "--admin", "admin",
                    "--password-file", str(pw)], env=env, check=True, capture_output=True)
    try:
        run(BARE, env), run(APP, env)  # warm the disk cache
        bare = [run(BARE, env) for _ in range(args.runs)]
        app = [run(APP, env) for _ in range(args.runs)]
    finally:
        if xvfb:
            xvfb.terminate()
    mb, ma = statistics.median(bare), statistics.median(app)
    print(f"{'measure':<34}{'median':>10}{'min':>10}{'max':>10}")
    print(f"{'bare ttkbootstrap window':<34}{mb * 1000:>8.0f}ms{min(bare) * 1000:>8.0f}ms"
          f"{max(bare) * 1000:>8.0f}ms")
    print(f"{'PSE Desktop to the login window':<34}{ma * 1000:>8.0f}ms{min(app) * 1000:>8.0f}ms"
          f"{max(app) * 1000:>8.0f}ms")
    print(f"ratio {ma / mb:.2f} (target <= 1.5); login window {ma * 1000:.0f} ms (target <= 600 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
