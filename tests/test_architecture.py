"""The package's layout is the pipeline (see ``helpers/__init__.py`` and the README's "How the code is organised"):
imports only go down the layers, no module imports itself in a circle, no module is over 800 lines, no private
name crosses a module border, each public function or class is defined once, and the tests mirror the layout.

Imports are read from the source with ``ast`` (lazy imports inside functions included), so nothing is executed.
The checker itself is tested on a small package built to break every rule.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import ROOT

#: Layer of each top-level module or package of ``helpers``; an import may only go to the same layer or lower.
LAYERS = {"__init__": 0, "config": 0, "parallel": 0, "tables": 0, "knowledge": 0, "files": 0, "cache": 0, "versions": 0, "corpus": 1, "extract": 2, "annotate": 3,
          "analysis": 4, "report": 5, "__main__": 6}
MAX_LINES = 800
TEST_FOLDERS = {"corpus", "extract", "annotate", "analysis", "report"}


def modules(package: Path) -> dict[str, Path]:
    """Dotted module name -> file, for every ``.py`` file of ``package`` (``pkg/__init__.py`` is ``pkg``)."""
    out = {}
    for path in sorted(package.rglob("*.py")):
        parts = list(path.relative_to(package.parent).with_suffix("").parts)
        if parts[-1] == "__init__" and len(parts) > 1:
            parts.pop()
        out[".".join(parts)] = path
    return out


def _package_of(name: str, path: Path) -> str:
    return name if path.name == "__init__.py" else name.rpartition(".")[0]


def imports(name: str, path: Path, known: dict[str, Path]) -> list[tuple[str, list[str], int]]:
    """``(target module, names imported from it, line)`` for every import of one module, inside functions too.
    ``from pkg import sub`` where ``pkg.sub`` is a module counts as an import of ``pkg.sub``."""
    root = name.split(".")[0]
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [(a.name, [], node.lineno) for a in node.names if a.name.split(".")[0] == root]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = _package_of(name, path).split(".")
                base = base[:len(base) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            if module.split(".")[0] != root:
                continue
            plain = []
            for alias in node.names:
                if f"{module}.{alias.name}" in known:
                    out.append((f"{module}.{alias.name}", [], node.lineno))
                else:
                    plain.append(alias.name)
            if plain:
                out.append((module, plain, node.lineno))
    return out


def layer(module: str) -> int:
    parts = module.split(".")
    return LAYERS.get(parts[1] if len(parts) > 1 else "__init__", 0)


def violations(package: Path) -> list[str]:
    """Every broken rule of the layout, one line each (empty when the package follows them all)."""
    known = modules(package)
    problems, graph, defined = [], {}, {}
    for name, path in known.items():
        source = path.read_text(encoding="utf-8")
        lines = source.count("\n")
        if lines > MAX_LINES:
            problems.append(f"{name}: {lines} lines (over {MAX_LINES}: split it, one clear job per module)")
        tree = ast.parse(source)
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and not node.name.startswith("_"):
                defined.setdefault(node.name, []).append(name)
        bound = {}  # local names bound to modules of the package, for `module._private` uses
        graph[name] = set()
        for target, names, line in imports(name, path, known):
            if target not in known:
                problems.append(f"{name}:{line} imports {target}, which is not a module of the package")
                continue
            if target != name:
                graph[name].add(target)
            if layer(target) > layer(name):
                problems.append(f"{name}:{line} imports {target} from a layer above")
            private = [n for n in names if n.startswith("_") and not n.startswith("__")]
            if private:
                problems.append(f"{name}:{line} imports private name(s) {', '.join(private)} from {target}")
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                for alias in node.names:
                    bound[alias.asname or alias.name] = alias.name
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in bound
                    and node.attr.startswith("_") and not node.attr.startswith("__")):
                problems.append(f"{name}:{node.lineno} uses {node.value.id}.{node.attr}, a private name of another module")
    for concept, owners in sorted(defined.items()):
        if len(owners) > 1:
            problems.append(f"{concept} is defined in {len(owners)} modules: {', '.join(owners)}")
    problems += [f"import circle: {' -> '.join(cycle)}" for cycle in circles(graph)]
    return problems


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each as a closed path of names."""
    index, low, stack, on_stack, out, counter = {}, {}, [], set(), [], [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component) + [sorted(component)[0]])

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_helpers_follow_the_layout():
    assert violations(ROOT / "helpers") == []


def test_tests_mirror_the_layout():
    tests = ROOT / "tests"
    stray = [p.relative_to(tests).as_posix() for p in tests.rglob("test_*.py")
             if p.parent.name not in TEST_FOLDERS and p != Path(__file__).resolve()]
    assert stray == [], "test files outside tests/<layer>/"
    packages = {p.name for p in (ROOT / "helpers").iterdir() if (p / "__init__.py").is_file()}
    assert packages == TEST_FOLDERS, "one tests folder per package of helpers/"
    for folder in TEST_FOLDERS:
        assert list((tests / folder).glob("test_*.py")), f"tests/{folder}/ has no tests"


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "pkg"


@pytest.mark.parametrize("files, expected", [
    ({"pkg/__init__.py": "", "pkg/corpus/__init__.py": "", "pkg/corpus/a.py": "def f():\n    from pkg.report import b\n",
      "pkg/report/__init__.py": "", "pkg/report/b.py": ""}, "pkg.corpus.a:2 imports pkg.report.b from a layer above"),
    ({"pkg/__init__.py": "", "pkg/extract/__init__.py": "", "pkg/extract/a.py": "from pkg.extract import b\n",
      "pkg/extract/b.py": "from . import a\n"}, "import circle: pkg.extract.a -> pkg.extract.b -> pkg.extract.a"),
    ({"pkg/__init__.py": "", "pkg/extract/__init__.py": "", "pkg/extract/a.py": "from pkg.extract.b import _hidden\n",
      "pkg/extract/b.py": "_hidden = 1\n"}, "pkg.extract.a:1 imports private name(s) _hidden from pkg.extract.b"),
    ({"pkg/__init__.py": "", "pkg/extract/__init__.py": "", "pkg/extract/a.py": "from pkg.extract import b\nb._hidden()\n",
      "pkg/extract/b.py": "def _hidden():\n    pass\n"}, "pkg.extract.a:2 uses b._hidden, a private name of another module"),
    ({"pkg/__init__.py": "", "pkg/corpus/__init__.py": "", "pkg/corpus/a.py": "x = 1\n" * 801},
     "pkg.corpus.a: 801 lines (over 800: split it, one clear job per module)"),
    ({"pkg/__init__.py": "", "pkg/corpus/__init__.py": "", "pkg/corpus/a.py": "def load():\n    pass\n",
      "pkg/analysis/__init__.py": "", "pkg/analysis/b.py": "def load():\n    pass\n"},
     "load is defined in 2 modules: pkg.analysis.b, pkg.corpus.a"),
])
def test_the_checker_finds_each_kind_of_break(tmp_path, files, expected):
    assert expected in violations(_write(tmp_path, files))


def test_the_checker_accepts_downward_and_lazy_imports(tmp_path):
    package = _write(tmp_path, {"pkg/__init__.py": "", "pkg/corpus/__init__.py": "", "pkg/corpus/a.py": "def f():\n    pass\n",
                                "pkg/report/__init__.py": "",
                                "pkg/report/b.py": "from pkg.corpus.a import f\n\ndef g():\n    from pkg.corpus import a\n"})
    assert violations(package) == []
