import pytest

from api.memo import ChangeAwareCache


def test_ttl_expires_entries(monkeypatch: pytest.MonkeyPatch) -> None:
    now = [1000.0]
    monkeypatch.setattr("api.memo.time.monotonic", lambda: now[0])
    cache: ChangeAwareCache[str, int] = ChangeAwareCache(max_entries=10, ttl=5)
    cache.put("k", 7, cache.generation)
    now[0] += 4
    assert cache.get("k") == 7
    now[0] += 2
    assert cache.get("k") is None
    assert len(cache) == 0


def test_value_computed_across_a_clear_is_not_stored() -> None:
    cache: ChangeAwareCache[str, int] = ChangeAwareCache(max_entries=10, ttl=5)
    generation = cache.generation
    cache.clear()
    cache.put("k", 7, generation)
    assert len(cache) == 0
    cache.put("k", 8, cache.generation)
    assert cache.get("k") == 8


def test_least_recently_used_entry_goes_first() -> None:
    cache: ChangeAwareCache[str, int] = ChangeAwareCache(max_entries=2, ttl=60)
    cache.put("a", 1, cache.generation)
    cache.put("b", 2, cache.generation)
    assert cache.get("a") == 1
    cache.put("c", 3, cache.generation)
    assert (cache.get("a"), cache.get("b"), cache.get("c")) == (1, None, 3)
