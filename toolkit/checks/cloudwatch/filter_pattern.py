"""CloudWatch Logs JSON filter patterns, normalised so that two ways of writing one compare equal.

A metric filter's pattern for CloudTrail events is a JSON pattern (AWS CloudWatch Logs User
Guide, "Filter pattern syntax for metric filters", matching terms in JSON log events):
``{ ($.eventName = CreateTrail) || ($.errorCode = "AccessDenied*") }``: terms
``SELECTOR OP VALUE`` (OP one of ``= != > < >= <=``; the value quoted or not, ``*`` a wildcard
inside it), ``SELECTOR IS TRUE|FALSE|NULL`` and ``SELECTOR NOT EXISTS``, grouped with
parentheses and joined with ``&&`` and ``||`` (``&&`` binding tighter, as in every language
with both).

``parse`` turns a pattern into disjunctive normal form: a set of conjunctions, each a frozenset
of ``Term``; whitespace, quoting, term order and redundant parentheses vanish, and a conjunction
that contains another one is dropped (it adds no event). Comparison is then exact and can be
explained (``compare``): a filter matches at least every event a reference pattern matches when
each conjunction of the reference is implied by some conjunction of the filter whose terms are a
subset of its own. Wildcards and value ranges are compared as written, not reasoned about: a
filter that means the same with other words does not match, which errs on the side of a FAIL
that names what differs.

Anything else (a text pattern such as ``ERROR``, a space-delimited ``[...]`` pattern, a JSON
pattern that does not parse) raises ``PatternError``; the checks call it "not understood".
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

#: Past this many conjunctions a pattern is refused rather than expanded (a real one has tens).
MAX_CONJUNCTIONS = 4096
COMPARISONS = ("=", "!=", ">", "<", ">=", "<=")
_NUMERIC = (">", "<", ">=", "<=")
_TOKEN = re.compile(
    r"""\s*(?:
        (?P<open>\() | (?P<close>\)) | (?P<and>&&) | (?P<or>\|\|)
      | (?P<op>!=|>=|<=|=|>|<)
      | (?P<string>"(?:[^"\\]|\\.)*")
      | (?P<word>[^\s()"=!<>&|]+)
    )""",
    re.VERBOSE,
)
_SELECTOR = re.compile(r"^\$(?:\.[^.\[\]\s]+|\[(?:\d+|\*)\])+$")


class PatternError(ValueError):
    """The text is not a JSON filter pattern this module understands."""


@dataclass(frozen=True, order=True)
class Term:
    """One condition on one field: ``$.eventName = CreateTrail``, ``$.a IS NULL``,
    ``$.a NOT EXISTS`` (operator ``NOT EXISTS``, value empty)."""

    selector: str
    operator: str
    value: str = ""

    def __str__(self) -> str:
        field = self.selector.removeprefix("$.")
        if self.operator == "NOT EXISTS":
            return f"{field} NOT EXISTS"
        if self.operator == "IS":
            return f"{field} IS {self.value}"
        return f"{field}{self.operator}{self.value}"


Conjunction = frozenset[Term]
Dnf = frozenset[Conjunction]


@dataclass(frozen=True)
class Comparison:
    """How a filter's pattern stands against a reference: the reference conjunctions it does
    not imply, the reference terms it never mentions (``lacks``) and, for the others, the
    conditions it adds (``adds``)."""

    uncovered: tuple[Conjunction, ...]
    lacks: tuple[Term, ...]
    adds: tuple[Term, ...]
    #: How many of the reference's terms the filter mentions at all (0: it is about other events).
    shared: int = 0

    @property
    def matches(self) -> bool:
        return not self.uncovered

    def describe(self) -> str:
        """``lacks eventName=X, eventName=Y; adds awsRegion=us-east-1`` (empty when it
        matches)."""
        parts = []
        if self.lacks:
            parts.append("lacks " + ", ".join(str(t) for t in self.lacks))
        if self.adds:
            parts.append("adds " + " && ".join(str(t) for t in self.adds))
        if self.uncovered and not parts:  # e.g. a term split differently; name one conjunction
            parts.append("does not imply " + " && ".join(str(t) for t in sorted(self.uncovered[0])))
        return "; ".join(parts)


@lru_cache(maxsize=4096)
def parse(text: str) -> Dnf:
    """The pattern's disjunctive normal form; ``PatternError`` if it is not a JSON pattern."""
    body = (text or "").strip()
    if not (body.startswith("{") and body.endswith("}")):
        raise PatternError("not a JSON filter pattern (it must be enclosed in { })")
    parser = _Parser(_tokens(body[1:-1]))
    dnf = parser.expression()
    if parser.peek() is not None:
        raise PatternError(f"unexpected {parser.peek()[1]!r}")
    return dnf


def try_parse(text: str | None) -> Dnf | None:
    """``parse``, or None when the pattern is not understood."""
    try:
        return parse(text or "")
    except PatternError:
        return None


def implies(filter_dnf: Dnf, reference: Dnf) -> bool:
    """Whether every event the reference matches, the filter matches too (by the subset rule)."""
    return all(any(f <= b for f in filter_dnf) for b in reference)


def compare(filter_dnf: Dnf, reference: Dnf) -> Comparison:
    """``implies`` with the reasons it fails."""
    uncovered = tuple(
        sorted((b for b in reference if not any(f <= b for f in filter_dnf)), key=sorted)
    )
    mentioned = set().union(*filter_dnf) if filter_dnf else set()
    lacks: set[Term] = set()
    adds: set[Term] = set()
    for b in uncovered:
        missing = b - mentioned
        if missing:
            lacks |= missing
            continue
        # Every term of b is somewhere in the filter: the closest conjunction restricts more.
        closest = min(filter_dnf, key=lambda f: (-len(f & b), len(f - b), sorted(f)))
        adds |= closest - b
    shared = len(mentioned & set().union(*reference)) if reference else 0
    return Comparison(uncovered, tuple(sorted(lacks)), tuple(sorted(adds)), shared)


def best_comparison(filter_dnf: Dnf, references: tuple[Dnf, ...]) -> Comparison:
    """The comparison with the reference the filter comes closest to (a match if any)."""
    results = [compare(filter_dnf, r) for r in references]
    return min(results, key=lambda c: (len(c.uncovered), len(c.lacks) + len(c.adds)))


def render(dnf: Dnf) -> str:
    """A canonical text of the form: ``{ (a && b) || (c) }``, conjunctions and terms sorted."""
    conjunctions = sorted(sorted(c) for c in dnf)
    return (
        "{ "
        + " || ".join("(" + " && ".join(_term_text(t) for t in c) + ")" for c in conjunctions)
        + " }"
    )


def _term_text(term: Term) -> str:
    if term.operator == "NOT EXISTS":
        return f"{term.selector} NOT EXISTS"
    if term.operator == "IS":
        return f"{term.selector} IS {term.value}"
    escaped = term.value.replace("\\", "\\\\").replace('"', '\\"')
    return f'{term.selector} {term.operator} "{escaped}"'


def _tokens(text: str) -> list[tuple[str, str]]:
    tokens = []
    position = 0
    while position < len(text):
        if text[position:].strip() == "":
            break
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            raise PatternError(f"cannot read {text[position:].strip()[:20]!r}")
        kind = match.lastgroup or ""
        tokens.append((kind, match.group(kind)))
        position = match.end()
    return tokens


def _minimal(conjunctions: set[Conjunction]) -> Dnf:
    """Drop every conjunction that contains another one (it matches nothing more)."""
    if len(conjunctions) > MAX_CONJUNCTIONS:
        raise PatternError("too many alternatives to compare")
    ordered = sorted(conjunctions, key=len)
    kept: list[Conjunction] = []
    for c in ordered:
        if not any(k <= c for k in kept):
            kept.append(c)
    return frozenset(kept)


class _Parser:
    """Recursive descent over the tokens: expression = conjunction ('||' conjunction)*,
    conjunction = atom ('&&' atom)*, atom = '(' expression ')' | term."""

    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.tokens = tokens
        self.position = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self, kind: str | None = None) -> tuple[str, str]:
        token = self.peek()
        if token is None:
            raise PatternError("the pattern ends too early")
        if kind is not None and token[0] != kind:
            raise PatternError(f"expected {kind}, found {token[1]!r}")
        self.position += 1
        return token

    def expression(self) -> Dnf:
        result = set(self.conjunction())
        while (token := self.peek()) is not None and token[0] == "or":
            self.take()
            result |= self.conjunction()
        return _minimal(result)

    def conjunction(self) -> Dnf:
        result = self.atom()
        while (token := self.peek()) is not None and token[0] == "and":
            self.take()
            right = self.atom()
            result = _minimal({a | b for a in result for b in right})
        return result

    def atom(self) -> Dnf:
        token = self.peek()
        if token is not None and token[0] == "open":
            self.take()
            inner = self.expression()
            self.take("close")
            return inner
        return frozenset({frozenset({self.term()})})

    def term(self) -> Term:
        kind, selector = self.take()
        if kind != "word" or not _SELECTOR.match(selector):
            raise PatternError(f"expected a $. selector, found {selector!r}")
        kind, word = self.take()
        if kind == "op":
            return Term(selector, word, self.value(word))
        keyword = word.upper()
        if kind == "word" and keyword == "IS":
            value = self.take("word")[1].upper()
            if value not in ("TRUE", "FALSE", "NULL"):
                raise PatternError(f"IS takes TRUE, FALSE or NULL, not {value!r}")
            return Term(selector, "IS", value)
        if kind == "word" and keyword == "NOT" and self.take("word")[1].upper() == "EXISTS":
            return Term(selector, "NOT EXISTS")
        raise PatternError(f"expected an operator after {selector}, found {word!r}")

    def value(self, operator: str) -> str:
        kind, text = self.take()
        if kind == "string":
            text = re.sub(r"\\(.)", r"\1", text[1:-1])
        elif kind != "word":
            raise PatternError(f"expected a value after {operator}, found {text!r}")
        if operator in _NUMERIC:
            try:
                number = float(text)
            except ValueError as error:
                raise PatternError(f"{operator} needs a number, not {text!r}") from error
            if not math.isfinite(number):
                raise PatternError(f"{operator} needs a finite number, not {text!r}")
            text = str(int(number)) if number.is_integer() else repr(number)
        return text
