"""Keep Python's full garbage collections off the heap a collection run found in place.

A full (generation 2) collection walks every tracked object of the process: the botocore models,
pandas, a notebook's earlier inventories. A collection run allocates enough to trigger several,
and they were a third of its client CPU (2.2-3.0 of 6.8-7.5 s on the demo, in a process that
had collected once before). ``gc.freeze()`` moves the objects that exist when the run starts to
a permanent generation that collections skip, and ``gc.unfreeze()`` hands them back when the
last run in progress ends, so nothing stays uncollectable after the run. Runs in progress at
once (several ``collect`` on one loop) share one freeze.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_runs = 0


@contextmanager
def frozen() -> Iterator[None]:
    """Within the block, garbage collections look only at objects made during it."""
    global _runs
    with _lock:
        if _runs == 0:
            gc.freeze()
        _runs += 1
    try:
        yield
    finally:
        with _lock:
            _runs -= 1
            if _runs == 0:
                gc.unfreeze()
