"""A report folder is written only where it is: planted links are removed, not followed; no stale figure
survives; a title is never mathtext; the GraphML export is valid XML whatever the names hold; long ids get
page names a file system takes; a report whose tables cannot be written stops in one line, before extraction."""
import io
import subprocess
import sys
import xml.etree.ElementTree as ElementTree

import matplotlib
import networkx as nx
import pytest

from helpers import alliances, load_corpus, plots
from helpers.pages import article_filename
from helpers.report import notebooks, prepare_report_dir

from .conftest import ROOT, SEED

matplotlib.use("Agg")


def test_links_planted_in_a_report_folder_are_removed_not_followed(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    report = tmp_path / "reports" / "x"
    (report / "notebooks").mkdir(parents=True)
    planted = report / "notebooks" / notebooks()[0].name
    planted.symlink_to(victim)
    (report / "articles").symlink_to(elsewhere, target_is_directory=True)
    prepare_report_dir(report)
    assert not planted.exists() and not planted.is_symlink() and not (report / "articles").is_symlink()
    assert victim.read_text() == "precious" and elsewhere.is_dir()


def test_figures_of_an_earlier_report_are_removed(tmp_path):
    figures = tmp_path / "exports" / "figures"
    figures.mkdir(parents=True)
    (figures / "old-figure.png").write_bytes(b"png")
    (figures / "old-figure.svg").write_text("<svg/>")
    prepare_report_dir(tmp_path)
    assert list(figures.iterdir()) == []


def test_a_title_with_mathtext_is_drawn_as_text():
    corpus = load_corpus(SEED, progress=False)
    for figure in (plots.timeline(corpus.timeline, published=str(corpus.articles.published[0]),
                                  title=r"Timeline: $\foo{x}$ and $$ and $"),
                   plots.chronology(corpus.articles, corpus.timeline, title=r"$\frac{$")):
        figure = getattr(figure, "figure", figure)
        figure.savefig(io.BytesIO(), format="png")
        matplotlib.pyplot.close("all")


def test_graphml_is_valid_xml_whatever_the_names_hold(tmp_path):
    graph = nx.MultiDiGraph()
    graph.add_node("bad\x1bname", name="nul\x00 bell\x07 \udcff", kinds=["a\x0b", "b"])
    graph.add_node("ok", name="fine")
    graph.add_edge("bad\x1bname", "ok", key="k\x01", relation="backs")
    path = tmp_path / "graph.graphml"
    alliances.write_graphml(graph, path)
    ElementTree.parse(path)
    assert "bad\\x1bname" in path.read_text(encoding="utf-8")


def test_long_and_odd_ids_get_page_names_a_file_system_takes():
    names = {article_filename(article_id) for article_id in ("a" * 300, "a" * 301, "what?#\nnext", "x/../y")}
    assert len(names) == 4
    assert all(len(name.encode()) <= 255 and "/" not in name and "#" not in name and "?" not in name for name in names)


def test_a_report_whose_tables_folder_is_a_file_stops_in_one_line_before_extraction(tmp_path):
    (tmp_path / "r" / "exports").mkdir(parents=True)
    (tmp_path / "r" / "exports" / "tables").write_text("not a folder")
    run = subprocess.run([sys.executable, "-m", "helpers.report", "--articles", str(SEED), "--out", str(tmp_path / "r")],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert run.returncode == 1
    assert run.stderr == (f"error: cannot write the report's tables to {tmp_path / 'r' / 'exports' / 'tables'}: "
                          "is a file, not a folder\n")
