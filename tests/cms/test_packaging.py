"""The package built from pyproject.toml holds every app of the project."""

import tomllib
from pathlib import Path

from django.apps import apps
from setuptools import find_packages

PROJECT = Path(__file__).resolve().parents[2]


def packaged_top_level_packages() -> set[str]:
    config = tomllib.loads((PROJECT / "pyproject.toml").read_text())
    found = config["tool"]["setuptools"]["packages"]["find"]
    packages = find_packages(str(PROJECT), include=found["include"])
    return {name.split(".")[0] for name in packages}


def test_pyproject_packages_every_app_of_the_project():
    # An app of this project is a package at the top of the repository (the
    # virtualenv inside it holds the dependencies' apps).
    own_apps = {
        config.name.split(".")[0]
        for config in apps.get_app_configs()
        if (PROJECT / config.name.split(".")[0] / "__init__.py").exists()
    }
    assert {"invitations", "moderation"} <= own_apps
    missing = own_apps - packaged_top_level_packages()
    assert not missing, f"pyproject.toml does not package: {sorted(missing)}"
