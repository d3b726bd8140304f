"""The start-up catalog cache never serves stale or broken content, and loading it runs no code."""
from __future__ import annotations

import json
import os
import pickle
import time

import pytest

from tutor.content import catalog as catalog_module
from tutor.content.cache import cached, content_key


def fresh():
    catalog_module.shipped_catalog.cache_clear()
    return catalog_module.shipped_catalog()


def test_cache_is_written_and_reused(use_fake_content, dltutor_home):
    first = fresh()
    files = list((dltutor_home / "cache").glob("catalog-*.json"))
    assert len(files) == 1
    second = fresh()
    assert [l.id for l in second.lessons] == [l.id for l in first.lessons]
    assert second.lessons[0].sections == first.lessons[0].sections


def test_an_edited_lesson_is_seen_at_once(use_fake_content, dltutor_home):
    root = use_fake_content.root
    fresh()
    lesson = sorted((root / "lessons").glob("01-*.md"))[0]
    text = lesson.read_text()
    lesson.write_text(text.replace('title = "Basics"', 'title = "Basics, edited"'))
    os.utime(lesson, ns=(time.time_ns(), time.time_ns() + 1_000_000))
    assert fresh().lessons[0].title == "Basics, edited"
    assert len(list((dltutor_home / "cache").glob("catalog-*.json"))) == 1  # the stale one is gone


def test_a_corrupt_cache_is_rebuilt(use_fake_content, dltutor_home):
    fresh()
    (cache_file,) = (dltutor_home / "cache").glob("catalog-*.json")
    cache_file.write_bytes(b"not json {")
    assert fresh().lessons


def test_added_file_changes_the_key(use_fake_content):
    root = use_fake_content.root
    before = content_key(root)
    (root / "lessons" / "notes.txt").write_text("x")
    assert content_key(root) != before


def test_the_cached_catalog_equals_a_fresh_parse(dltutor_home):
    from tutor import paths
    from tutor.content.catalog import load_catalog

    cached_copy = fresh()  # builds and writes the cache
    assert list((dltutor_home / "cache").glob("catalog-*.json"))
    from_cache = cached(paths.content_root(), build=lambda: pytest.fail("the cache was not used"))
    parsed = load_catalog(paths.content_root(), deep=False)
    assert from_cache.lessons == parsed.lessons == cached_copy.lessons
    assert from_cache.exercises == parsed.exercises  # every field: paths, tuples, forbidden_ops, mistakes


class Payload:
    """What a poisoned pickle would run on load."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def test_a_planted_pickle_is_never_loaded(use_fake_content, dltutor_home, tmp_path):
    marker = tmp_path / "code-ran"
    cache = dltutor_home / "cache"
    cache.mkdir(parents=True, exist_ok=True)
    key = content_key(use_fake_content.root)
    (cache / f"catalog-{key}.pickle").write_bytes(pickle.dumps(Payload(marker)))
    assert fresh().lessons
    assert not marker.exists()
    assert not list(cache.glob("*.pickle"))  # swept away when the JSON cache was written


def test_a_forged_json_cache_cannot_name_other_types(use_fake_content, dltutor_home):
    fresh()
    (cache_file,) = (dltutor_home / "cache").glob("catalog-*.json")
    data = json.loads(cache_file.read_text())
    data["fields"]["lessons"] = [{"__type__": "Popen", "fields": {"args": ["touch", "/tmp/x"]}}]
    cache_file.write_text(json.dumps(data))
    catalog = fresh()
    assert catalog.lessons and type(catalog.lessons[0]).__name__ == "Lesson"
