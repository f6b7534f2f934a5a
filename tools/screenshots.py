"""Start the app under Xvfb on demo data and save a PNG of every screen into docs/screenshots/.

    python tools/screenshots.py [--out docs/screenshots] [--only KEY ...] [--lang en fr km]

English goes into the folder itself, other languages into a subfolder each (docs/screenshots/km/).

Needs Xvfb and ImageMagick (xwd, convert); starts its own Xvfb unless DISPLAY is set.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def grab(display: str, out: Path) -> None:
    xwd = subprocess.run(["xwd", "-root", "-display", display], capture_output=True, check=True)
    subprocess.run(["convert", "xwd:-", str(out)], input=xwd.stdout, check=True)


def start_xvfb():
    """Start Xvfb on a free display (it picks the number and writes it to a pipe)."""
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x800x24",
                             "-nolisten", "tcp"], pass_fds=(write_fd,),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        number = pipe.readline().strip()
    return proc, number


def settle(root, seconds: float = 0.4) -> None:
    end = time.time() + seconds
    while time.time() < end:
        root.update()
        time.sleep(0.02)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--only", nargs="*", help="screen keys to shoot (default: all)")
    parser.add_argument("--lang", nargs="+", default=["en"], choices=["en", "fr", "km"],
                        help="languages to shoot (default: en)")
    args = parser.parse_args()
    root_out = Path(args.out)
    root_out.mkdir(parents=True, exist_ok=True)

    xvfb = None
    if not os.environ.get("DISPLAY"):
        xvfb, number = start_xvfb()
        os.environ["DISPLAY"] = f":{number}"
    display = os.environ["DISPLAY"]
    work = Path(tempfile.mkdtemp(prefix="pse-shots-"))
    os.environ["PSE_PREFS"] = str(work / "prefs.json")
    try:
        from pse_desktop import areas
        from pse_desktop.db import init_database, resolve_target
        from pse_desktop.services.core import auth, users
        from pse_desktop.services.common import demo
        from pse_desktop import i18n
        from pse_desktop.views.core.app import App, make_root

        def folder(lang):
            out = root_out if lang == "en" else root_out / lang
            out.mkdir(parents=True, exist_ok=True)
            return out

        i18n.set_language(args.lang[0])
        target = resolve_target(str(work / "demo.sqlite3"))
        init_database(target)
        root = make_root()
        root.geometry("1280x800+0+0")
        app = App(root, target)
        app.start()
        settle(root)
        grab(display, folder(args.lang[0]) / "first-run.png")
        users.create_first_admin("admin", "Office Admin", "admin-pass")
        areas.load_services()
        actor = auth.authenticate("admin", "admin-pass")
        print("demo data...", flush=True)
        demo.run(actor)
        app.logout()
        settle(root)
        grab(display, folder(args.lang[0]) / "login.png")
        app.logged_in(actor)
        settle(root)
        shots = ["home"] + [s.key for s in areas.screens()]
        for lang in args.lang:
            out = folder(lang)
            app.switch_language(lang, ask=lambda *a: True)
            for key in shots:
                if args.only and key not in args.only:
                    continue
                app.main.show(key)
                settle(root, 0.8)
                grab(display, out / f"{key}.png")
                print(f"saved {out.name}/{key}.png", flush=True)
        root.destroy()
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if xvfb:
            xvfb.terminate()
    return 0


if __name__ == "__main__":
    sys.exit(main())
