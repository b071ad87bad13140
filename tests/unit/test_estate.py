from __future__ import annotations

import pytest

from toolkit.errors import UsageError
from toolkit.sandbox.estate import account_keys, load_estate


def test_demo_estate_is_valid_and_rich_enough() -> None:
    estate = load_estate("demo")
    keys = account_keys(estate)
    assert len(keys) >= 6 and len(set(keys)) == len(keys)
    assert set(estate["regions"]) == {"us-east-1", "eu-west-1"}
    sso = estate["identity_center"]
    assert len(sso["permission_sets"]) >= 4 and len(sso["assignments"]) >= 10
    assert any("user" in a for a in sso["assignments"])


@pytest.mark.parametrize(
    "estate, message",
    [
        ({"regions": ["us-east-1"], "colour": "blue"}, "unknown key 'colour' at the top level"),
        (
            {"organization": {"ous": [{"name": "A", "acounts": []}]}},
            "unknown key 'acounts' at organization.ous[0]",
        ),
        ({"regions": "us-east-1"}, "regions must be a list"),
        ({"accounts": {"nobody": {}}}, "names no account"),
        ({"accounts": {"x": {"buckets": [{"name": "b", "versioning": "yes"}]}}}, "must be a bool"),
        (
            {"access_truth": {"paths": [{"start": "a", "steps": [{"from": "b", "to": "c"}]}]}},
            "access_truth.paths[0] must have steps, the first from its start",
        ),
        (
            {"access_truth": {"blocked": [{"start": "a", "method": "m", "blocked_by": "luck"}]}},
            "access_truth.blocked[0].blocked_by must be one of scp, boundary",
        ),
        (
            {
                "access_truth": {
                    "who_can": [{"action": "s3:GetObject", "principals": {"*": "maybe"}}]
                }
            },
            "access_truth.who_can[0] answers 'maybe'",
        ),
    ],
)
def test_bad_estates_are_named(estate, message) -> None:
    with pytest.raises(UsageError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_estate(estate)


def test_unknown_estate_name_and_missing_file(tmp_path) -> None:
    with pytest.raises(UsageError, match="Unknown estate 'nope'; use one of demo"):
        load_estate("nope")
    with pytest.raises(UsageError, match="does not exist"):
        load_estate(tmp_path / "missing.yaml")
    broken = tmp_path / "broken.yaml"
    broken.write_text("regions: [unclosed")
    with pytest.raises(UsageError, match="not readable YAML"):
        load_estate(broken)
