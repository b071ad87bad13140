"""Sandbox: start the emulated estate, seed it, expose its endpoint and ground truth."""

from __future__ import annotations

import json
import os
import urllib.request
from pathlib import Path
from typing import Any

from ..aws.endpoints import adapt_client
from ..errors import SandboxError
from ..files import atomic_write_text
from ..scope import Scope
from . import saved_state, server
from .estate import load_estate
from .saved_state import StaleState
from .seed import SANDBOX_KEY, Seeder
from .truth import GroundTruth


class Sandbox:
    """An emulated AWS organization on a loopback port; a context manager, sync or async.

    ``latency_ms`` and ``throttle_rate`` shape every request; ``access_denied`` lists
    (account key or id, service) pairs answered AccessDenied; ``unassumable_accounts`` lists
    accounts whose role cannot be assumed. All can change while it runs with ``configure``,
    as can the faults of ``middleware.FaultConfig``: ``hang_rate``/``hang_seconds``,
    ``disabled_regions`` ((account key, id or "*", region) pairs), ``unreachable``
    ((service or "*", region or "*") pairs) and ``credential_ttl_seconds``.
    """

    def __init__(
        self,
        estate: str | Path | dict[str, Any] = "demo",
        *,
        port: int = 0,
        latency_ms: float = 0.0,
        throttle_rate: float = 0.0,
        access_denied: list[tuple[str, str]] | None = None,
        unassumable_accounts: list[str] | None = None,
    ) -> None:
        self.estate = load_estate(estate)
        if not 0.0 <= throttle_rate <= 1.0:
            raise SandboxError(
                f"throttle_rate must be between 0 and 1, not {throttle_rate}; give a share of "
                "requests such as 0.2."
            )
        if latency_ms < 0:
            raise SandboxError(
                f"latency_ms must not be negative, not {latency_ms}; give milliseconds such as 50."
            )
        self.port = port
        self._faults = {
            "latency_ms": latency_ms,
            "throttle_rate": throttle_rate,
            "access_denied": access_denied,
            "unassumable_accounts": unassumable_accounts,
        }
        self._process: Any = None
        self.endpoint_url = ""
        self.truth = GroundTruth()

    # -- lifecycle -------------------------------------------------------------------------
    def start(self) -> Sandbox:
        """Start the server with the estate: restored from the cache when it was seeded
        before (``saved_state``), else seeded through the AWS APIs and then saved."""
        saved = self._saved_paths()
        if saved is None:
            return self._start(None)
        with saved_state.exclusive(saved[0]):
            return self._start(saved)

    def _start(self, saved: tuple[Path, Path] | None) -> Sandbox:
        seed = int(self.estate.get("seed", 0))
        if saved and saved[0].exists() and saved[1].exists():
            try:
                self.truth = GroundTruth.from_json(saved[1].read_text())
                self._process, port = server.start(self.port, {"seed": seed}, str(saved[0]))
            except (StaleState, ValueError, KeyError, TypeError):
                saved[0].unlink(missing_ok=True)  # seeded afresh below, and saved again
            else:
                self.endpoint_url = f"http://{server.HOST}:{port}"
                os.utime(saved[0])  # recently used: kept by saved_state.prune
                return self._configured()
        self._process, port = server.start(self.port, {"seed": seed})
        self.endpoint_url = f"http://{server.HOST}:{port}"
        try:
            self._post("/moto-api/seed?a=" + str(seed), b"")
            # through JSON, as a restored start reads it, so that both give the same values
            self.truth = GroundTruth.from_json(
                Seeder(self.endpoint_url, self.estate).run().to_json()
            )
            if saved:
                self._post("/_sandbox/state", json.dumps({"path": str(saved[0])}).encode())
                atomic_write_text(saved[1], self.truth.to_json())
                saved_state.prune(saved[0].parent)
        except BaseException as exc:
            self.stop()
            if isinstance(exc, SandboxError | KeyboardInterrupt):
                raise
            raise SandboxError(
                f"Seeding the sandbox estate failed ({type(exc).__name__}: {exc})."
            ) from exc
        return self._configured()

    def _saved_paths(self) -> tuple[Path, Path] | None:
        """(saved estate, its ground truth) in the cache, or None when caching is off."""
        folder = saved_state.cache_dir()
        if folder is None:
            return None
        key = saved_state.state_key(self.estate)
        return folder / f"{key}.pickle", folder / f"{key}.truth.json"

    def _configured(self) -> Sandbox:
        """Apply the faults asked for (or the estate's own) and start counting afresh."""
        try:
            estate_faults = self.truth.faults
            self.configure(
                latency_ms=self._faults["latency_ms"],
                throttle_rate=self._faults["throttle_rate"],
                access_denied=self._faults["access_denied"]
                if self._faults["access_denied"] is not None
                else estate_faults.get("access_denied", []),
                unassumable_accounts=self._faults["unassumable_accounts"]
                if self._faults["unassumable_accounts"] is not None
                else estate_faults.get("unassumable_accounts", []),
            )
            home = self.truth.identity_center.get("region", "")
            self.configure(
                identity_center_regions={
                    account: home if account == self.truth.management_account else ""
                    for account in self.truth.account_ids
                }
            )
            self.reset_counts()
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """End the server within about a second and release its port."""
        if self._process is not None:
            server.stop(self._process)
            self._process = None

    def __enter__(self) -> Sandbox:
        return self.start()

    def __exit__(self, *exc_info: Any) -> None:
        self.stop()

    async def __aenter__(self) -> Sandbox:
        import asyncio

        return await asyncio.to_thread(self.start)

    async def __aexit__(self, *exc_info: Any) -> None:
        import asyncio

        await asyncio.to_thread(self.stop)

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    # -- use -------------------------------------------------------------------------------
    def scope(self, **changes: Any) -> Scope:
        """A Scope for the whole emulated organization in the estate's regions."""
        options: dict[str, Any] = {
            "accounts": "organization",
            "regions": list(self.truth.regions),
            "endpoint_url": self.endpoint_url,
            "credentials": SANDBOX_KEY,
        }
        options.update(changes)
        return Scope(**options)

    def boto3_session(self, account: str | None = None) -> Any:
        """A plain boto3 session for the management account, or one assumed into ``account``."""
        import boto3

        session = boto3.Session(
            aws_access_key_id=SANDBOX_KEY[0],
            aws_secret_access_key=SANDBOX_KEY[1],
            region_name=self.truth.regions[0],
        )
        if account is None or account == self.truth.management_account:
            return session
        account_id = account if account.isdigit() else self.truth.account_id(account)
        creds = self.client(session, "sts").assume_role(
            RoleArn=f"arn:aws:iam::{account_id}:role/OrganizationAccountAccessRole",
            RoleSessionName="truth",
        )["Credentials"]
        return boto3.Session(
            aws_access_key_id=creds["AccessKeyId"],
            aws_secret_access_key=creds["SecretAccessKey"],
            aws_session_token=creds["SessionToken"],
            region_name=self.truth.regions[0],
        )

    def client(self, session: Any, service: str, region: str | None = None) -> Any:
        from botocore.config import Config

        return adapt_client(
            session.client(
                service,
                region_name=region or self.truth.regions[0],
                endpoint_url=self.endpoint_url,
                config=Config(s3={"addressing_style": "path"}, inject_host_prefix=False),
            )
        )

    def configure(self, **changes: Any) -> dict[str, Any]:
        """Change faults while running: latency_ms, throttle_rate, access_denied, ..."""
        if "access_denied" in changes:
            changes["access_denied"] = [
                [self._account_id(account), service]
                for account, service in changes["access_denied"] or []
            ]
        if "unassumable_accounts" in changes:
            changes["unassumable_accounts"] = [
                self._account_id(a) for a in changes["unassumable_accounts"] or []
            ]
        if "disabled_regions" in changes:
            changes["disabled_regions"] = [
                [self._account_id(account), region]
                for account, region in changes["disabled_regions"] or []
            ]
        if "unreachable" in changes:
            changes["unreachable"] = [list(pair) for pair in changes["unreachable"] or []]
        return json.loads(self._post("/_sandbox/config", json.dumps(changes).encode()))

    def request_counts(self, by_account: bool = False, by_region: bool = False) -> dict[str, int]:
        """Requests served per operation ("s3.ListBuckets": 3), since start or the last reset;
        per account and operation ("1234...:s3.ListBuckets"), or per account and region
        ("1234...:eu-west-1")."""
        answer = json.loads(self._get("/_sandbox/counts"))
        return answer["by_region" if by_region else "by_account" if by_account else "operations"]

    def fault_counts(self) -> dict[str, int]:
        """Faults injected since start or the last reset, in all ("throttled") and per service
        ("throttled:ec2"): throttled, hung, unreachable, region_not_enabled, expired."""
        return json.loads(self._get("/_sandbox/counts"))["faults"]

    def reset_counts(self) -> None:
        self._request("/_sandbox/counts", None, "DELETE")

    def _account_id(self, account: str) -> str:
        return account if account.isdigit() or account == "*" else self.truth.account_id(account)

    def _get(self, path: str) -> bytes:
        return self._request(path, None, "GET")

    def _post(self, path: str, body: bytes) -> bytes:
        return self._request(path, body, "POST")

    def _request(self, path: str, body: bytes | None, method: str) -> bytes:
        request = urllib.request.Request(self.endpoint_url + path, data=body, method=method)
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.read()
