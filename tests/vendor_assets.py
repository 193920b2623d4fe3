"""The GraphiQL page's vendored files: fetch the pinned versions from the npm registry, or check the copies.

The pins live in one place, the ``Asset(path, source, integrity)`` rows of the generated project's
``core/graphql/ide.py`` (``source`` is ``package@version/file in the tarball``). This script:

- ``--write``: ``npm pack``s each pinned package (npm checks the tarball against the registry's own
  integrity hash), copies each file to ``core/static/<path>`` with its trailing ``sourceMappingURL``
  comment removed (the map is not shipped, and Django's manifest storage refuses a reference to a
  missing file), copies each package's LICENSE next to it, and rewrites the sha384 in ide.py;
- with no flag: does the same into a temporary folder and exits 1 when a byte differs (needs the npm
  registry);
- ``--offline``: only checks that each file in the skeleton has the sha384 ide.py records (what
  tests/test_vendor_assets.py runs).

To move to a new version: change ``source`` in ide.py, run ``--write``, bake, and run the browser test
(tests/test_browser.py).
"""

from __future__ import annotations

import ast
import base64
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

TEMPLATE_DIR = Path(__file__).resolve().parent.parent
PACKAGE_DIR = TEMPLATE_DIR / "{{cookiecutter.project_slug}}" / "{{cookiecutter.project_slug}}"
IDE_MODULE = PACKAGE_DIR / "core" / "graphql" / "ide.py"
STATIC_DIR = PACKAGE_DIR / "core" / "static"
SOURCE_MAP_COMMENT = re.compile(rb"\n//# sourceMappingURL=[^\n]*\n?\Z|\n/\*# sourceMappingURL=[^\n]*\*/\n?\Z")
# cookiecutter copies these files verbatim only while they hold nothing Jinja would read as a tag.
JINJA_DELIMITERS = (b"{{", b"{%", b"{#")


@dataclass(frozen=True)
class Asset:
    path: str
    source: str
    integrity: str

    @property
    def package(self) -> str:
        """``react@18.3.1`` of ``react@18.3.1/umd/react.production.min.js`` (scoped names keep their @)."""
        scope, _, rest = self.source.partition("/") if self.source.startswith("@") else ("", "", self.source)
        name = rest.split("/", 1)[0]
        return f"{scope}/{name}" if scope else name

    @property
    def member(self) -> str:
        """The file's path inside the tarball."""
        return "package/" + self.source.removeprefix(self.package + "/")

    @property
    def license_path(self) -> str:
        """Where the package's LICENSE is copied: beside the file, named after the package."""
        name = self.package.rsplit("@", 1)[0].lstrip("@").replace("/", "-")
        return str(Path(self.path).parent / f"LICENSE.{name}.txt")


def assets(module: Path = IDE_MODULE) -> list[Asset]:
    """Every ``Asset(...)`` row of ide.py, in order (read from its syntax tree, nothing is imported)."""
    rows = []
    for node in ast.walk(ast.parse(module.read_text())):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Asset":
            values = [argument.value for argument in node.args if isinstance(argument, ast.Constant)]
            if len(values) == 3:
                rows.append(Asset(*values))
    return rows


def integrity(data: bytes) -> str:
    """The Subresource Integrity value of these bytes."""
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()


def prepared(data: bytes) -> bytes:
    """The file as served: without its source-map comment, ending with one newline."""
    return SOURCE_MAP_COMMENT.sub(b"\n", data).rstrip(b"\n") + b"\n"


def fetch(packages: set[str], into: Path) -> dict[str, tarfile.TarFile]:
    """``npm pack`` each package into a folder; npm verifies each tarball against the registry's hash."""
    command = ["npm", "pack", "--json", "--pack-destination", str(into), *sorted(packages)]
    packed = json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
    archives = {}
    for entry, package in zip(packed, sorted(packages), strict=True):
        archives[package] = tarfile.open(into / entry["filename"])  # noqa: SIM115 - closed by the caller
    return archives


def files_from_npm(rows: list[Asset]) -> dict[str, bytes]:
    """Every file the rows name, and each package's LICENSE, as the skeleton should hold them."""
    wanted: dict[str, bytes] = {}
    with tempfile.TemporaryDirectory(prefix="vendor-assets-") as scratch:
        archives = fetch({row.package for row in rows}, Path(scratch))
        try:
            for row in rows:
                archive = archives[row.package]
                data = prepared(_read(archive, row.member))
                if any(delimiter in data for delimiter in JINJA_DELIMITERS) or b"\r" in data:
                    raise SystemExit(f"{row.source} holds Jinja delimiters or carriage returns: cookiecutter alters it")
                wanted[row.path] = data
                wanted[row.license_path] = _read(archive, "package/LICENSE")
        finally:
            for archive in archives.values():
                archive.close()
    return wanted


def _read(archive: tarfile.TarFile, member: str) -> bytes:
    extracted = archive.extractfile(member)
    if extracted is None:
        raise SystemExit(f"{member} is not a file in {archive.name}")
    return extracted.read()


def offline_problems(rows: list[Asset]) -> list[str]:
    """Each file of the skeleton whose sha384 is not the one ide.py records (or that is missing)."""
    problems = []
    for row in rows:
        target = STATIC_DIR / row.path
        if not target.is_file():
            problems.append(f"{row.path}: missing")
        elif (actual := integrity(target.read_bytes())) != row.integrity:
            problems.append(f"{row.path}: sha384 is {actual}, ide.py records {row.integrity}")
    return problems


def write(rows: list[Asset]) -> None:
    wanted = files_from_npm(rows)
    for path, data in wanted.items():
        target = STATIC_DIR / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    text = IDE_MODULE.read_text()
    for row in rows:
        text = text.replace(row.integrity, integrity(wanted[row.path]), 1)
    IDE_MODULE.write_text(text)
    total = sum(len(data) for data in wanted.values())
    print(f"{len(wanted)} files written under {STATIC_DIR.relative_to(TEMPLATE_DIR)} ({total:,} bytes)")


def main(argv: list[str]) -> int:
    rows = assets()
    if "--write" in argv:
        write(rows)
        return 0 if not offline_problems(assets()) else 1
    if "--offline" in argv:
        problems = offline_problems(rows)
    else:
        if shutil.which("npm") is None:
            print("npm is not installed (Debian: apt-get install npm)", file=sys.stderr)
            return 1
        wanted = files_from_npm(rows)
        problems = offline_problems(rows) + [
            f"{path}: differs from the npm registry's copy"
            for path, data in wanted.items()
            if not (STATIC_DIR / path).is_file() or (STATIC_DIR / path).read_bytes() != data
        ]
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(rows)} vendored files: {'OK' if not problems else f'{len(problems)} problems'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
