"""The project's own files agree with each other."""

import re
import tomllib

import pytest
from conftest import ROOT, SEEDS, SHARED


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pyproject_packages() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    names = set()
    extras = [req for group in project["optional-dependencies"].values() for req in group]
    for requirement in [*project["dependencies"], *extras]:
        match = re.match(r"([A-Za-z0-9_.-]+)(?:\[([^\]]+)\])?", requirement)
        names.add(normalise(match[1]))
        names |= {normalise(extra) for extra in (match[2] or "").split(",") if extra}
    return names


def environment_packages() -> set[str]:
    names = set()
    for line in (ROOT / "environment.yml").read_text().splitlines():
        match = re.match(r"^\s*-\s+([A-Za-z0-9_.-]+)\s*(?:[=<>].*)?$", line)
        if match and match[1] not in {"python", "pip", "conda-forge"}:
            names.add(normalise(match[1]))
    return names


def test_environment_yml_names_the_same_packages_as_pyproject():
    assert environment_packages() == pyproject_packages()


def test_every_dependency_is_pinned_in_constraints():
    pinned = {
        normalise(line.split("==")[0]) for line in (ROOT / "constraints.txt").read_text().splitlines() if "==" in line
    }
    assert pyproject_packages() <= pinned


def test_seeds_are_the_shared_seeds_unchanged():
    shared = SHARED / "seeds"
    if not shared.exists():
        pytest.skip("no shared/ folder beside the checkout to compare the seeds with")
    assert sorted(p.name for p in SEEDS.iterdir()) == sorted(p.name for p in shared.iterdir())
    for path in shared.iterdir():
        assert (SEEDS / path.name).read_bytes() == path.read_bytes()
