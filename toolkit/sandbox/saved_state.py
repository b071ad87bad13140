"""A seeded estate saved from the server process and restored into a new one in a second.

Seeding the demo estate through the AWS APIs takes seconds of moto's and boto3's time; the
estate is the same every time for the same estate YAML, toolkit and moto. So the first start
saves what moto holds after seeding (every service backend in use, the sandbox's own IAM state
and Access Analyzer's analyzers, and moto's random stream) with pickle, under a key made of the
estate, moto's version and the sandbox's source, and later starts restore it before the server
answers its first request. The ground truth is saved beside it as JSON.

Five things moto keeps do not pickle as they are: private keys (KMS keys' RSA keys, ACM
certificates' RSA and EC keys) and ACM's parsed X.509 certificates (both saved as PEM),
Lambda's weak index of functions by ARN (saved as a plain dict of the same functions),
defaultdicts whose factory is a lambda making an empty container (saved with the container's
type as factory), and SQS queues' locks and conditions (restored new: nobody holds or waits
on them between requests).

The files live in the user's cache directory (``$TOOLKIT_SANDBOX_CACHE``; ``off`` turns saving
and restoring off), owner-only, written atomically: they are this user's own cache, read only by
this user's sandbox server.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import pickle
import sys
import threading
import weakref
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from functools import partial
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from ..files import atomic_write_bytes

ENV_VAR = "TOOLKIT_SANDBOX_CACHE"
FORMAT = 2
#: Saved estates kept in the cache (the most recently used); each is tens of MB.
KEEP = 6


class StaleState(Exception):
    """A saved estate the server could not load (another moto, a damaged file)."""


def cache_dir() -> Path | None:
    """Where saved estates live; None when ``$TOOLKIT_SANDBOX_CACHE`` is ``off``."""
    configured = os.environ.get(ENV_VAR, "")
    if configured.lower() in ("off", "0", "false", "no"):
        return None
    if configured:
        return Path(configured).expanduser()
    import platformdirs

    from ..cache import APP_NAME

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / "sandbox"


def state_key(estate: dict[str, Any], day: date | None = None) -> str:
    """A key that changes with the estate, moto's version, the sandbox's own code and the day
    (UTC): an estate's ages (keys, passwords, secrets, certificates) count from the day it is
    seeded, so a state saved on another day would make them wrong."""
    digest = hashlib.sha256()
    digest.update(json.dumps(estate, sort_keys=True, default=str).encode())
    digest.update(f"day {(day or datetime.now(UTC).date()).isoformat()}".encode())
    digest.update(f"format {FORMAT} moto {metadata.version('moto')}".encode())
    package = Path(str(resources.files(__package__)))
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".json", ".yaml"):
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:32]


@contextmanager
def exclusive(saved: Path) -> Iterator[None]:
    """Hold the saved estate's lock: sandboxes started at once (a test run's workers) take
    turns, so one seeds and saves and the others restore what it saved, instead of all seeding
    the same estate side by side. Without ``fcntl`` (Windows) there is no lock, only the cost."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    saved.parent.mkdir(parents=True, exist_ok=True)
    with open(saved.with_suffix(".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def prune(folder: Path, keep: int = KEEP) -> None:
    """Remove all but the ``keep`` most recently used saved estates (and their truths)."""
    saved = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in saved[keep:]:
        stale.unlink(missing_ok=True)
        stale.with_suffix(".truth.json").unlink(missing_ok=True)
        stale.with_suffix(".lock").unlink(missing_ok=True)


# -- in the server process ------------------------------------------------------------------
def save(path: str) -> int:
    """Pickle what moto and the middleware hold now to ``path``; returns its size in bytes."""
    from moto.core.base_backend import BackendDict
    from moto.moto_api._internal import mock_random

    from . import accessanalyzer, iam_state

    backends = {_global_name(bd): dict(bd) for bd in BackendDict._instances}
    payload = {
        "format": FORMAT,
        "backends": backends,
        "shared": {_global_name(bd): _shared_state(bd) for bd in BackendDict._instances},
        "iam_root": iam_state.ROOT,
        "access_analyzers": accessanalyzer.ANALYZERS,
        "random": mock_random.getstate(),
    }
    data = _dumps(payload)
    atomic_write_bytes(Path(path), data)
    return len(data)


def restore(path: str) -> None:
    """Load a saved estate into this process's moto before it serves its first request."""
    from moto.core.base_backend import BackendDict
    from moto.moto_api._internal import mock_random

    from . import accessanalyzer, iam_state

    payload = pickle.loads(Path(path).read_bytes())
    if payload.get("format") != FORMAT:
        raise ValueError(f"saved with format {payload.get('format')}, not {FORMAT}")
    for (module_name, attribute), accounts in payload["backends"].items():
        backend_dict = getattr(importlib.import_module(module_name), attribute)
        backend_dict.clear()
        backend_dict.update(accounts)
        if backend_dict not in BackendDict._instances:
            BackendDict._instances.append(backend_dict)
        _put_shared_state(backend_dict, payload["shared"].get((module_name, attribute), {}))
    iam_state.ROOT.clear()
    iam_state.ROOT.update(payload["iam_root"])
    accessanalyzer.ANALYZERS.clear()
    accessanalyzer.ANALYZERS.update(payload.get("access_analyzers", {}))
    mock_random.setstate(payload["random"])


#: What every BackendDict has by construction; anything else on it is state (Organizations keeps
#: its member -> management account index there).
_CONSTRUCTED = {"backend", "service_name", "_use_boto3_regions", "_additional_regions", "_id"}


def _shared_state(backend_dict: Any) -> dict[str, Any]:
    """State moto keeps beside the per-account backends: extra attributes of the BackendDict,
    and mutable containers on the backend class (Security Hub's organization settings)."""
    own = {k: v for k, v in vars(backend_dict).items() if k not in _CONSTRUCTED}
    on_class = {
        k: v
        for k, v in vars(backend_dict.backend).items()
        if not k.startswith("__") and isinstance(v, dict | list | set)
    }
    return {"own": own, "class": on_class}


def _put_shared_state(backend_dict: Any, state: dict[str, Any]) -> None:
    for name, value in state.get("own", {}).items():
        setattr(backend_dict, name, value)
    for name, value in state.get("class", {}).items():
        container = getattr(backend_dict.backend, name)
        container.clear()
        if isinstance(container, dict):
            container.update(value)
        elif isinstance(container, list):
            container.extend(value)
        else:
            container.update(value)


def _global_name(backend_dict: Any) -> tuple[str, str]:
    """(module, attribute) of the moto global that holds this BackendDict."""
    candidates = [backend_dict.backend.__module__]
    candidates += [name for name in list(sys.modules) if name.startswith("moto.")]
    for name in candidates:
        module = sys.modules.get(name)
        for attribute, value in vars(module or object()).items():
            if value is backend_dict:
                return name, attribute
    raise LookupError(f"moto's backend for {backend_dict.service_name} is not a module global")


def _dumps(payload: dict[str, Any]) -> bytes:
    import io

    buffer = io.BytesIO()
    _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(payload)
    return buffer.getvalue()


_RLOCK = type(threading.RLock())


class _Pickler(pickle.Pickler):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from cryptography import x509
        from cryptography.hazmat.primitives.asymmetric import ec, rsa

        super().__init__(*args, **kwargs)
        self._private_keys = (rsa.RSAPrivateKey, ec.EllipticCurvePrivateKey)
        self._certificate = x509.Certificate

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, self._certificate):
            from cryptography.hazmat.primitives import serialization

            return _load_certificate, (obj.public_bytes(serialization.Encoding.PEM),)
        if isinstance(obj, self._private_keys):
            from cryptography.hazmat.primitives import serialization

            pem = obj.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
            return _load_rsa_key, (pem,)
        if isinstance(obj, weakref.WeakValueDictionary):
            return _weak_values, (dict(obj),)
        if isinstance(obj, _RLOCK):  # an SQS queue's lock: nobody holds it between requests
            return threading.RLock, ()
        if isinstance(obj, threading.Condition):  # an SQS queue's, waited on by receivers
            return threading.Condition, ()
        if isinstance(obj, defaultdict) and type(obj).__init__ is not defaultdict.__init__:
            # a subclass whose constructor takes its own arguments (SSM's ParameterDict): made
            # without calling it, then given its factory, items and attributes
            attributes = dict(vars(obj))
            return _defaultdict_subclass, (type(obj), obj.default_factory, dict(obj), attributes)
        if (
            isinstance(obj, defaultdict)
            and getattr(obj.default_factory, "__name__", "") == "<lambda>"
        ):
            empty = obj.default_factory()  # moto's lambdas make empty containers: keep their type
            if isinstance(empty, defaultdict) and empty.default_factory in (dict, list, set, int):
                # one level deeper (SSM's resource tags): a picklable factory of the same kind
                return defaultdict, (partial(defaultdict, empty.default_factory), dict(obj))
            if type(empty) not in (dict, list, set, int):
                return NotImplemented
            return defaultdict, (type(empty), dict(obj))
        return NotImplemented


def _defaultdict_subclass(
    cls: type, factory: Any, items: dict[Any, Any], attributes: dict[str, Any]
) -> defaultdict[Any, Any]:
    made = defaultdict.__new__(cls)
    defaultdict.__init__(made, factory)
    dict.update(made, items)
    made.__dict__.update(attributes)
    return made


def _load_rsa_key(pem: bytes) -> Any:
    from cryptography.hazmat.primitives import serialization

    return serialization.load_pem_private_key(pem, password=None)


def _load_certificate(pem: bytes) -> Any:
    from cryptography import x509

    return x509.load_pem_x509_certificate(pem)


def _weak_values(items: dict[Any, Any]) -> weakref.WeakValueDictionary[Any, Any]:
    return weakref.WeakValueDictionary(items)
