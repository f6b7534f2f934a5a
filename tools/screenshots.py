"""Start the app under Xvfb on demo data and save a PNG of every screen into docs/screenshots/.

    python tools/screenshots.py [--size 1366x768] [--out docs/screenshots] [--only KEY ...]
                                [--dark] [--demo FILE] [--lang en fr km]

English goes into the folder itself, other languages into a subfolder each (docs/screenshots/km/).

--size sets the window (and screen) size: 1366x768 is the README set, 1024x600 the netbook.
--demo reuses (or makes) a demo database file, so repeated runs skip the half-minute of demo data.
Each screen is also checked for controls the user cannot reach (views/common/fit.py).

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


def start_xvfb(size: str = "1280x800"):
    """Start Xvfb on a free display (it picks the number and writes it to a pipe)."""
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", f"{size}x24",
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
    parser.add_argument("--size", default="1366x768", help="window size, e.g. 1366x768 or 1024x600")
    parser.add_argument("--dark", action="store_true", help="shoot in the dark theme")
    parser.add_argument("--demo", help="a demo database file to reuse (made when missing)")
    parser.add_argument("--lang", nargs="+", default=["en"], choices=["en", "fr", "km"],
                        help="languages to shoot (default: en)")
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.lower().split("x"))
    root_out = Path(args.out)
    root_out.mkdir(parents=True, exist_ok=True)

    def folder(lang):
        out = root_out if lang == "en" else root_out / lang
        out.mkdir(parents=True, exist_ok=True)
        return out

    xvfb = None
    if not os.environ.get("DISPLAY"):
        xvfb, number = start_xvfb(args.size)
        os.environ["DISPLAY"] = f":{number}"
    display = os.environ["DISPLAY"]
    work = Path(tempfile.mkdtemp(prefix="pse-shots-"))
    os.environ["PSE_PREFS"] = str(work / "prefs.json")
    try:
        from pse_desktop import areas, i18n
        from pse_desktop.db import close_database, init_database, resolve_target
        from pse_desktop.services.core import auth, users
        from pse_desktop.services.common import demo
        from pse_desktop.views.common import fit
        from pse_desktop.views.core.app import DARK, App, make_root

        demo_file = Path(args.demo) if args.demo else work / "demo-made.sqlite3"
        fresh = not demo_file.exists()
        i18n.set_language(args.lang[0])
        out = folder(args.lang[0])
        root = make_root()
        if args.dark:
            root.style.theme_use(DARK)
        root.geometry(f"{width}x{height}+0+0")
        if fresh:
            target = resolve_target(str(work / "first.sqlite3"))
            init_database(target)
            app = App(root, target)
            app.start()
            settle(root)
            grab(display, out / "first-run.png")
            app.stop()
            app.content.destroy()  # the next App on this root starts from an empty window
            close_database()
            target = resolve_target(str(demo_file))
            init_database(target)
            users.create_first_admin("admin", "Office Admin", "admin-pass")
            areas.load_services()
            print("demo data...", flush=True)
            demo.run(auth.authenticate("admin", "admin-pass"))
            close_database()
        copy = work / "demo.sqlite3"
        shutil.copy(demo_file, copy)
        target = resolve_target(str(copy))
        init_database(target)
        areas.load_services()
        actor = auth.authenticate("admin", "admin-pass")
        app = App(root, target)
        app.start()
        settle(root)
        grab(display, out / "login.png")
        app.logged_in(actor)
        settle(root)
        # The menu bar sits above the client area: fit the whole window to the screen.
        root.geometry(f"{width}x{height - root.winfo_rooty()}+0+0")
        settle(root)
        shots = ["home"] + [s.key for s in areas.screens()]
        unreachable = 0
        for lang in args.lang:
            out = folder(lang)
            app.switch_language(lang, ask=lambda *a: True)
            for key in shots:
                if args.only and key not in args.only:
                    continue
                app.main.show(key)
                settle(root, 0.6)
                grab(display, out / f"{key}.png")
                problems = fit.problems(app.main)
                unreachable += len(problems)
                for problem in problems:
                    print(f"  {lang} {key}: cannot reach {problem}", flush=True)
                print(f"saved {out.name}/{key}.png", flush=True)
        app.stop()
        root.destroy()
        if unreachable:
            print(f"{unreachable} controls cannot be reached at {args.size}", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if xvfb:
            xvfb.terminate()
    return 0


if __name__ == "__main__":
    sys.exit(main())
