"""Bad input, through the command line and the Python API: each mistake is one clear sentence
naming the problem and the fix, exit status 2, no traceback, and nothing half-written.

With tests/integration/test_cli.py (10 cases) and test_checks_cli.py (4), this makes well over
25 cases. No case here needs an AWS endpoint: every mistake is caught before the first call.
(Report parameters are issue 7's: only an unknown report is tried here.)
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from reliability_helpers import TOOLKIT, files_under

import toolkit
from toolkit.cli import main
from toolkit.collectors import REGISTRY
from toolkit.errors import SandboxError, SnapshotError, ToolkitError, UsageError
from toolkit.inventory import MANIFEST, Inventory

DEAD = "http://127.0.0.1:9"  # nothing listens there; no case gets that far
#: Words that introduce the fix in a sentence.
FIX_WORDS = (
    "use ",
    "give ",
    "choose",
    "run ",
    "fix ",
    "name ",
    "see ",
    "collect it again",
    "write ",
    "pass ",
    "allowed ",
    "takes ",
    "not both",
    "such as",
)


def make_inputs(root: Path) -> None:
    """The bad files the cases name, written before each case."""
    (root / "unknown-key.yaml").write_text("regions: [us-east-1]\nbogus: 1\n")
    (root / "not-yaml.yaml").write_text("regions: [us-east-1\n  : :\n")
    (root / "wrong-type.yaml").write_text("regions: us-east-1\n")
    mutes = {"check": "s3_bucket_public_acl", "reason": "website", "expires": "2099-01-01"}
    (root / "mutes-bad-pattern.yaml").write_text(yaml.safe_dump([{**mutes, "resource": "web-["}]))
    (root / "mutes-unknown-key.yaml").write_text(yaml.safe_dump([{**mutes, "owner": "me"}]))
    (root / "mutes-bad-date.yaml").write_text(yaml.safe_dump([{**mutes, "expires": "soon"}]))
    (root / "mutes-not-yaml.yaml").write_text("- check: [\n")
    frames = {name: REGISTRY[name].empty() for name in ("s3.buckets", "iam.users")}
    for name in ("corrupt", "incompatible", "truncated", "escaping"):
        Inventory(frames).save(root / name)
    (root / "corrupt" / MANIFEST).write_text('{"format": 1, "tables": ')
    manifest = json.loads((root / "incompatible" / MANIFEST).read_text())
    (root / "incompatible" / MANIFEST).write_text(json.dumps({**manifest, "format": 99}))
    parquet = root / "truncated" / "s3.buckets.parquet"
    parquet.write_bytes(parquet.read_bytes()[:100])
    manifest["tables"]["s3.buckets"]["file"] = "../unknown-key.yaml"
    (root / "escaping" / MANIFEST).write_text(json.dumps(manifest))
    (root / "a-file").write_text("not a directory")
    (root / "not-a-snapshot").mkdir()
    (root / "not-a-snapshot" / "notes.txt").write_text("mine")


COLLECT = ["collect", "--endpoint-url", DEAD, "--no-progress"]
RUN = ["checks", "run", "-o", "findings.csv", "--no-progress"]

#: (case, argv, words the one line must hold: the problem, then the fix)
CLI_CASES: list[tuple[str, list[str], tuple[str, ...]]] = [
    ("estate with an unknown key", ["sandbox", "--estate", "unknown-key.yaml"],
     ("unknown key 'bogus'", "allowed keys are")),
    ("estate that is not YAML", ["sandbox", "--estate", "not-yaml.yaml"],
     ("not readable YAML", "fix the file")),
    ("estate value of the wrong type", ["sandbox", "--estate", "wrong-type.yaml"],
     ("regions must be a list", "fix the estate file")),
    ("unknown bundled estate", ["sandbox", "--estate", "atlantis"],
     ("Unknown estate 'atlantis'", "use one of demo")),
    ("throttle rate above 1", ["sandbox", "--throttle-rate", "1.5"],
     ("between 0 and 1", "give a share")),
    ("corrupt snapshot", [*RUN, "--snapshot", "corrupt"],
     ("unreadable or corrupt", "collect it again")),
    ("snapshot of another version", [*RUN, "--snapshot", "incompatible"],
     ("format 99", "collect it again")),
    ("truncated snapshot file", [*RUN, "--snapshot", "truncated"],
     ("unreadable or corrupt", "collect it again")),
    ("snapshot naming a file outside itself", [*RUN, "--snapshot", "escaping"],
     ("outside itself", "collect it again")),
    ("snapshot that is a file", [*RUN, "--snapshot", "a-file"],
     ("is not a snapshot", "give a directory")),
    ("mutes with a bad pattern", [*RUN, "--snapshot", "truncated", "--mutes", "mutes-bad-pattern.yaml"],
     ("bad resource pattern 'web-['", "use * and ? wildcards")),
    ("mutes with an unknown key", [*RUN, "--snapshot", "corrupt", "--mutes", "mutes-unknown-key.yaml"],
     ("unknown key(s) owner", "each entry takes")),
    ("mutes with a bad date", [*RUN, "--snapshot", "corrupt", "--mutes", "mutes-bad-date.yaml"],
     ("expires 'soon'", "write a date")),
    ("mutes that are not YAML", [*RUN, "--snapshot", "corrupt", "--mutes", "mutes-not-yaml.yaml"],
     ("not valid YAML", "fix the file")),
    ("snapshot and an endpoint at once", [*RUN, "--snapshot", "corrupt", "--endpoint-url", DEAD],
     ("either --snapshot or where to collect from", "not both")),
    ("unknown check service", ["checks", "list", "--service", "s4"],
     ("No check for service 's4'", "run 'toolkit checks list'")),
    ("endpoint that is not a URL", [*COLLECT[:1], "--endpoint-url", "ftp://x", "-o", "snap"],
     ("is not a URL", "give it as http(s)://host:port")),
    ("no requests in flight", [*COLLECT, "--max-concurrency", "0", "-o", "snap"],
     ("max_concurrency must be a positive whole number", "give a number")),
    ("read timeout of zero", [*COLLECT, "--read-timeout", "0", "-o", "snap"],
     ("read_timeout must be a positive number", "give one")),
    ("no attempt at all", [*COLLECT, "--max-attempts", "0", "-o", "snap"],
     ("max_attempts must be a whole number from 1 to 20", "give one")),
    ("output directory that is not a snapshot", [*COLLECT, "-o", "not-a-snapshot"],
     ("exists and is not a snapshot", "choose an empty or new directory")),
    ("services and tables that do not meet", [*COLLECT, "--services", "s3", "--tables", "ec2.vpcs", "-o", "snap"],
     ("No table matches both",)),
    ("account id of 11 digits", [*COLLECT, "--accounts", "12345678901", "-o", "snap"],
     ("Malformed account id '12345678901'", "use 'organization'")),
    ("argument of the wrong type", [*COLLECT, "--max-concurrency", "many", "-o", "snap"],
     ("invalid int value: 'many'", "see 'toolkit collect --help'")),
    ("unknown command", ["inventory"], ("invalid choice: 'inventory'", "see 'toolkit --help'")),
    ("unknown report", ["report", "quarterly", "-o", "out"],
     ("Unknown report 'quarterly'", "choose from")),
]  # fmt: skip
#: Cases also run as a real process, to see exit status and stderr as a shell does.
IN_A_PROCESS = {
    "estate with an unknown key",
    "corrupt snapshot",
    "argument of the wrong type",
    "output directory that is not a snapshot",
}


def assert_one_clear_line(err: str, words: tuple[str, ...], case: str) -> None:
    assert "Traceback" not in err, (case, err)
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, (case, err)
    line = lines[0]
    assert line.startswith("toolkit: error: "), (case, line)
    for word in words:
        assert word in line, (case, word, line)
    assert any(w in line.lower() for w in FIX_WORDS) or len(words) == 1, (case, line)


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    make_inputs(tmp_path)
    monkeypatch.chdir(tmp_path)
    for key in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-aws-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-aws-credentials"))
    return tmp_path


@pytest.mark.parametrize("case, argv, words", CLI_CASES, ids=[c[0] for c in CLI_CASES])
def test_cli_mistake(case, argv, words, workdir: Path, capsys) -> None:
    before = files_under(workdir)
    try:
        status = main(argv)
    except SystemExit as exit_:  # argparse's own mistakes
        status = exit_.code
    out, err = capsys.readouterr()
    assert status == 2, (case, out, err)
    assert_one_clear_line(err, words, case)
    assert files_under(workdir) == before, case  # nothing written, nothing half-written


@pytest.mark.parametrize("case", sorted(IN_A_PROCESS))
def test_cli_mistake_in_a_process(case, workdir: Path, clean_env: dict[str, str]) -> None:
    argv, words = next((a, w) for c, a, w in CLI_CASES if c == case)
    before = files_under(workdir)
    done = subprocess.run(
        TOOLKIT + argv, cwd=workdir, env=clean_env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2, (case, done.stdout, done.stderr)
    assert_one_clear_line(done.stderr, words, case)
    assert files_under(workdir) == before, case


def _collect(**options: Any) -> Callable[[], Any]:
    def run() -> Any:
        scope = toolkit.Scope(endpoint_url=DEAD, credentials=("testing", "testing"))
        return toolkit.collect_sync(scope, progress=False, **options)

    return run


def _load(name: str) -> Callable[[], Any]:
    return lambda: Inventory.load(name)


def _sandbox(estate: Any = "demo", **options: Any) -> Callable[[], Any]:
    from toolkit.sandbox import Sandbox

    return lambda: Sandbox(estate, **options)  # fails before anything starts


def _mutes(name: str) -> Callable[[], Any]:
    from toolkit.checks.mutes import load_mutes

    return lambda: load_mutes(name)


#: (case, what to call, the error it raises, words its sentence must hold)
API_CASES: list[tuple[str, Callable[[], Any], type[ToolkitError], tuple[str, ...]]] = [
    ("unknown region", lambda: toolkit.Scope(regions=["us-nowhere-1"]), UsageError,
     ("Unknown region 'us-nowhere-1'", "use region codes")),
    ("malformed account id", lambda: toolkit.Scope(accounts=["12-34"]), UsageError,
     ("Malformed account id '12-34'", "12 digits")),
    ("negative read timeout", lambda: toolkit.Scope(read_timeout=-1), UsageError,
     ("read_timeout must be a positive number", "give one")),
    ("unknown service", _collect(services=["s4"]), UsageError,
     ("Unknown service 's4'", "choose from")),
    ("unknown table", _collect(tables=["s3.bucket"]), UsageError,
     ("Unknown table 's3.bucket'", "run 'toolkit collect --list-tables'")),
    ("unknown table through its collector", lambda: toolkit.collect_sync(
        toolkit.Scope(endpoint_url=DEAD), tables="s3.everything", progress=False), UsageError,
     ("Unknown table 's3.everything'",)),
    ("profile that does not exist", lambda: toolkit.collect_sync(
        toolkit.Scope(profile="no-such-profile"), progress=False), UsageError,
     ("'no-such-profile' does not exist", "name one from ~/.aws/config")),
    ("corrupt snapshot", _load("corrupt"), SnapshotError,
     ("unreadable or corrupt", "collect it again")),
    ("snapshot of another version", _load("incompatible"), SnapshotError,
     ("format 99", "collect it again")),
    ("snapshot naming a file outside itself", _load("escaping"), SnapshotError,
     ("outside itself", "collect it again")),
    ("missing snapshot", _load("nowhere"), SnapshotError,
     ("is not a snapshot", "give a directory")),
    ("mutes with a bad pattern", _mutes("mutes-bad-pattern.yaml"), UsageError,
     ("bad resource pattern", "use * and ? wildcards")),
    ("estate with an unknown key", _sandbox({"regions": ["us-east-1"], "bogus": 1}), UsageError,
     ("unknown key 'bogus'", "allowed keys are")),
    ("estate with a nested unknown key", _sandbox(
        {"organization": {"management": {"key": "m", "colour": "red"}}}), UsageError,
     ("unknown key 'colour' at organization.management", "allowed keys are")),
    ("negative sandbox latency", _sandbox(latency_ms=-5), SandboxError,
     ("latency_ms must not be negative", "give milliseconds")),
    ("unknown check", lambda: toolkit.run_checks(Inventory({}), checks=["s3_nope"]), UsageError,
     ("Unknown check",)),
    ("save over a directory that is not a snapshot",
     lambda: Inventory({}).save("not-a-snapshot"), UsageError,
     ("exists and is not a snapshot", "choose an empty or new directory")),
]  # fmt: skip


@pytest.mark.parametrize("case, call, error, words", API_CASES, ids=[c[0] for c in API_CASES])
def test_api_mistake(case, call, error, words, workdir: Path) -> None:
    before = files_under(workdir)
    with pytest.raises(error) as raised:
        call()
    sentence = str(raised.value)
    assert "\n" not in sentence and sentence.endswith((".", ")")), (case, sentence)
    for word in words:
        assert word in sentence, (case, word, sentence)
    assert files_under(workdir) == before, case


def test_there_are_at_least_25_cases() -> None:
    existing = 10 + 4  # tests/integration/test_cli.py, test_checks_cli.py
    assert existing + len(CLI_CASES) + len(API_CASES) >= 25
    assert len({c[0] for c in CLI_CASES}) == len(CLI_CASES)
