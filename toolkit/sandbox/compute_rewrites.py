"""moto's answers for EC2 compute resources brought to what AWS answers (hooked into
``rewrites.REWRITES``):

- ec2 DescribeSnapshots: AWS keeps only the snapshots of the owners asked for (``OwnerIds``:
  ``self``, account ids, ``amazon``); moto ignores ``OwnerIds`` and lists, in every account,
  the snapshots behind its built-in AMIs (owned by Amazon's and vendors' accounts) too. Asked
  with ``OwnerIds``, the answer keeps only the snapshots of those owners (``self`` being the
  caller's account; ``amazon`` matching no account here, as none of the sandbox's is Amazon's).
- ec2 CreateSnapshot: the snapshot of an encrypted volume is encrypted with the volume's KMS
  key, which AWS names in the snapshot's ``KmsKeyId``; moto keeps no key on the snapshot. The
  key is set on moto's record of the new snapshot (so every later answer names it) and in the
  answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .protocols import RequestInfo


def top_level_items(xml: str) -> list[str]:
    """The outermost ``<item>...</item>`` elements of ``xml`` (a set's content), each whole
    with the items nested in it (a snapshot's tags)."""
    items, depth, begin = [], 0, 0
    for tag in re.finditer(r"</?item>", xml):
        if tag.group(0) == "<item>":
            if depth == 0:
                begin = tag.start()
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                items.append(xml[begin : tag.end()])
    return items


def _owned_snapshots(info: RequestInfo, account: str, body: bytes) -> bytes:
    owners = {
        account if value == "self" else value
        for key, value in info.params.items()
        if re.fullmatch(r"Owner(Id)?\.\d+", key)
    }
    if not owners:
        return body
    text = body.decode()
    start, end = text.find("<snapshotSet>"), text.rfind("</snapshotSet>")
    if start < 0 or end < 0:
        return body
    inner = text[start + len("<snapshotSet>") : end]
    kept = "".join(
        item
        for item in top_level_items(inner)
        if (owner := re.search(r"<ownerId>([^<]*)</ownerId>", item)) and owner.group(1) in owners
    )
    return (text[: start + len("<snapshotSet>")] + kept + text[end:]).encode()


def _snapshot_key(info: RequestInfo, account: str, body: bytes) -> bytes:
    from moto.ec2.models import ec2_backends

    text = body.decode()
    found = re.search(r"<snapshotId>([^<]+)</snapshotId>", text)
    held = ec2_backends[account][info.region].snapshots.get(found.group(1)) if found else None
    volume = getattr(held, "volume", None)
    key = getattr(volume, "kms_key_id", None)
    if held is None or held.kms_key_id or not key or not held.encrypted:
        return body
    held.kms_key_id = key
    return text.replace("</snapshotId>", f"</snapshotId><kmsKeyId>{key}</kmsKeyId>", 1).encode()


REWRITES: dict[str, Callable[[RequestInfo, str, bytes], bytes]] = {
    "ec2.DescribeSnapshots": _owned_snapshots,
    "ec2.CreateSnapshot": _snapshot_key,
}
