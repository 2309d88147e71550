"""GDELT-, ICEWS-shaped and flat exports of one hand-built article, read back the way an
analyst reads them: pandas with GDELT's own 61 column names, and typed columns."""

from __future__ import annotations

import csv
import datetime as dt
import json

import pytest

from communique.records import Actor, Article, Event, Extraction, PlaceRef, Span
from communique.store import EventFilter, Store

pd = pytest.importorskip("pandas")

# The GDELT 2.0 event table's columns, in the order of its codebook (written out here, not
# imported, so the test fails if the export's list drifts).
GDELT_NAMES = """GLOBALEVENTID SQLDATE MonthYear Year FractionDate
Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode Actor1Religion1Code
Actor1Religion2Code Actor1Type1Code Actor1Type2Code Actor1Type3Code
Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode Actor2EthnicCode Actor2Religion1Code
Actor2Religion2Code Actor2Type1Code Actor2Type2Code Actor2Type3Code
IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale NumMentions NumSources NumArticles AvgTone
Actor1Geo_Type Actor1Geo_FullName Actor1Geo_CountryCode Actor1Geo_ADM1Code Actor1Geo_ADM2Code Actor1Geo_Lat
Actor1Geo_Long Actor1Geo_FeatureID
Actor2Geo_Type Actor2Geo_FullName Actor2Geo_CountryCode Actor2Geo_ADM1Code Actor2Geo_ADM2Code Actor2Geo_Lat
Actor2Geo_Long Actor2Geo_FeatureID
ActionGeo_Type ActionGeo_FullName ActionGeo_CountryCode ActionGeo_ADM1Code ActionGeo_ADM2Code ActionGeo_Lat
ActionGeo_Long ActionGeo_FeatureID DATEADDED SOURCEURL""".split()

TEXT = ("Arland's foreign minister Mara Vell flew to New Delhi on Tuesday.\n\n"
        "There the minister pledged economic aid to India, officials said.")


def _span(text: str, start_at: int = 0) -> Span:
    start = TEXT.index(text, start_at)
    return Span(start, start + len(text), text)


def _article() -> Extraction:
    second = TEXT.index("There")
    minister = Actor("a1", "Mara Vell", "person", country="KOR", sector="GOV", role="Foreign Minister",
                     mentions=[_span("Mara Vell")])
    india = Actor("a2", "India", "country", country="IND", mentions=[_span("India")])
    delhi = PlaceRef("New Delhi", "IND", 28.63576, 77.22445)
    aid = Event("e1", "AID", _span("pledged"), (second, len(TEXT)), source=["a1"], target=["a2"],
                contexts=["economic"], aux=None, date="2024-05-07", date_precision="day", place=delhi,
                score=7.0, confidence=0.8, cameo="0331", sentence_number=2)
    visit = Event("e2", "CONSULT", _span("flew"), (0, second - 2), source=["a1"], target=["a2"], mode="visit",
                  date="2024-05", date_precision="month", place=delhi, score=1.0, confidence=0.7,
                  cameo="042", sentence_number=1)
    article = Article(TEXT, id="story-7", title="Minister in Delhi", published=dt.date(2024, 5, 9),
                      url="https://news.example/arland-aid", source="Example Wire")
    return Extraction(article, actors=[minister, india], events=[aid, visit])


@pytest.fixture
def store(db_url):
    with Store(db_url) as s:
        s.ingest([_article()])
        yield s


def test_gdelt_export_reads_with_gdelt_column_names(store, tmp_path):
    out = tmp_path / "events.tsv"
    assert store.export("gdelt", str(out)) == 2
    frame = pd.read_csv(out, sep="\t", header=0, names=GDELT_NAMES, dtype=str, keep_default_na=False)
    assert list(pd.read_csv(out, sep="\t", nrows=0).columns) == GDELT_NAMES
    assert frame["GLOBALEVENTID"].is_unique and len(frame) == 2
    aid = frame[frame["EventRootCode"] == "03"].iloc[0]
    assert (aid["SQLDATE"], aid["MonthYear"], aid["Year"]) == ("20240507", "202405", "2024")
    assert (aid["Actor1Code"], aid["Actor1Name"], aid["Actor1CountryCode"], aid["Actor1Type1Code"]) == \
        ("KORGOV", "MARA VELL", "KOR", "GOV")
    assert (aid["Actor2Code"], aid["Actor2Name"], aid["Actor2CountryCode"]) == ("IND", "INDIA", "IND")
    assert (aid["EventCode"], aid["EventBaseCode"], aid["EventRootCode"], aid["QuadClass"]) == \
        ("0331", "033", "03", "2")
    assert float(aid["GoldsteinScale"]) == 5.2  # CAMEO 033, "Express intent to provide material aid"
    assert aid["IsRootEvent"] == "0" and aid["AvgTone"] == ""  # second paragraph; no tone measured
    assert (aid["NumMentions"], aid["NumSources"], aid["NumArticles"]) == ("1", "1", "1")
    assert (aid["ActionGeo_Type"], aid["ActionGeo_FullName"], aid["ActionGeo_CountryCode"],
            aid["ActionGeo_ADM1Code"]) == ("4", "New Delhi, India", "IN", "IN07")
    assert aid["ActionGeo_FeatureID"].isdigit() and float(aid["ActionGeo_Lat"]) == pytest.approx(28.63576)
    assert aid["SOURCEURL"] == "https://news.example/arland-aid" and len(aid["DATEADDED"]) == 14
    visit = frame[frame["EventCode"] == "042"].iloc[0]
    assert visit["IsRootEvent"] == "1" and visit["SQLDATE"] == "20240501"  # a month starts on its first day
    assert float(visit["GoldsteinScale"]) == 1.9


def test_icews_export(store, tmp_path):
    out = tmp_path / "events.tab"
    store.export("icews", str(out), EventFilter(category="AID"))
    (row,) = list(csv.DictReader(out.open(encoding="utf-8"), delimiter="\t"))
    assert (row["Event Date"], row["Source Name"], row["Source Country"], row["Target Name"],
            row["Target Country"]) == ("2024-05-07", "Mara Vell", "South Korea", "India", "India")
    assert (row["CAMEO Code"], row["Event Text"], row["Intensity"]) == \
        ("0331", "Express intent to provide material aid", "5.2")
    assert row["Source Sectors"] == "government and executive" and row["Target Sectors"] == ""
    assert (row["Story ID"], row["Sentence Number"], row["Publisher"]) == ("story-7", "2", "Example Wire")
    assert (row["City"], row["Country"], row["Latitude"]) == ("New Delhi", "India", "28.63576")


def test_flat_exports_have_every_field(store, tmp_path):
    from communique.store.export_rows import FLAT_COLUMNS

    store.export("csv", str(tmp_path / "e.csv"))
    frame = pd.read_csv(tmp_path / "e.csv", parse_dates=["date", "date_end", "published"])
    assert list(frame.columns) == [c[0] for c in FLAT_COLUMNS]
    assert str(frame["date"].dtype).startswith("datetime64")
    aid = frame[frame["category"] == "AID"].iloc[0]
    assert (aid["source_codes"], aid["source_names"], aid["source_sectors"], aid["source_roles"]) == \
        ("KORGOV", "Mara Vell", "GOV", "Foreign Minister")
    assert (aid["article_id"], aid["publisher"], aid["sentence_number"], aid["place_adm1"]) == \
        ("story-7", "Example Wire", 2, "IN07")
    assert aid["published"] == pd.Timestamp("2024-05-09") and aid["contexts"] == "economic"
    visit = frame[frame["category"] == "CONSULT"].iloc[0]
    assert (visit["date"], visit["date_end"], visit["date_precision"]) == \
        (pd.Timestamp("2024-05-01"), pd.Timestamp("2024-05-31"), "month")

    import pyarrow.parquet as pq

    store.export("parquet", str(tmp_path / "e.parquet"))
    table = pq.read_table(tmp_path / "e.parquet")
    assert table.column_names == [c[0] for c in FLAT_COLUMNS]
    rows = {r["category"]: r for r in table.to_pylist()}
    assert rows["AID"]["source_names"] == ["Mara Vell"] and rows["AID"]["target_countries"] == ["IND"]
    assert rows["AID"]["date"] == dt.date(2024, 5, 7) and rows["AID"]["cameo"] == "0331"

    store.export("jsonl", str(tmp_path / "e.jsonl"))
    lines = [json.loads(x) for x in (tmp_path / "e.jsonl").read_text(encoding="utf-8").splitlines()]
    assert all(list(x)[:-1] == [c[0] for c in FLAT_COLUMNS] and x["reports"] for x in lines)
    assert {x["category"]: x["source_roles"] for x in lines}["AID"] == ["Foreign Minister"]


def test_events_stored_before_cameo_codes_get_the_crosswalks(db_url):
    ex = _article()
    for e in ex.events:
        e.cameo = None
    with Store(db_url) as store:
        store.ingest([ex])
        rows = {r["category"]: r for r in store.export_rows()}
    assert rows["AID"]["cameo"] == "070" and rows["CONSULT"]["cameo"] == "042"
