"""CloudWatch Logs JSON filter patterns: parsed to disjunctive normal form, so that rewritings
compare equal and a missing or extra condition is named."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.checks.cloudwatch._benchmark import BENCHMARKS
from toolkit.checks.cloudwatch.filter_pattern import (
    MAX_CONJUNCTIONS,
    PatternError,
    Term,
    compare,
    implies,
    parse,
    render,
    try_parse,
)

CMK = "{($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }"  # fmt: skip
SOURCE = Term("$.eventSource", "=", "kms.amazonaws.com")
DISABLE = Term("$.eventName", "=", "DisableKey")
SCHEDULE = Term("$.eventName", "=", "ScheduleKeyDeletion")


def test_a_pattern_becomes_a_set_of_conjunctions() -> None:
    assert parse(CMK) == {frozenset({SOURCE, DISABLE}), frozenset({SOURCE, SCHEDULE})}


def test_root_usage_terms_keep_their_operators() -> None:
    dnf = parse(BENCHMARKS["4.3"].patterns[0])
    assert dnf == {
        frozenset(
            {
                Term("$.userIdentity.type", "=", "Root"),
                Term("$.userIdentity.invokedBy", "NOT EXISTS"),
                Term("$.eventType", "!=", "AwsServiceEvent"),
            }
        )
    }


@pytest.mark.parametrize(
    "rewritten",
    [
        # quotes, whitespace, term order, operands swapped around &&, redundant parentheses
        '{ ($.eventSource = "kms.amazonaws.com") && (($.eventName = "DisableKey") || '
        '($.eventName = "ScheduleKeyDeletion")) }',
        "{(($.eventName=ScheduleKeyDeletion)||($.eventName=DisableKey))&&($.eventSource=kms.amazonaws.com)}",
        "{ $.eventSource = kms.amazonaws.com && $.eventName = DisableKey || "
        "$.eventSource = kms.amazonaws.com && $.eventName = ScheduleKeyDeletion }",
        "{ ((($.eventSource = kms.amazonaws.com && ($.eventName = DisableKey))) || "
        "(($.eventName = ScheduleKeyDeletion) && $.eventSource = kms.amazonaws.com)) }",
        "\n  {\t($.eventSource = kms.amazonaws.com)\n && ($.eventName = DisableKey || "
        "$.eventName = ScheduleKeyDeletion)   }  ",
    ],
)
def test_equivalent_rewritings_have_the_same_normal_form_and_match(rewritten: str) -> None:
    assert parse(rewritten) == parse(CMK)
    assert compare(parse(rewritten), parse(CMK)).matches


def test_and_binds_tighter_than_or() -> None:
    assert parse("{ $.a = 1 || $.b = 2 && $.c = 3 }") == {
        frozenset({Term("$.a", "=", "1")}),
        frozenset({Term("$.b", "=", "2"), Term("$.c", "=", "3")}),
    }


def test_a_conjunction_containing_another_adds_nothing_and_is_dropped() -> None:
    assert parse("{ ($.a = 1) || ($.a = 1 && $.b = 2) }") == parse("{ $.a = 1 }")


def test_a_missing_event_name_does_not_match_and_is_named() -> None:
    only_disable = parse("{ ($.eventSource = kms.amazonaws.com) && ($.eventName = DisableKey) }")
    result = compare(only_disable, parse(CMK))
    assert not result.matches
    assert result.lacks == (SCHEDULE,)
    assert result.describe() == "lacks eventName=ScheduleKeyDeletion"
    assert result.shared == 2  # it is about the same events, short of one
    assert compare(parse('{ $.eventName = "CreateVpc" }'), parse(CMK)).shared == 0


def test_an_extra_restricting_term_does_not_match_and_is_named() -> None:
    narrowed = parse(CMK[:-1] + ' && ($.awsRegion = "us-east-1") }')
    result = compare(narrowed, parse(CMK))
    assert not result.matches
    assert result.lacks == ()
    assert result.adds == (Term("$.awsRegion", "=", "us-east-1"),)
    assert result.describe() == "adds awsRegion=us-east-1"


def test_a_broader_filter_matches_a_narrower_reference() -> None:
    # Without the eventSource condition the filter counts at least every event the benchmark's.
    broader = parse("{ ($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion) }")
    assert implies(broader, parse(CMK))
    assert not implies(parse(CMK), broader)


def test_a_different_value_or_operator_is_a_different_term() -> None:
    reference = parse('{ $.additionalEventData.MFAUsed != "Yes" }')
    assert not implies(parse('{ $.additionalEventData.MFAUsed = "Yes" }'), reference)
    assert not implies(parse('{ $.additionalEventData.MFAUsed != "yes" }'), reference)
    assert implies(parse("{ $.additionalEventData.MFAUsed!=Yes }"), reference)


def test_wildcards_are_compared_as_written() -> None:
    reference = parse('{ $.errorCode = "AccessDenied*" }')
    assert implies(parse("{ $.errorCode = AccessDenied* }"), reference)
    assert not implies(parse('{ $.errorCode = "AccessDenied" }'), reference)


def test_is_and_not_exists_and_numbers_are_normalised() -> None:
    assert parse("{ $.a is true && $.b NOT exists }") == parse("{ $.b NOT EXISTS && $.a IS TRUE }")
    assert parse("{ $.latency > 1000 }") == parse("{ $.latency > 1000.0 }")
    assert parse("{ $.x IS NULL }") == {frozenset({Term("$.x", "IS", "NULL")})}
    assert parse('{ $.users[0].name = "a \\"b\\"" }') == {
        frozenset({Term("$.users[0].name", "=", 'a "b"')})
    }


@pytest.mark.parametrize(
    "text",
    [
        "",
        "ERROR",
        '"Failed authentication"',
        "[ip, user, timestamp, request, status_code = 4*, size]",
        "{ }",
        "{ $.eventName = }",
        "{ ($.eventName = CreateTrail }",
        "{ $.eventName = CreateTrail) }",
        "{ eventName = CreateTrail }",
        "{ $.eventName CreateTrail }",
        "{ $.eventName = CreateTrail && }",
        "{ $.eventName = CreateTrail & $.a = 1 }",
        "{ $.a IS MAYBE }",
        "{ $.a NOT THERE }",
        "{ $.latency > fast }",
        "{ $.latency > inf }",
        "{ $.eventName = CreateTrail",
    ],
)
def test_what_is_not_a_json_pattern_is_not_understood(text: str) -> None:
    with pytest.raises(PatternError):
        parse(text)
    assert try_parse(text) is None


def test_try_parse_of_a_missing_pattern_is_none() -> None:
    assert try_parse(None) is None


def test_an_exploding_pattern_is_refused() -> None:
    factors = ["(" + " || ".join(f"$.f{k} = {i}" for i in range(9)) + ")" for k in range(5)]
    with pytest.raises(PatternError, match="too many"):
        parse("{ " + " && ".join(factors) + " }")  # 9**5 conjunctions
    assert MAX_CONJUNCTIONS < 9**5


@pytest.mark.parametrize("control", sorted(BENCHMARKS))
def test_every_benchmark_pattern_parses_and_matches_itself(control: str) -> None:
    for pattern in BENCHMARKS[control].patterns:
        dnf = parse(pattern)
        assert dnf and implies(dnf, dnf)
        assert parse(render(dnf)) == dnf


def test_the_benchmarks_event_name_lists_have_their_published_lengths() -> None:
    def names(control: str) -> set[str]:
        dnf = BENCHMARKS[control].references[0]
        return {t.value for c in dnf for t in c if t.selector == "$.eventName"}

    counts = {"4.4": 16, "4.5": 5, "4.8": 9, "4.9": 4, "4.10": 6, "4.11": 6, "4.12": 6}
    counts |= {"4.13": 7, "4.14": 11, "4.15": 18, "4.7": 2}
    assert {c: len(names(c)) for c in counts} == counts


# Property tests: random normal forms written out in random but equivalent ways.
FIELDS = ("$.eventName", "$.eventSource", "$.errorCode", "$.userIdentity.type")
OPERATORS = ("=", "!=")
VALUES = ("CreateTrail", "DeleteTrail", "AccessDenied*", "Root", "kms.amazonaws.com")
terms = st.builds(
    Term, st.sampled_from(FIELDS), st.sampled_from(OPERATORS), st.sampled_from(VALUES)
)
conjunctions = st.frozensets(terms, min_size=1, max_size=4)
dnfs = st.frozensets(conjunctions, min_size=1, max_size=5)


def _minimal(dnf: frozenset) -> frozenset:
    return frozenset(c for c in dnf if not any(o < c for o in dnf))


@st.composite
def written(draw: st.DrawFn, dnf: frozenset) -> str:
    """``dnf`` as pattern text: shuffled terms and conjunctions, quoted or bare values, optional
    parentheses and any whitespace."""
    space = st.sampled_from(["", " ", "  ", "\n", "\t "])

    def term_text(term: Term) -> str:
        value = f'"{term.value}"' if draw(st.booleans()) else term.value
        text = f"{term.selector}{draw(space)}{term.operator}{draw(space)}{value}"
        return f"({text})" if draw(st.booleans()) else text

    parts = []
    for conjunction in draw(st.permutations(sorted(dnf, key=sorted))):
        inner = [term_text(t) for t in draw(st.permutations(sorted(conjunction)))]
        text = f"{draw(space)}&&{draw(space)}".join(inner)
        parts.append(f"({text})" if len(inner) > 1 or draw(st.booleans()) else text)
    return "{" + draw(space) + f"{draw(space)}||{draw(space)}".join(parts) + draw(space) + "}"


@settings(max_examples=150, deadline=None)
@given(st.data(), dnfs)
def test_any_writing_of_a_normal_form_parses_back_to_it(data: st.DataObject, dnf) -> None:
    text = data.draw(written(dnf))
    assert parse(text) == _minimal(dnf)
    assert parse(render(parse(text))) == parse(text)


@settings(max_examples=150, deadline=None)
@given(dnfs, terms)
def test_adding_a_restriction_to_every_conjunction_loses_the_match(dnf, extra: Term) -> None:
    reference = _minimal(dnf)
    narrowed = frozenset(c | {extra} for c in reference)
    if narrowed == reference:  # the term was already in every conjunction
        return
    assert not compare(narrowed, reference).matches
    assert compare(reference, narrowed).matches  # the other way round it is broader


@settings(max_examples=150, deadline=None)
@given(dnfs)
def test_dropping_a_conjunction_loses_the_match_and_names_it(dnf) -> None:
    reference = _minimal(dnf)
    if len(reference) < 2:
        return
    dropped = sorted(reference, key=sorted)[0]
    result = compare(reference - {dropped}, reference)
    assert not result.matches
    assert result.uncovered == (dropped,)
    assert result.describe()
