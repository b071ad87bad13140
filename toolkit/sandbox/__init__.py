"""The sandbox: an emulated multi-account AWS estate over real HTTP, and its ground truth.

``with Sandbox() as sb: inv = toolkit.collect_sync(sb.scope())``. moto's server runs in a child
process behind a middleware that adds latency, throttling, AccessDenied rules and request
counts; the estate (``toolkit/data/estates/demo.yaml`` by default) is seeded through the AWS APIs.
Needs the ``sandbox`` extra: ``pip install 'aws-estate-toolkit[sandbox]'``.
"""

from .estate import load_estate
from .sandbox import Sandbox
from .truth import GroundTruth

__all__ = ["GroundTruth", "Sandbox", "load_estate"]
