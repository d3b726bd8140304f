"""The start-up catalog cache never serves stale or broken content."""
from __future__ import annotations

import os
import time

from tutor.content import catalog as catalog_module
from tutor.content.cache import content_key


def fresh():
    catalog_module.shipped_catalog.cache_clear()
    return catalog_module.shipped_catalog()


def test_cache_is_written_and_reused(use_fake_content, dltutor_home):
    first = fresh()
    files = list((dltutor_home / "cache").glob("catalog-*.pickle"))
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
    assert len(list((dltutor_home / "cache").glob("catalog-*.pickle"))) == 1  # the stale one is gone


def test_a_corrupt_cache_is_rebuilt(use_fake_content, dltutor_home):
    fresh()
    (cache_file,) = (dltutor_home / "cache").glob("catalog-*.pickle")
    cache_file.write_bytes(b"not a pickle")
    assert fresh().lessons


def test_added_file_changes_the_key(use_fake_content):
    root = use_fake_content.root
    before = content_key(root)
    (root / "lessons" / "notes.txt").write_text("x")
    assert content_key(root) != before
