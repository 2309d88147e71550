"""Actors from sentences written for these tests: (text) -> expected actor attributes."""

import pytest

from communique.extract.actors import extract_actors

pytestmark = pytest.mark.model


def actors(nlp, text):
    index = extract_actors(nlp(text))
    return {a.name: a for a in index.actors}, index


@pytest.mark.parametrize(
    "text, name, country, sector, role",
    [
        ("Japanese Foreign Minister Kenji Morita held talks with his Philippine counterpart "
         "Elena Cruz in Manila on Friday.", "Kenji Morita", "JPN", "GOV", "Foreign Minister"),
        ("Japanese Foreign Minister Kenji Morita held talks with his Philippine counterpart "
         "Elena Cruz in Manila on Friday.", "Elena Cruz", "PHL", "GOV", "Foreign Minister"),
        ("Brazil's Defence Minister Paulo Souza visited Lima.", "Paulo Souza", "BRA", "GOV", "Defence Minister"),
        ("Army Chief Gen Arjun Mehta and Navy Chief Admiral Vikram Rao of India attended the parade.",
         "Arjun Mehta", None, "MIL", "Army Chief"),
        ("Army Chief Gen Arjun Mehta and Navy Chief Admiral Vikram Rao attended the parade.",
         "Vikram Rao", None, "MIL", "Navy Chief"),
        ("Chief of Air Staff Air Chief Marshal A B Sharma inspected the base.", "A B Sharma", None, "MIL",
         "Chief of Air Staff"),
        ("The talks were attended by Kenya's ambassador, Mr Daniel Otieno.", "Daniel Otieno", "KEN", "GOV",
         "ambassador"),
        ("The United Nations Secretary-General, Ana Pereira, visited Haiti.", "Ana Pereira", "UN", "GOV",
         "Secretary-General"),
        ("Special Envoy Lin Wei-ming arrived in Nairobi.", "Lin Wei-ming", None, "GOV", "Special Envoy"),
    ],
)
def test_person_attributes(nlp, text, name, country, sector, role):
    found, _ = actors(nlp, text)
    assert name in found, sorted(found)
    a = found[name]
    assert a.kind == "person"
    if country is not None:
        assert a.country == country
    assert a.sector == sector
    assert a.role == role


def test_honorific_alias_prefers_civilian_and_keeps_binding(nlp):
    text = ("Prime Minister Leo Tanaka met Admiral Ken Tanaka on Monday. Mr Tanaka said the meeting "
            "went well. Later Mr Tanaka left for Osaka.")
    found, index = actors(nlp, text)
    leo = found["Leo Tanaka"]
    admiral = found["Ken Tanaka"]
    assert len(leo.mentions) == 3
    assert len(admiral.mentions) == 1
    assert admiral.sector == "MIL"


def test_surname_alias_and_one_actor_per_entity(nlp):
    text = "Foreign Minister Suh Min-jun arrived in Hanoi. Mr Min-jun met officials there."
    found, _ = actors(nlp, text)
    persons = [a for a in found.values() if a.kind == "person"]
    assert len(persons) == 1


def test_definite_description_joins_named_person(nlp):
    text = ("Egypt's Foreign Minister Karim Adel met his Jordanian counterpart Omar Haddad in Cairo. "
            "The Jordanian minister arrived on Sunday.")
    found, _ = actors(nlp, text)
    omar = found["Omar Haddad"]
    assert any(m.text.endswith("minister") for m in omar.mentions)


def test_countries_and_igos(nlp):
    found, _ = actors(nlp, "France and Germany asked the United Nations and NATO for help.")
    codes = {a.country for a in found.values()}
    assert {"FRA", "DEU", "UN", "NATO"} <= codes
    kinds = {a.country: a.kind for a in found.values()}
    assert kinds["FRA"] == "country"


def test_institution_takes_country_of_its_office_holder(nlp):
    from communique import extract

    text = ("Defence Minister Ravi Kumar met visiting Australian officials in Delhi. "
            "The defence ministry said the talks were useful.")
    found = {a.name: a for a in extract(text).actors}
    assert found["Ravi Kumar"].country == "IND"  # the home country: where the story happens
    ministry = next(a for a in found.values() if "ministry" in a.name)
    assert ministry.country == "IND"
    assert ministry.sector == "GOV"


def test_demonym_groups(nlp):
    found, _ = actors(nlp, "Israeli troops and Lebanese soldiers exchanged fire near the border.")
    groups = {(a.country, a.sector) for a in found.values() if a.kind == "group"}
    assert ("ISR", "MIL") in groups
    assert ("LBN", "MIL") in groups


def test_mentions_carry_their_text(nlp):
    text = "President Ana Silva of Portugal spoke. Ms Silva later left."
    doc = nlp(text)
    for a in extract_actors(doc).actors:
        for m in a.mentions:
            assert text[m.start:m.end] == m.text


def test_bare_echo_of_a_full_name_joins_it(nlp):
    text = ("President Tomas Ekvall Brandt opened the summit. Brandt thanked the delegates, "
            "and Ekvall later met the press.")
    found, _ = actors(nlp, text)
    person = found["Tomas Ekvall Brandt"]
    assert {m.text for m in person.mentions} >= {"Brandt", "Ekvall"}


def test_office_holder_known_by_title_and_surname():
    from communique import extract
    r = extract("President Bush threatened further action against Russia.")
    bush = next(a for a in r.actors if a.name == "Bush")
    assert bush.country == "USA"


def test_body_with_no_stated_country_is_of_the_story_country():
    from communique import extract
    r = extract("The Umma party said it would boycott Algeria's elections.")
    umma = next(a for a in r.actors if "Umma" in a.name)
    assert umma.country == "DZA"
    r = extract("Amnesty International criticised Algeria's elections.")
    assert all(a.country != "DZA" for a in r.actors if "Amnesty" in a.name)


def test_unlisted_international_body_and_adjective_names():
    from communique import extract
    r = extract("The International Labour Forum urged Israel to ease restrictions.")
    body = next(a for a in r.actors if "Forum" in a.name)
    assert body.country == "IGO"
    r = extract("Judge Alejandro Rivera charged 28 Chilean officials with fraud.")
    judge = next(a for a in r.actors if "Rivera" in a.name)
    assert judge.country == "CHL"
