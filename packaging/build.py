"""Build the one-folder app with PyInstaller: `python packaging/build.py [--dist DIR] [--work DIR]`.

Needs `pip install pyinstaller` in the environment that has the app's dependencies. Builds
for the system it runs on: run it on Windows for the Windows build (see docs/windows-build.md).
Prints the path of the built executable.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "customers_for_life.spec"
NAME = "CustomersForLife"


def executable(dist: Path) -> Path:
    return dist / NAME / (f"{NAME}.exe" if sys.platform == "win32" else NAME)


def build(dist: Path = ROOT / "dist", work: Path = ROOT / "build") -> Path:
    """Run PyInstaller on the spec; returns the built executable."""
    command = [
        sys.executable, "-m", "PyInstaller", str(SPEC), "--noconfirm", "--clean",
        "--distpath", str(dist), "--workpath", str(work), "--log-level", "WARN",
    ]  # fmt: skip
    subprocess.run(command, check=True, cwd=ROOT)
    built = executable(dist)
    if not built.exists():
        raise SystemExit(f"PyInstaller finished but {built} is missing.")
    return built


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where the app folder goes")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="PyInstaller's scratch folder")
    args = parser.parse_args()
    print(build(args.dist.resolve(), args.work.resolve()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
