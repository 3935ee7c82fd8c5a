"""Bundle the repository's demo workspace (settings, criteria, assessments) into the wheel.

The repository root is the one source of truth; the build copies it into ``selfassess/bundled`` so an
installed ``selfassess demo`` works anywhere (with its inspection findings). Everything else is
configured in pyproject.toml.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).parent
BUNDLED = ("selfassess.toml", "criteria", "assessments", "inspections", "docs")


class BuildWithDemo(build_py):
    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "selfassess" / "bundled"
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        for name in BUNDLED:
            source = ROOT / name
            if source.is_dir():
                shutil.copytree(source, target / name, ignore=shutil.ignore_patterns(".*"))
            elif source.is_file():
                shutil.copyfile(source, target / name)


setup(cmdclass={"build_py": BuildWithDemo})
