"""Shared scoring pieces: counts, one-to-one matching, detokenisation with offsets."""

import pytest

from communique.eval.common import PRF, detokenise, match_one_to_one, token_range


def test_prf_from_sets_and_sums():
    p = PRF.of_sets({1, 2, 3}, {2, 3, 4, 5})
    assert (p.tp, p.fp, p.fn) == (2, 2, 1)
    assert p.precision == 0.5 and p.recall == pytest.approx(2 / 3)
    assert p.f1 == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))
    p.add(PRF(1, 0, 0))
    assert (p.tp, p.fp, p.fn) == (3, 2, 1)


def test_prf_empty_is_zero_not_an_error():
    assert PRF().precision == PRF().recall == PRF().f1 == 0.0


def test_match_one_to_one_prefers_the_largest_overlap():
    gold = [(0, 10), (12, 20)]
    pred = [(0, 20), (12, 19)]
    # The long prediction overlaps both gold spans but is credited once, to the one it
    # overlaps most; the short one takes the other.
    assert match_one_to_one(gold, pred, accept=lambda g, p: True) == [(0, 0), (1, 1)]
    assert match_one_to_one(gold, pred, accept=lambda g, p: p == 1) == [(1, 1)]


@pytest.mark.parametrize("tokens, text", [
    (["Iraq", "'", "s", "army", "."], "Iraq's army."),
    (["200", ",", "000", "people", "(", "est", ")"], "200,000 people (est)"),
    (["al", "-", "Zarqawi", "said", ":", "no"], "al-Zarqawi said: no"),
    (["He", "said", '"', "yes", '"', "."], 'He said "yes".'),
    (["4", ".", "7", "million"], "4.7 million"),
    (["$", "100m"], "$100m"),
])
def test_detokenise(tokens, text):
    out, offsets = detokenise(tokens)
    assert out == text
    assert [out[s:e] for s, e in offsets] == tokens


def test_token_range_maps_characters_to_tokens():
    _, offsets = detokenise(["The", "United", "States", "said"])
    assert token_range(offsets, 4, 17) == (1, 3)
    assert token_range(offsets, 5, 8) == (1, 2)  # part of a token counts as the token
    assert token_range(offsets, 100, 120) is None
