"""One spelling per skill: the synonym table shared by validation, matching and reports (pure).

Real sign-ups write the same skill many ways (``Go``, ``GO``, ``Golang``, ``Go (required)``,
``JS``). :func:`normalize` folds case, punctuation, notes in parentheses and common aliases
to one name; a program adds its own aliases with ``skill_aliases:`` in ``cohort.yml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

BUILTIN_ALIASES: Mapping[str, str] = {
    "golang": "go",
    "go lang": "go",
    "js": "javascript",
    "ecmascript": "javascript",
    "vanilla js": "javascript",
    "ts": "typescript",
    "py": "python",
    "python3": "python",
    "python 3": "python",
    "node": "node.js",
    "nodejs": "node.js",
    "node js": "node.js",
    "reactjs": "react",
    "react.js": "react",
    "react js": "react",
    "vuejs": "vue",
    "vue.js": "vue",
    "postgres": "postgresql",
    "psql": "postgresql",
    "k8s": "kubernetes",
    "html5": "html",
    "css3": "css",
    "cpp": "c++",
    "csharp": "c#",
    "c sharp": "c#",
    "ml": "machine learning",
    "a11y": "accessibility",
    "gh actions": "github actions",
    "ci/cd": "ci",
    "api": "apis",
    "rest api": "apis",
    "rest apis": "apis",
    "web apis": "apis",
    "data analysis": "data",
    "data science": "data",
    "unit testing": "testing",
    "tests": "testing",
    "data viz": "visualization",
    "dataviz": "visualization",
    "data visualisation": "visualization",
    "data visualization": "visualization",
}
COMMON: frozenset[str] = frozenset(
    {
        "python", "java", "go", "rust", "ruby", "php", "kotlin", "swift", "scala", "c", "r",
        "sql", "html", "css", "javascript", "typescript", "docker", "git", "linux", "django",
        "flask", "fastapi", "spring", "android", "ios", "graphql", "rest", "apis", "testing",
        "data", "statistics", "pandas", "numpy", "accessibility", "design", "ux", "devops",
        "security", "cloud", "aws", "azure", "gcp", "terraform", "markdown", "documentation",
    }
)  # fmt: skip
# Short names that are also English words or letters: found in prose only as written here.
_CASED = {"go": ("Go", "GO"), "c": ("C",), "r": ("R",), "rest": ("REST",), "ml": ("ML",),
          "ts": ("TS",), "js": ("JS",), "design": (), "data": (), "cloud": (), "ux": ("UX",),
          "security": (), "testing": ()}  # fmt: skip
_NOTE = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_EDGE = " .,:;-_/*!?\"'`"


def normalize(name: str, aliases: Mapping[str, str] | None = None) -> str:
    """The one spelling of a skill: lower case, notes dropped, aliases resolved."""
    key = _NOTE.sub(" ", name.lower()).replace("_", " ")
    key = " ".join(key.split()).strip(_EDGE)
    extra = {_plain(k): _plain(v) for k, v in (aliases or {}).items()}
    key = extra.get(key, key)
    return extra.get(BUILTIN_ALIASES.get(key, key), BUILTIN_ALIASES.get(key, key))


def normalize_all(names: Iterable[str], aliases: Mapping[str, str] | None = None) -> frozenset[str]:
    return frozenset(n for n in (normalize(s, aliases) for s in names) if n)


def vocabulary(extra: Iterable[str] = ()) -> frozenset[str]:
    """Every skill name cohort recognises in prose: the aliases, their targets, and ``extra``."""
    return frozenset(
        {*COMMON, *BUILTIN_ALIASES, *BUILTIN_ALIASES.values(), *(_plain(e) for e in extra)}
    )


def skills_in_prose(text: str, known: Iterable[str] = ()) -> frozenset[str]:
    """Skills named in free text ("mostly backend in Golang, some React"), normalized."""
    flat = f" {' '.join(text.split())} "
    lowered = flat.lower()
    found = set()
    for term in vocabulary(known):
        if term in _CASED:
            hit = any(_word(form, flat) for form in _CASED[term])
        else:
            hit = _word(term, lowered)
        if hit:
            found.add(normalize(term))
    return frozenset(found)


def _word(term: str, text: str) -> bool:
    return re.search(rf"(?<![\w+#.]){re.escape(term)}(?![\w+#])", text) is not None


def _plain(name: str) -> str:
    return " ".join(name.lower().split()).strip(_EDGE)
