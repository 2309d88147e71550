import pytest


@pytest.fixture(scope="session")
def nlp():
    """The real English pipeline, loaded once per test session."""
    from communique.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def blank_nlp():
    """A tokenizer-only pipeline for tests that build their own annotations."""
    import spacy

    return spacy.blank("en")
