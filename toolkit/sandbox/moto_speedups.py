"""Costs of moto that the sandbox does not need to pay, removed in the server process.

Measured on the demo estate (py-spy, 2 cores), they were most of the 15 s seeding took:
- moto finds a request's account by walking every account's IAM backend in all six partitions
  (``get_account_id_from``), which builds five IAM backends per account nobody uses; the sandbox
  only has the ``aws`` partition, and a key never moves between accounts, so the answer is
  looked up there once and remembered;
- each IAM backend parses the 1,000-odd AWS managed policies from one JSON string again; it is
  parsed once per process here;
- each EC2 backend loads about 1,300 images per region; ``MOTO_AMIS_PATH`` (set by
  ``server.start`` before moto is imported) points at a short list of Amazon's images instead;
- on every request moto lists its own package folder (a ``stat`` per entry) to know its
  services, and reading a service model makes a new botocore loader, which lists every model
  folder again: 3.1 s and 1.7 s of the 15.4 s of server CPU a demo collection cost (cProfile,
  2 cores). The folder listing is kept for the process, and one loader serves every model
  (the sandbox's own protocol parsing too); a service's regions are worked out once, not once
  per account.

``tests/unit/test_moto_speedups.py`` fails when moto's names move, so that an upgrade cannot
silently undo this.
"""

from __future__ import annotations

import functools
import json
import threading
from importlib import resources
from typing import Any

AMIS_RESOURCE = "amis.json"

_lock = threading.Lock()
_account_by_key: dict[str, str] = {}


def amis_path() -> str:
    """The short AMI list for ``MOTO_AMIS_PATH`` (a file shipped in this package)."""
    return str(resources.files(__package__).joinpath(AMIS_RESOURCE))


def install() -> None:
    """Patch moto in this process; call before the first request."""
    import moto.core.responses  # noqa: F401  (imports iam.models lazily; keep it loaded first)
    from moto.iam import models as iam_models

    iam_models.get_account_id_from = account_of
    iam_models.IAMBackend._init_aws_policies = _aws_policies  # type: ignore[method-assign]

    from moto import backends
    from moto.core import utils
    from moto.core.base_backend import AccountSpecificBackend

    modules = tuple(backends.list_of_moto_modules())  # moto's service folders, listed once
    backends.list_of_moto_modules = lambda: modules
    utils.create_loader = shared_loader
    # A service's regions, which moto works out again for every (account, service) backend.
    generate = AccountSpecificBackend._generate_regions.__wrapped__
    regions_of = functools.cache(lambda service: tuple(generate(None, service)))
    AccountSpecificBackend._generate_regions = lambda self, service: list(regions_of(service))


@functools.cache
def shared_loader() -> Any:
    """One botocore loader for the process: it keeps every model it has read."""
    from botocore.loaders import create_loader

    return create_loader()


def account_of(access_key: str) -> str:
    """The account that owns ``access_key``, looked up in the ``aws`` partition only."""
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.iam.models import iam_backends

    known = _account_by_key.get(access_key)
    if known is not None:
        return known
    for account_id, account in list(iam_backends.items()):
        if access_key in account["aws"].access_keys:
            with _lock:
                _account_by_key[access_key] = account_id
            return account_id
    return DEFAULT_ACCOUNT_ID


@functools.cache
def _managed_policy_data() -> dict[str, Any]:
    from moto.iam.aws_managed_policies import aws_managed_policies_data

    return json.loads(aws_managed_policies_data)


def _aws_policies(backend: Any) -> list[Any]:
    from moto.iam.models import AWSManagedPolicy
    from moto.settings import load_iam_aws_managed_policies

    if not load_iam_aws_managed_policies():
        return []
    return [
        AWSManagedPolicy.from_data(name, backend.account_id, backend.region_name, data)
        for name, data in _managed_policy_data().items()
    ]
