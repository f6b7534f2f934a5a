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


setup(cmdclass={"build_py": BuildWithResources})
