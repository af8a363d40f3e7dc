"""Issue 14 point 5: no import cycles between portal's top-level packages, nor between the modules of any of
them (notify: services <- worker <- jobs <- cli). The check is import-linter's `acyclic_siblings` contract in
.importlinter, run by scripts/lint; these tests read that contract and prove it catches a cycle, on the real
import graph with one import added and on a small synthetic graph (grimp.ImportGraph.add_import)."""
from __future__ import annotations

from pathlib import Path

import grimp
import pytest
from importlinter.api import read_configuration
from importlinter.contracts.acyclic_siblings import AcyclicSiblingsContract

ROOT = Path(__file__).resolve().parents[2]


def _contract() -> AcyclicSiblingsContract:
    config = read_configuration(str(ROOT / ".importlinter"))
    [options] = [c for c in config["contracts_options"] if c["type"] == AcyclicSiblingsContract.type_name]
    return AcyclicSiblingsContract(name=options["name"], session_options=config["session_options"],
                                   contract_options=options)


@pytest.fixture()
def graph():
    return grimp.build_graph("portal", cache_dir=None)


def _packages_in_cycles(check) -> set[str]:
    return {summary.package for summary in check.metadata["summaries"]}


def test_the_contract_covers_the_top_level_packages_and_their_modules():
    contract = _contract()
    assert [str(a) for a in contract.ancestors] == ["portal"]
    assert contract.depth >= 2  # portal's packages, the modules of each (portal.notify among them) and below


def test_the_portal_has_no_import_cycle(graph):
    check = _contract().check(graph, verbose=False)
    assert check.kept, _packages_in_cycles(check)


def test_core_importing_a_domain_is_a_cycle_between_top_level_packages(graph):
    graph.add_import(importer="portal.core.db", imported="portal.cases.models")  # cases imports core.db
    check = _contract().check(graph, verbose=False)
    assert not check.kept and _packages_in_cycles(check) == {"portal"}


def test_the_old_outbox_cycle_inside_notify_is_caught(graph):
    """Before issue 14 point 5, notify.services imported notify.jobs (its after-commit hook) and back."""
    graph.add_import(importer="portal.notify.services", imported="portal.notify.jobs")
    check = _contract().check(graph, verbose=False)
    assert not check.kept and _packages_in_cycles(check) == {"portal.notify"}


def _synthetic(*imports: tuple[str, str]) -> grimp.ImportGraph:
    graph = grimp.ImportGraph()
    for module in ("portal", "portal.notify", "portal.notify.services", "portal.notify.worker", "portal.units",
                   "portal.auth", "portal.auth.services", "portal.units.views"):
        graph.add_module(module)
    graph.add_import(importer="portal.units.views", imported="portal.auth.services")  # the contract's one ignore
    for importer, imported in imports:
        graph.add_import(importer=importer, imported=imported)
    return graph


def test_on_a_synthetic_graph_one_import_back_makes_the_cycle():
    one_way = ("portal.notify.worker", "portal.notify.services")
    assert _contract().check(_synthetic(one_way), verbose=False).kept  # (a check removes the ignored import)
    check = _contract().check(_synthetic(one_way, ("portal.notify.services", "portal.notify.worker")), verbose=False)
    assert not check.kept and _packages_in_cycles(check) == {"portal.notify"}
