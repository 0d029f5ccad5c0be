"""The bounded cache behind the kept articles, profiles, bodies, event counts and pages."""

from __future__ import annotations

import gc
import random
import threading
import weakref

import pytest

from worldbrief.services.bounded_cache import BoundedCache, PerStore


def _chars(capacity: int) -> BoundedCache[str, str]:
    return BoundedCache(capacity, len)


def test_the_least_recently_used_goes_first() -> None:
    cache: BoundedCache[str, int] = BoundedCache(3)
    for i, key in enumerate("abc"):
        assert cache.put(key, i)
    assert cache.get("a") == 0  # a is now the most recently used: b goes first
    assert cache.put("d", 3)
    assert [cache.peek(k) for k in "abcd"] == [0, None, 2, 3]
    assert cache.peek("c") == 2  # a peek leaves the order as it is: c goes next
    cache.put("e", 4)
    assert [cache.peek(k) for k in "acde"] == [0, None, 3, 4] and len(cache) == 3


def test_a_key_already_kept_keeps_its_value_and_place() -> None:
    cache: BoundedCache[str, str] = BoundedCache(2)
    cache.put("a", "first")
    cache.put("b", "b")
    assert not cache.put("a", "second")
    assert cache.get("b") == "b"
    cache.put("c", "c")
    assert cache.peek("a") is None and cache.peek("b") == "b"  # a stayed the least recent
    cache.put("b2", "x")
    assert cache.peek("b") is None and len(cache) == 2


def test_sizes_add_up_and_bound_what_is_kept() -> None:
    cache = _chars(10)
    cache.put("a", "aaaa")
    cache.put("b", "bbbb")
    assert cache.size == 8 and len(cache) == 2
    cache.put("c", "cc")
    assert cache.size == 10 and len(cache) == 3  # exactly the capacity still fits
    cache.put("d", "ddddd")  # a and b make room, both of them
    assert [cache.peek(k) for k in "abcd"] == [None, None, "cc", "ddddd"]
    assert cache.size == 7
    cache.clear()
    assert cache.size == 0 and len(cache) == 0 and cache.get("c") is None


def test_capacity_zero_keeps_nothing() -> None:
    cache = _chars(0)
    assert not cache.put("a", "text") and not cache.put("empty", "")
    assert len(cache) == 0 and cache.size == 0 and cache.get("empty") is None
    counted: BoundedCache[str, int] = BoundedCache(0)
    assert not counted.put("a", 1) and len(counted) == 0


def test_a_value_larger_than_the_capacity_is_not_kept_and_drops_nothing() -> None:
    cache = _chars(5)
    cache.put("a", "aaa")
    assert not cache.put("big", "bbbbbb")
    assert cache.get("big") is None and cache.get("a") == "aaa" and cache.size == 3


def test_a_replaced_value_keeps_its_place_and_is_measured_again() -> None:
    cache = _chars(10)
    first, second = "aa", "bb"
    cache.put("a", first)
    cache.put("b", second)
    assert not cache.replace("a", "aa!", "aaaa")  # not the object kept
    assert not cache.replace("missing", first, "x")
    assert cache.replace("a", first, "aaaa") and cache.size == 6
    assert cache.peek("a") == "aaaa"
    cache.put("c", "cccc")  # 10: all fit
    assert cache.replace("b", second, "bbbbbb")  # 14: a, the least recently used, makes room
    assert cache.peek("a") is None and cache.peek("b") == "bbbbbb" and cache.size == 10
    kept = cache.peek("b")
    assert kept is not None and cache.replace("b", kept, "b" * 11)  # too large: dropped
    assert cache.peek("b") is None and cache.peek("c") == "cccc" and cache.size == 4


def test_a_negative_capacity_is_refused() -> None:
    with pytest.raises(ValueError, match="capacity must be 0 or more, got -1"):
        BoundedCache(-1)


def test_threads_sharing_a_cache_keep_its_sizes_consistent() -> None:
    cache = _chars(100)
    keys = [f"k{i}" for i in range(50)]
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def work(seed: int) -> None:
        rng = random.Random(seed)
        try:
            start.wait()
            for _ in range(2_000):
                key = rng.choice(keys)
                found = cache.get(key)
                if found is None:
                    cache.put(key, key * rng.randint(1, 8))
                elif rng.random() < 0.3:
                    cache.replace(key, found, found + "x")
                elif rng.random() < 0.01:
                    cache.clear()
        except BaseException as error:  # reported by the main thread
            errors.append(error)

    threads = [threading.Thread(target=work, args=(seed,)) for seed in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    kept = [found for key in keys if (found := cache.peek(key)) is not None]
    assert len(kept) == len(cache)
    assert sum(map(len, kept)) == cache.size <= 100


class _Store:
    """Anything a weak reference can point at stands for a store."""


class _Kept:
    """What a store's reads keep."""


def test_one_per_store_made_once_and_gone_with_the_store() -> None:
    registry: PerStore[_Store, _Kept] = PerStore()
    made: list[_Kept] = []

    def make() -> _Kept:
        made.append(_Kept())
        return made[-1]

    store, other = _Store(), _Store()
    first = registry.of(store, make)
    assert registry.of(store, make) is first and len(made) == 1
    assert registry.of(other, make) is not first and len(made) == 2
    gone = weakref.ref(first)
    del store, first
    made.clear()
    gc.collect()
    assert gone() is None
    assert isinstance(registry.of(other, make), _Kept) and made == []  # the other's is kept


def test_threads_asking_at_once_share_one() -> None:
    registry: PerStore[_Store, object] = PerStore()
    store = _Store()
    found: list[object] = []
    start = threading.Barrier(8)

    def ask() -> None:
        start.wait()
        found.append(registry.of(store, object))

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(found) == 8 and all(f is found[0] for f in found)
