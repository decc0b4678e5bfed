import os
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture
def fixtures() -> pathlib.Path:
    return FIXTURES


def seed_paths() -> list[pathlib.Path]:
    return sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []


def write(tmp_path: pathlib.Path, name: str, text: str, encoding: str = "utf-8") -> str:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return os.fspath(path)
