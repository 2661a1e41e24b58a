"""The app installs like real software: its data travels inside the package, found the same
way from a source tree, an installed wheel and a bundle."""

from __future__ import annotations

import ast
from pathlib import Path

import tomllib

from mash_desktop.config import resource_path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "mash_desktop"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_shipped_data_lives_inside_the_package() -> None:
    assert not (ROOT / "resources").exists(), "data must live in mash_desktop/resources/"
    for parts in (("catalog", "catalog.json"), ("instruments", "instruments.json"),
                  ("eligibility.json",), ("billing", "cpt_codes.json"),
                  ("fonts", "DejaVuSans.ttf"), ("styles", "app.qss"), ("icons", "mash.svg")):
        path = resource_path(*parts)
        assert path.is_file(), path
        assert path.resolve().is_relative_to(PACKAGE.resolve()), path


def test_every_resource_file_is_declared_package_data() -> None:
    declared = PYPROJECT["tool"]["setuptools"]["package-data"]["mash_desktop"]
    assert "resources/**/*" in declared
    assert any(d.startswith("db/migrations/versions") for d in declared)


def test_no_module_finds_shipped_data_by_a_path_of_its_own() -> None:
    """Only config.resource_path knows where resources are (a wheel and a bundle differ)."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "config.py" or "forms" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in ("resources", "resources/"):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_metadata_follows_current_packaging_rules() -> None:
    project = PYPROJECT["project"]
    assert isinstance(project["license"], str)  # SPDX expression, not the deprecated table
    assert not any(c.startswith("License ::") for c in project["classifiers"])
    assert project["urls"]
    assert project["scripts"]["mash-desktop"] == "mash_desktop.cli:main"
    assert project["gui-scripts"]["mash-desktop-gui"] == "mash_desktop.cli:gui_main"


def test_metainfo_and_package_state_the_same_licence() -> None:
    import xml.etree.ElementTree as ET

    metainfo = ET.parse(resource_path("desktop", "org.mashdesktop.MashDesktop.metainfo.xml"))
    assert metainfo.findtext("project_license") == PYPROJECT["project"]["license"]


def test_every_declared_package_data_pattern_matches_a_file() -> None:
    for pattern in PYPROJECT["tool"]["setuptools"]["package-data"]["mash_desktop"]:
        assert any(p.is_file() for p in PACKAGE.glob(pattern)), pattern


def test_only_the_tested_operating_system_is_claimed() -> None:
    systems = [c for c in PYPROJECT["project"]["classifiers"] if c.startswith("Operating System")]
    assert systems == ["Operating System :: POSIX :: Linux"]


def test_the_package_description_links_no_relative_images() -> None:
    import re

    text = (ROOT / PYPROJECT["project"]["readme"]).read_text(encoding="utf-8")
    links = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)
    assert all(link.startswith("https://") for link in links), links


def test_the_bundle_leaves_out_the_development_tools() -> None:
    spec = (ROOT / "packaging" / "mash-desktop.spec").read_text(encoding="utf-8")
    tree = ast.parse(spec)
    excludes = next(node.value for node in ast.walk(tree) if isinstance(node, ast.Assign)
                    and any(getattr(t, "id", None) == "excludes" for t in node.targets))
    listed = {c.value for c in ast.walk(excludes) if isinstance(c, ast.Constant)}
    assert {"mypy", "pydantic.mypy", "pydantic.v1.mypy", "ast_serialize", "pytest"} <= listed


def test_make_wheel_starts_from_a_clean_build_folder() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\nwheel:", 1)[1].split("\n\n", 1)[0]
    assert recipe.index("rm -rf build") < recipe.index("pip wheel")
