"""Run a coroutine to completion from code that is not async: the one place that decides how.

With no loop running (a script), ``asyncio.run``. Inside a running loop (a Jupyter cell, a widget
callback) the loop is made re-entrant with ``nest_asyncio2``, the maintained fork of
nest-asyncio that ipykernel itself uses, and the coroutine runs on that same loop.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


def run_sync(coroutine: Coroutine[Any, Any, T]) -> T:
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    import nest_asyncio2

    nest_asyncio2.apply(loop)
    return loop.run_until_complete(coroutine)
