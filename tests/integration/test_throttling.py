"""With a fifth of all requests throttled, botocore's retries still collect everything."""

from __future__ import annotations

from pandas.testing import assert_frame_equal

import toolkit
from toolkit.collectors import REGISTRY
from toolkit.sandbox import Sandbox

STABLE = ["organizations", "s3"]


def test_throttled_collection_equals_unthrottled(faults: Sandbox) -> None:
    calm = toolkit.collect_sync(faults.scope(), services=STABLE, progress=False)
    faults.configure(throttle_rate=0.2)
    faults.reset_counts()
    stormy = toolkit.collect_sync(faults.scope(), services=STABLE, progress=False)
    assert stormy.errors.empty, stormy.errors.to_string()
    assert stormy.meta["retries"] > 0
    served = sum(faults.request_counts().values())
    assert stormy.meta["http_attempts_total"] == served
    for name in calm.tables:
        key = ["account_id", *REGISTRY[name].key]
        assert_frame_equal(
            calm[name].sort_values(key, ignore_index=True),
            stormy[name].sort_values(key, ignore_index=True),
            check_dtype=True,
        )
