"""The one vocabulary and its loader: shared words defined once, read by every module, shipped inside the package."""
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
import yaml

from helpers import vocabulary
from helpers.actors import load_lexicon as actor_lexicon
from helpers.claims import load_lexicon as attribution_lexicon
from helpers.relations import load_lexicon as relation_lexicon
from helpers.timex_rules import load_rules

ROOT = Path(__file__).resolve().parents[1]
LEXICONS = ("actors", "attribution", "relations", "timex")


@pytest.mark.parametrize("name", LEXICONS)
def test_no_module_lexicon_redefines_a_shared_key(name):
    raw = yaml.safe_load(vocabulary.data_file("lexicons", f"{name}.yaml").read_text(encoding="utf-8"))
    assert not set(raw) & set(vocabulary.SHARED_KEYS)
    assert vocabulary.lexicon(name) == raw


def test_every_module_reads_the_shared_words():
    shared = vocabulary.shared()
    assert shared.titles <= actor_lexicon()["person_titles"]
    assert shared.role_words <= actor_lexicon()["person_roles"]
    assert shared.speech_verbs <= attribution_lexicon().cue_verbs
    assert shared.speech_verbs == load_rules().words["reporting_verbs"]
    assert shared.negation_words == attribution_lexicon().negation_words == relation_lexicon()["negation_words"]
    roles = relation_lexicon()["person_roles"]
    assert {word for word, relation in shared.person_roles.items() if relation} == set(roles)
    assert roles["spokesman"].relation == "member_of" and roles["leader"].relation == "leads"


def test_a_role_without_a_relation_still_makes_a_person():
    shared = vocabulary.shared()
    assert shared.person_roles["analyst"] is None
    assert "analyst" in actor_lexicon()["person_roles"]
    assert "analyst" not in relation_lexicon()["person_roles"]


def test_yaml_no_stays_a_word():
    # YAML 1.1 reads a bare `no` as False; a negation list must still hold "no".
    assert "no" in vocabulary.words([False, "not"])
    assert "no" in vocabulary.shared().negation_words


def test_a_broken_data_file_is_one_line_naming_it(monkeypatch, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("key: [unclosed\n", encoding="utf-8")
    monkeypatch.setattr(vocabulary, "data_file", lambda *parts: broken)
    with pytest.raises(ValueError) as raised:
        vocabulary.read_yaml("lexicons", "broken.yaml")
    message = str(raised.value)
    assert "broken.yaml" in message and "\n" not in message


def test_the_fingerprint_covers_every_data_file():
    names = {item.name for item in vocabulary.data_files()}
    assert {"vocabulary.yaml", "actors.yaml", "attribution.yaml", "relations.yaml", "timex.yaml",
            "seats_of_government.yaml"} <= names
    assert len(vocabulary.fingerprint()) == 16


def test_a_wheel_install_finds_its_data_and_extracts_an_article(tmp_path):
    """`pip install .` into a fresh environment, then extract one article there, away from the checkout."""
    env_dir = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env_dir)], check=True)
    site = Path(sysconfig.get_path("purelib", vars={"base": str(env_dir), "platbase": str(env_dir)}))
    # The heavy dependencies (spaCy, pandas) come from the project's environment as plain paths, so its
    # editable link to this checkout is not loaded.
    (site / "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    source = tmp_path / "source"   # a copy, so that the build leaves nothing in the checkout
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "helpers", source / "helpers", ignore=shutil.ignore_patterns("__pycache__"))
    # --ignore-installed: pip must not uninstall the project from the environment running the tests
    install = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--ignore-installed",
                              "--prefix", str(env_dir), str(source)], capture_output=True, text=True)
    assert install.returncode == 0, install.stderr[-2000:]
    article = tmp_path / "articles" / "2024-05-01-test.md"
    article.parent.mkdir()
    article.write_text("---\ntitle: A test\npublished: 2024-05-01\n---\n"
                       "The Syrian army said on Tuesday that it had retaken the town of Palmyra from Islamic State "
                       "fighters. \"We will not stop,\" said General Ali Ahmed, an army spokesman.\n", encoding="utf-8")
    python = env_dir / "bin" / "python"
    where = subprocess.run([str(python), "-c", "import helpers; print(helpers.__file__)"], cwd=tmp_path,
                           capture_output=True, text=True, check=True)
    assert where.stdout.strip().startswith(str(site)), where.stdout
    out = tmp_path / "tables"
    run = subprocess.run([str(python), "-m", "helpers", "extract", str(article.parent), "--out", str(out), "--no-cache"],
                         cwd=tmp_path, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": ""})
    assert run.returncode == 0, run.stderr[-2000:]
    actors = (out / "actors.csv").read_text(encoding="utf-8")
    assert "Islamic State" in actors or "ISIS" in actors
    assert "Syria" in actors
    assert (out / "timeline.csv").read_text(encoding="utf-8").count("\n") >= 2
