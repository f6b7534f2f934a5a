"""Copies the top-level resources/ folder into the wheel as pse_desktop/_resources."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithResources(build_py):
    def run(self):
        super().run()
        src = Path(__file__).parent / "resources"
        dest = Path(self.build_lib) / "pse_desktop" / "_resources"
        if src.is_dir():
            shutil.copytree(src, dest, dirs_exist_ok=True)
            compile_catalogues(dest / "locale")


def compile_catalogues(locale: Path) -> None:
    """Write a .mo beside every .po (the program then needs no compiling at start)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po in locale.glob("*/LC_MESSAGES/*.po"):
        with open(po, "rb") as fh:
            catalog = read_po(fh, locale=po.parent.parent.name)
        with open(po.with_suffix(".mo"), "wb") as fh:
            write_mo(fh, catalog)


setup(cmdclass={"build_py": BuildWithResources})
