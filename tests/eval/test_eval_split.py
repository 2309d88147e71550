"""The fixed read/unread hash split every tuned-on dev set uses."""

import pytest

from communique.eval.split import in_part, part, part_headline, select


def test_pinned_values():
    # Pinned: every figure reported for a part rests on these staying where they are.
    assert [part(k) for k in ("news-a", "news-c", "cam-1", "cam-3", "alpha", "beta", "")] == \
        ["unread", "read", "read", "unread", "read", "unread", "read"]


def test_stable_and_about_half():
    keys = [f"item-{i}" for i in range(4000)]
    first = [part(k) for k in keys]
    assert first == [part(k) for k in keys]
    assert 0.46 < first.count("read") / len(keys) < 0.54
    # a key's part does not depend on the other keys
    assert select(keys[:10], str, "read") == [k for k in keys[:10] if part(k) == "read"]


def test_unicode_keys_and_parts():
    assert part("Zürich talks") in ("read", "unread")
    assert in_part("anything", "all")
    with pytest.raises(ValueError, match="part must be one of"):
        in_part("x", "some")


def test_part_headline_names():
    h = part_headline({"all": {"f1": 0.5}, "read": {"f1": 0.4}, "unread": {"f1": 0.6}})
    assert h == {"f1": 0.5, "read.f1": 0.4, "unread.f1": 0.6}
    assert part_headline({"unread": {"f1": 0.6}}) == {"unread.f1": 0.6}
