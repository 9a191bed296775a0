"""The package builds without a warning, offline, into a wheel that carries its licence, its rule pack
and its schemas, and that audits with its own pack once installed outside the repository."""

from __future__ import annotations

import email
import os
import re
import subprocess
import sys
import tomllib
import zipfile
from email.message import Message
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.install_support import copy_sources

# setuptools' "warning: ...", Python's "...Warning: ..." (SetuptoolsDeprecationWarning, BuildBackendWarning)
# and pip's "DEPRECATION: ...", but not a module whose name holds the word.
WARNING = re.compile(r"(?i:\bwarning:)|Warning\b|DEPRECATION")


def _run(
    *command: str, cwd: Path = ROOT, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False, env=env)


def _quiet_environment() -> dict[str, str]:
    """The environment without the machine's pip settings (its indexes and links) and without
    PYTHONDONTWRITEBYTECODE, whose only effect on a build is a warning that byte-compiling is off."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("PIP_") and name != "PYTHONDONTWRITEBYTECODE"
    }
    return {**environment, "PIP_CONFIG_FILE": os.devnull, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}


class Build:
    """A wheel built from a copy of the sources, and everything the build printed."""

    def __init__(self, wheel: Path, log: str) -> None:
        self.wheel = wheel
        self.log = log
        self.names = set(zipfile.ZipFile(wheel).namelist())
        info = next(name for name in self.names if name.endswith(".dist-info/METADATA"))
        self.metadata: Message = email.message_from_string(zipfile.ZipFile(wheel).read(info).decode())


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The wheel as `pip wheel` builds it, verbosely, without build isolation (so without the network:
    the test extra installs the setuptools the build needs), from a copy of the sources, so that the
    build's own folders (build/, *.egg-info) never land in the working tree another test reads."""
    source = copy_sources(tmp_path_factory.mktemp("source"))
    out = tmp_path_factory.mktemp("wheel")
    command = ("wheel", "--verbose", "--no-deps", "--no-build-isolation", "--no-index", "-w", str(out), ".")
    completed = _run(sys.executable, "-m", "pip", *command, cwd=source, env=_quiet_environment())
    log = completed.stdout + completed.stderr
    assert completed.returncode == 0, log
    return Build(next(out.glob("*.whl")), log)


def test_the_build_warns_of_nothing(build: Build) -> None:
    """Nothing the build prints (setuptools' output included, shown with --verbose) is a warning or a
    deprecation."""
    warnings = [line for line in build.log.splitlines() if WARNING.search(line)]
    assert not warnings, "\n".join(warnings)


def test_the_build_needs_the_setuptools_that_reads_the_licence() -> None:
    """The build asks for a setuptools that reads `license` as an SPDX expression (77 or later), and the
    test extra installs one for the offline build."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["build-system"]["requires"] == ["setuptools>=77"]
    assert "setuptools>=77" in project["project"]["optional-dependencies"]["test"]


def test_wheel_ships_rules_and_schemas(build: Build) -> None:
    """The wheel holds every rule file of the pack and every JSON Schema."""
    for rule_file in (ROOT / "rules" / "p029").glob("*.yaml"):
        assert f"checker/packs/p029/{rule_file.name}" in build.names
    for schema in (ROOT / "checker" / "schemas").glob("*.json"):
        assert f"checker/schemas/{schema.name}" in build.names
    for language in (ROOT / "checker" / "language" / "profiles").glob("*.toml"):
        assert f"checker/language/profiles/{language.name}" in build.names


def test_wheel_ships_the_licence_it_declares(build: Build) -> None:
    """The wheel declares Apache-2.0 as an SPDX expression, carries the LICENSE file that says so, and
    has no licence classifier that could contradict it."""
    assert build.metadata["License-Expression"] == "Apache-2.0"
    assert build.metadata.get_all("License-File") == ["LICENSE"]
    assert not [c for c in build.metadata.get_all("Classifier", []) if c.startswith("License ::")]
    licence = next(name for name in build.names if name.endswith(".dist-info/licenses/LICENSE"))
    text = zipfile.ZipFile(build.wheel).read(licence).decode()
    assert text == (ROOT / "LICENSE").read_text(encoding="utf-8")


def test_licence_is_the_apache_license_2_0() -> None:
    """LICENSE is the Apache License 2.0 in full: its title, its nine sections and its appendix."""
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "Apache License\n" in text and "Version 2.0, January 2004" in text
    assert "9. Accepting Warranty or Additional Liability." in text
    assert "END OF TERMS AND CONDITIONS" in text and "APPENDIX: How to apply the Apache License" in text


def test_installed_package_uses_its_own_pack(build: Build, tmp_path: Path) -> None:
    """Installed outside the repository, the package finds the pack inside itself and audits with it."""
    target = tmp_path / "site"
    completed = _run(
        sys.executable,
        "-m",
        "pip",
        "install",
        "--no-deps",
        "--no-index",
        "--quiet",
        "--target",
        str(target),
        str(build.wheel),
        env=_quiet_environment(),
    )
    assert completed.returncode == 0, completed.stderr
    code = "import checker.rules as r; p = r.bundled_pack_dir(); print(p); print(len(r.load_rules().rules))"
    environment = {**os.environ, "PYTHONPATH": str(target)}
    completed = _run(sys.executable, "-c", code, cwd=tmp_path, env=environment)
    assert completed.returncode == 0, completed.stderr
    location, rules = completed.stdout.split()
    assert Path(location).is_relative_to(target) and rules == "44"
