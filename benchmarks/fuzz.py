"""The property tests as a long search, outside CI: example counts, seed and failures.

Run from the project folder::

    .venv/bin/python -m benchmarks.fuzz [--profile long] [--seed N] [-k EXPRESSION]

It runs ``tests/test_properties.py`` and ``tests/test_properties_hostile.py``
under a hypothesis profile (``long``: 20,000 examples per property, fewer for
the properties that write files or parse large texts; see tests/conftest.py),
from one seed, and prints for each property the examples tried, then the
total, the seed, the failures and the command that reruns the same examples.
``-k`` picks properties as pytest does (e.g. ``-k "front_matter or split"``).
The exit status is 1 when a property failed.
"""
from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROPERTY_FILES = ["tests/test_properties.py", "tests/test_properties_hostile.py"]
STATISTICS = re.compile(r"^(?P<test>tests/\S+::\S+):\s*$|^\s*- (?P<passing>\d+) passing examples?, "
                        r"(?P<failing>\d+) failing examples?, (?P<invalid>\d+) invalid examples?", re.MULTILINE)


def run(profile: str, seed: int, expression: str | None) -> dict:
    """Run the properties in a child pytest; the examples per property, the failed tests and pytest's status."""
    command = [sys.executable, "-m", "pytest", *PROPERTY_FILES, "-q", "-p", "no:cacheprovider",
               "--hypothesis-show-statistics", "-rf"]
    if expression:
        command += ["-k", expression]
    environment = dict(os.environ, HYPOTHESIS_PROFILE=profile, HYPOTHESIS_SEED=str(seed))
    done = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True)
    examples, current = {}, None
    for match in STATISTICS.finditer(done.stdout):
        if match["test"]:
            current = match["test"].split("::")[-1]
        elif current and current not in examples:   # the generate phase's line (shrinking adds more)
            examples[current] = int(match["passing"]) + int(match["failing"])
    failed = sorted(set(re.findall(r"^FAILED (\S+)", done.stdout, re.MULTILINE)))
    return {"examples": examples, "failed": failed, "status": done.returncode, "output": done.stdout + done.stderr}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.fuzz", description=__doc__.split("\n\n")[0])
    parser.add_argument("--profile", default="long", choices=["dev", "ci", "long"], help="hypothesis profile")
    parser.add_argument("--seed", type=int, default=None, help="the seed (default: a random one, printed)")
    parser.add_argument("-k", dest="expression", default=None, help="pick properties, as pytest -k does")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2 ** 32)
    result = run(args.profile, seed, args.expression)
    if not result["examples"] and result["status"] not in (0, 1):
        print(result["output"][-3000:], file=sys.stderr)
        print(f"error: pytest ended with status {result['status']}", file=sys.stderr)
        return 2
    width = max(len(name) for name in result["examples"]) if result["examples"] else 10
    print(f"profile {args.profile}, seed {seed}")
    for name, count in result["examples"].items():
        print(f"  {name:<{width}}  {count:>7,} examples")
    total = sum(result["examples"].values())
    print(f"examples: {total:,}; properties: {len(result['examples'])}; failures: {len(result['failed'])}")
    for failure in result["failed"]:
        print(f"  FAILED {failure}")
    rerun = f"HYPOTHESIS_PROFILE={args.profile} HYPOTHESIS_SEED={seed}"
    print(f"rerun: .venv/bin/python -m benchmarks.fuzz --profile {args.profile} --seed {seed}"
          + (f" -k {args.expression!r}" if args.expression else "") + f"  (or {rerun} pytest ...)")
    if result["failed"]:
        print(result["output"][-6000:], file=sys.stderr)
    return 1 if result["failed"] or result["status"] not in (0, 5) else 0


if __name__ == "__main__":
    sys.exit(main())
