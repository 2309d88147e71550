"""The article text of a Doc, built once: spaCy re-joins every token on each ``doc.text``."""

from spacy.tokens import Doc


def doc_text(doc: Doc) -> str:
    text = doc.user_data.get("communique_text")
    if text is None:
        text = doc.user_data["communique_text"] = doc.text
    return text
