"""The bundled articles must be found however quotebot is installed."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from bot.paths import bundled_article_files, bundled_data_dir

ROOT = Path(__file__).resolve().parent.parent


def test_source_checkout_finds_the_seed_article() -> None:
    files = bundled_article_files()
    assert files, f"no articles in {bundled_data_dir()}"
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert text.strip(), f"{path.name} is empty"


def test_wheel_carries_and_finds_the_bundled_articles(tmp_path: Path) -> None:
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert build.returncode == 0, build.stderr
    (wheel,) = tmp_path.glob("quotebot-*.whl")
    target = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)
    expected = sorted(p.name for p in bundled_article_files())
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "from bot.paths import bundled_article_files, bundled_data_dir;"
            "print(bundled_data_dir());"
            "print(*sorted(p.name for p in bundled_article_files()), sep='\\n')",
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
    )
    assert probe.returncode == 0, probe.stderr
    folder, *names = probe.stdout.splitlines()
    assert folder.startswith(str(target)), folder
    assert names == expected
