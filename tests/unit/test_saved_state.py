"""The cache of saved sandbox estates: keyed by what shapes the estate, and bounded."""

from __future__ import annotations

import os
import threading
import time
from datetime import date

from toolkit.sandbox import saved_state
from toolkit.sandbox.estate import load_estate


def test_key_follows_the_estate() -> None:
    demo = load_estate("demo")
    assert saved_state.state_key(demo) == saved_state.state_key(load_estate("demo"))
    changed = {**demo, "seed": int(demo.get("seed", 0)) + 1}
    assert saved_state.state_key(changed) != saved_state.state_key(demo)


def test_key_follows_the_day_ages_count_from() -> None:
    demo = load_estate("demo")
    today = saved_state.state_key(demo, date(2026, 11, 30))
    assert saved_state.state_key(demo, date(2026, 11, 30)) == today
    assert saved_state.state_key(demo, date(2026, 12, 1)) != today


def test_prune_keeps_the_most_recently_used(tmp_path) -> None:
    for age in range(saved_state.KEEP + 2):
        for suffix in (".pickle", ".truth.json"):
            path = tmp_path / f"key{age}{suffix}"
            path.write_text("x")
            os.utime(path, (1_000_000 - age, 1_000_000 - age))
    saved_state.prune(tmp_path)
    kept = sorted(p.name for p in tmp_path.glob("*.pickle"))
    assert kept == sorted(f"key{age}.pickle" for age in range(saved_state.KEEP))
    assert len(list(tmp_path.glob("*.truth.json"))) == saved_state.KEEP


def test_cache_can_be_turned_off(monkeypatch) -> None:
    monkeypatch.setenv(saved_state.ENV_VAR, "off")
    assert saved_state.cache_dir() is None


def test_systems_manager_state_survives_save_and_restore(tmp_path) -> None:
    """SSM keeps a defaultdict subclass with its own constructor (parameters) and nested
    defaultdicts made by lambdas (tags): both come back as they were."""
    from moto.ssm.models import ssm_backends

    backend = ssm_backends["111111111111"]["us-east-1"]
    backend._resource_tags["Document"]["runbook"] = {"team": "ops"}
    backend._parameters.latest_amis_loaded = True
    path = tmp_path / "estate.pickle"
    saved_state.save(str(path))
    saved_state.restore(str(path))
    restored = ssm_backends["111111111111"]["us-east-1"]
    assert restored._resource_tags["Document"]["runbook"] == {"team": "ops"}
    assert restored._resource_tags["Parameter"] == {}  # still a defaultdict of dicts
    assert restored._parameters.region_name == "us-east-1"
    assert restored._parameters.latest_amis_loaded is True
    assert restored._parameters["/missing"] == []  # still a defaultdict of lists


def test_starts_take_turns_on_a_saved_estate(tmp_path) -> None:
    """One start at a time per saved estate: a second waits until the first has saved."""
    saved = tmp_path / "key.pickle"
    holding, trying, done = threading.Event(), threading.Event(), []

    def first() -> None:
        with saved_state.exclusive(saved):
            holding.set()
            trying.wait(5)
            time.sleep(0.2)  # the second is blocked by now
            done.append("first")

    def second() -> None:
        holding.wait(5)
        trying.set()
        with saved_state.exclusive(saved):
            done.append("second")

    threads = [threading.Thread(target=f) for f in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert done == ["first", "second"]
