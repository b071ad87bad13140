"""The sandbox's patches to moto still meet the moto they patch: an upgrade that moves a name
fails here instead of silently making every start slow again."""

from __future__ import annotations

import json
from pathlib import Path

from toolkit.sandbox import moto_speedups


def test_the_patched_names_exist_in_moto() -> None:
    from moto.core import responses
    from moto.ec2.models import amis
    from moto.iam import aws_managed_policies, models

    assert callable(models.get_account_id_from)
    assert callable(models.IAMBackend._init_aws_policies)
    assert isinstance(aws_managed_policies.aws_managed_policies_data, str)
    assert "get_account_id_from" in Path(responses.__file__).read_text()
    assert "MOTO_AMIS_PATH" in Path(amis.__file__).read_text()
    from moto import backends
    from moto.core import base_backend, utils

    assert (
        "list_of_moto_modules()"
        in Path(backends.__file__).parent.joinpath("moto_server", "werkzeug_app.py").read_text()
    )
    assert "create_loader()" in Path(utils.__file__).read_text()
    generate = base_backend.AccountSpecificBackend._generate_regions
    assert callable(generate.__wrapped__)  # moto's lru_cache, per backend instance


def test_the_short_image_list_holds_amazon_images() -> None:
    images = json.loads(Path(moto_speedups.amis_path()).read_text())
    assert images and all(image["ami_id"].startswith("ami-") for image in images)
    assert all(image["state"] == "available" for image in images)
