"""The same article gives the same records whatever batch it is parsed in (issue 14): alone,
in one batch with others, in another order, at another batch size."""

from __future__ import annotations

import random

import pytest

from communique.pipeline import extract_stream
from communique.records import Article

pytestmark = pytest.mark.model

# Short articles whose first and last tokens are entities: the edges where a Doc's
# neighbours in a batch used to leak into its entity types.
TEXTS = [
    "Iraq and Iran signed a border accord in Baghdad on Monday.",
    "The Pentagon said two F-16 fighter jets intercepted a Russian Tu-95 bomber near Alaska.",
    "Japan pledged $500 million to the Philippines for coast guard patrol boats. Tokyo",
    "NATO foreign ministers met in Brussels on Tuesday to discuss Ukraine.",
    "Indian Defence Minister Rajnath Singh said: \u201cWe will deepen our partnership with Seoul.\u201d",
    "Kenya accused Somalia of violating its airspace with a Cessna aircraft. Nairobi",
    "The UN Security Council adopted Resolution 2231 on Iran's nuclear programme.",
    "Brazil",
]


def _records(articles, batch_size):
    return {item.article.id: item.to_dict() for item in extract_stream(articles, batch_size=batch_size)}


def test_each_article_gives_the_same_records_alone_in_a_batch_and_shuffled():
    articles = [Article(text=t, published=None, id=f"a{n}") for n, t in enumerate(TEXTS)]
    alone = {}
    for a in articles:
        alone.update(_records([a], 1))
    together = _records(articles, 32)
    shuffled = articles[:]
    random.Random(14).shuffle(shuffled)
    for batch_size in (3, 32):
        assert _records(shuffled, batch_size) == alone
    assert together == alone
    assert any(d["entities"] for d in alone.values())
