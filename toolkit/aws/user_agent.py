"""botocore's User-Agent header, built for the price of a dictionary lookup.

botocore builds the header again for every request, and cleans each of its parts character by
character (``sanitize_user_agent_string_component``): about 100 parts a request, 0.6 ms of a
request's CPU in a demo collection. The parts repeat (versions, platform, features, our
``aws-estate-toolkit`` extra), so the cleaning, a pure function of its two arguments, is
remembered. The header sent is the same string botocore builds.
"""

from __future__ import annotations

import functools

import botocore.useragent

_clean = botocore.useragent.sanitize_user_agent_string_component
if not isinstance(_clean, functools._lru_cache_wrapper):
    botocore.useragent.sanitize_user_agent_string_component = functools.lru_cache(maxsize=4096)(
        _clean
    )
