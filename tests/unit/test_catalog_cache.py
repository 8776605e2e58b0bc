"""The validated content catalog kept in the cache folder: written whole and private, read back
as the same catalog, and refused (the TOML read instead, the cache written again) whenever it
is not exactly what the content files give."""

from __future__ import annotations

import json
import shutil
import stat
from pathlib import Path

import pytest

from selfaudit.content import cache as catalog_cache
from selfaudit.content import loader
from selfaudit.content.loader import catalog_problems, read_catalog
from selfaudit.paths import AppPaths, resources_dir

CONTENT = resources_dir() / "content"
FORMAT_TAG = f"selfaudit-catalog {catalog_cache.FORMAT} ".encode()


@pytest.fixture
def cache_dir(app_paths: AppPaths) -> Path:
    assert app_paths.cache_dir is not None
    return app_paths.cache_dir


def fresh_load() -> object:
    return loader.load_catalog.__wrapped__()  # type: ignore[attr-defined]  # past functools.cache


def test_the_catalog_read_from_toml_passes_the_checks_a_cached_copy_gets() -> None:
    assert catalog_problems(read_catalog(CONTENT)) == []


def test_kept_whole_and_private_and_read_back_as_the_same_catalog(cache_dir: Path) -> None:
    catalog = read_catalog(CONTENT)
    key = catalog_cache.fingerprint(CONTENT)
    catalog_cache.write(cache_dir, key, catalog)
    kept = cache_dir / catalog_cache.FILE_NAME
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert stat.S_IMODE(cache_dir.stat().st_mode) == 0o700
    assert [p.name for p in cache_dir.iterdir()] == [catalog_cache.FILE_NAME]  # no temp file
    assert catalog_cache.read(cache_dir, key) == catalog


def test_the_app_reads_the_cache_once_written(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = fresh_load()  # no cache yet: the TOML, then the cache is written
    assert (cache_dir / catalog_cache.FILE_NAME).is_file()

    def no_toml(content: Path) -> object:
        raise AssertionError("the TOML was read again")

    monkeypatch.setattr(loader, "read_catalog", no_toml)
    assert fresh_load() == first


def edit_a_check(text: bytes, **changes: object) -> bytes:
    header, _, body = text.partition(b"\n")
    data = json.loads(body)
    data["checks"][0].update(changes)
    return header + b"\n" + json.dumps(data).encode()


def source_an_item_elsewhere(text: bytes) -> bytes:
    header, _, body = text.partition(b"\n")
    data = json.loads(body)
    item = next(c for c in data["checks"] if c["kind"] is not None and c["source"] is not None)
    item["source"] = "https://steps.example.org/privacy"
    return header + b"\n" + json.dumps(data).encode()


def duplicate_a_check(text: bytes) -> bytes:
    header, _, body = text.partition(b"\n")
    data = json.loads(body)
    data["checks"].append(data["checks"][0])
    return header + b"\n" + json.dumps(data).encode()


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param(lambda text: b"\x00garbage" + text[7:], id="damaged"),
        pytest.param(lambda text: text[: len(text) // 2], id="cut short"),
        pytest.param(lambda text: b"", id="empty"),
        pytest.param(
            lambda text: text.replace(FORMAT_TAG, FORMAT_TAG + b"0"),
            id="other content",
        ),
        pytest.param(
            lambda text: edit_a_check(text, measure="no_such_measure"), id="unknown measure"
        ),
        pytest.param(lambda text: edit_a_check(text, seed_ref="99"), id="unknown clause"),
        pytest.param(lambda text: edit_a_check(text, answer="shout"), id="not the model"),
        pytest.param(
            lambda text: edit_a_check(text, link="http://plain.example"), id="plain http link"
        ),
        pytest.param(duplicate_a_check, id="an id twice"),
        pytest.param(source_an_item_elsewhere, id="steps checked against an unlisted source"),
    ],
)
def test_a_tampered_or_damaged_cache_is_refused_and_replaced(
    cache_dir: Path, tamper: object
) -> None:
    expected = fresh_load()  # writes the cache
    kept = cache_dir / catalog_cache.FILE_NAME
    kept.write_bytes(tamper(kept.read_bytes()))  # type: ignore[operator]
    assert catalog_cache.read(cache_dir, catalog_cache.fingerprint(CONTENT)) is None
    assert fresh_load() == expected  # from the TOML
    assert catalog_cache.read(cache_dir, catalog_cache.fingerprint(CONTENT)) == expected


def test_a_link_in_place_of_the_cache_is_not_followed(cache_dir: Path, tmp_path: Path) -> None:
    fresh_load()
    kept = cache_dir / catalog_cache.FILE_NAME
    elsewhere = tmp_path / "elsewhere.json"
    kept.rename(elsewhere)
    kept.symlink_to(elsewhere)
    assert catalog_cache.read(cache_dir, catalog_cache.fingerprint(CONTENT)) is None


def test_edited_content_has_another_fingerprint(tmp_path: Path) -> None:
    copy = tmp_path / "content"
    shutil.copytree(CONTENT, copy)
    assert catalog_cache.fingerprint(copy) == catalog_cache.fingerprint(CONTENT)
    measures = copy / "measures.toml"
    measures.write_bytes(measures.read_bytes() + b"\n")
    assert catalog_cache.fingerprint(copy) != catalog_cache.fingerprint(CONTENT)
    (copy / "checks" / "99-new.toml").write_text("")
    measures.write_bytes((CONTENT / "measures.toml").read_bytes())
    assert catalog_cache.fingerprint(copy) != catalog_cache.fingerprint(CONTENT)


def test_a_cache_folder_that_cannot_be_written_is_no_problem(tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("")
    catalog_cache.write(blocked, "key", read_catalog(CONTENT))  # raises nothing
    assert catalog_cache.read(blocked, "key") is None
