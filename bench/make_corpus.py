"""Generate a deterministic corpus of realistic trade articles, with the gold of every figure in it.

usage: python bench/make_corpus.py (--docs N | --mb X) --out DIR [--seed S] [--gold PATH]

Articles imitate the outlets kortrade reads: wire copy (Yonhap-like datelines and
`(END)`, Reuters-like briefs with `bn` and `pct`), Chinese state media in machine
translation (Global Times-like, with `亿`-unit damage and detached decimals), Korean dailies
in machine translation (`It is known that`, `억 원` amounts) and think-tank commentary. Each
carries boilerplate lines (share buttons, newsletter pleas, copyright), actors, deals,
dates, and figures in every form kortrade handles: `$`, `US$`, `won`, `KRW`, `yuan`,
`RMB`, `€`, `yen`, `percent`/`%`/`per cent`/`percentage points`, spelled-out decimals,
`GWh`/`MWh`/`gigawatt-hours`, counts, ranges and hedges; and numbers that are not figures
(years, durations, ordinals, model names, phone numbers).

The same seed always gives the same files. The gold (`DIR-gold.json` unless `--gold`) has
the shape of `shared/eval/seeds-gold.json`: per document, every figure's surface, kind,
value, unit and flags.
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

PARTNERS = [("China", "Chinese"), ("the United States", "U.S."), ("Japan", "Japanese"), ("Vietnam", "Vietnamese")]
KOREAN_FIRMS = [
    "Samsung Electronics",
    "SK Hynix",
    "LG Energy Solution",
    "Hyundai Motor",
    "Kia",
    "POSCO Future M",
    "Samsung SDI",
    "SK On",
    "LG Chem",
    "Lotte Chemical",
]
CHINESE_FIRMS = ["CATL", "BYD", "Chery Automobile", "CALB", "Geely", "Huawei", "Lenovo", "Gotion High-Tech"]
BATTERIES = [
    "cylindrical batteries",
    "prismatic cells",
    "pouch-type batteries",
    "energy storage systems",
    "LFP battery cells",
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
OFFICIALS = [
    "Trade Minister Ahn Duk-geun",
    "Commerce Minister Wang Wentao",
    "President Lee Jae-myung",
    "Finance Minister Choi Sang-mok",
    "Vice Premier He Lifeng",
]
WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
BOILERPLATE = [
    "Share this article",
    "Subscribe to our newsletter for the latest updates.",
    "Follow us on Twitter",
    "Read more",
    "Advertisement",
    "(END)",
    "All rights reserved.",
    "Click here to get our daily briefing.",
]
NARRATIVE = [
    "{official} told reporters that both sides agreed to keep supply chains for key minerals stable.",
    (
        '"We will continue to expand cooperation in advanced industries such as batteries and semiconductors," '
        "{official} said during a visit to {city}."
    ),
    "Analysts said demand for memory chips used in artificial intelligence servers remained the main driver.",
    "The government plans to announce additional support measures for exporters later this month.",
    "Industry officials expressed concern that export controls on graphite could disrupt battery production.",
    "{firm} declined to comment on the details of the negotiations, citing confidentiality.",
    "The two governments also discussed cooperation on climate change, tourism and cultural exchanges.",
    "Experts noted that the recovery depends largely on how quickly demand in {partner} picks up.",
    "The ministry attributed the trend to rising prices of semiconductors and a rebound in car shipments.",
    "Observers in {city} said the talks signaled a thaw after years of strained relations.",
    "{firm} has been diversifying its customer base amid uncertainty over tariff policies in Washington.",
    "Officials stressed that the measures were not aimed at any third country.",
]
COUNTS = [
    (200, "company representatives", "The delegation includes about {0}, officials said."),
    (15, "new deals", "The leaders witnessed the signing of about {0} in sectors from biotech to tourism."),
    (120000, "electric vehicles", "The batteries are enough to equip about {0}."),
    (1500, "Korean firms", "About {0} operate in the province, according to the chamber of commerce."),
    (300, "weekly flights", "Airlines plan to restore about {0} between the two countries."),
]
CITIES = ["Seoul", "Beijing", "Shanghai", "Busan", "Tokyo", "Washington"]
DISTRACTORS = [
    "The talks were the {ordinal} round since the two sides resumed dialogue in {year}.",
    "{firm} unveiled its PV5 van and the Ioniq 5 N at the show, a {n}-day event.",
    "Exports have grown for {n} consecutive months, the longest streak in {n2} years.",
    "Inquiries can be made at 02-{p1}-{p2} between 9 a.m. and 6 p.m.",
    "The company, founded in {year}, ranks among the top five suppliers in the region.",
    "The {year} agreement set out a 10-year road map under the so-called 3050 plan.",
]


@dataclass
class Article:
    """Text lines of one article and the gold of its figures (surfaces must occur in the text)."""

    lines: list[str] = field(default_factory=list)
    figures: list[dict[str, object]] = field(default_factory=list)

    def say(self, template: str, *figures: tuple[str, dict[str, object]]) -> None:
        """Append a line; `{0}`, `{1}`... receive the figures' surfaces, whose gold is recorded."""
        self.lines.append(template.format(*(surface for surface, _ in figures)))
        self.figures.extend(gold for _, gold in figures)


def gold(surface: str, kind: str, value: float, unit: str, *flags: str) -> dict[str, object]:
    return {"surface": surface, "kind": kind, "value": value, "unit": unit, "flags": list(flags)}


def decimal(rng: random.Random, low: float, high: float, places: int = 1) -> float:
    return round(rng.uniform(low, high), places)


def usd(rng: random.Random, style: str) -> tuple[str, dict[str, object]]:
    amount = decimal(rng, 1, 150)
    scale, factor = rng.choice([("billion", 1e9), ("million", 1e6)])
    surface = {
        "wire": f"${amount} {scale}",
        "reuters": f"${amount}{'bn' if factor == 1e9 else 'mn'}",
        "commentary": f"US${amount} {scale}",
        "mt": f"{amount} {scale} US dollars",
    }[style]
    return surface, gold(surface, "money", amount * factor, "USD")


def won(rng: random.Random, style: str) -> tuple[str, dict[str, object]]:
    amount = decimal(rng, 1, 99)
    if style == "mt":
        surface = f"{amount}억 원" if rng.random() < 0.5 else f"{int(amount)}조 원"
        value = amount * 1e8 if "억" in surface else int(amount) * 1e12
        return surface, gold(surface, "money", value, "KRW")
    surface = rng.choice([f"{amount} trillion won", f"KRW {amount} trillion"])
    return surface, gold(surface, "money", amount * 1e12, "KRW")


def yuan(rng: random.Random, style: str) -> tuple[str, dict[str, object]]:
    amount = decimal(rng, 1, 900)
    scale, factor = rng.choice([("billion", 1e9), ("million", 1e6)])
    surface = rng.choice([f"{amount} {scale} yuan", f"RMB {amount} {scale}"])
    return surface, gold(surface, "money", amount * factor, "CNY")


def percent(rng: random.Random, style: str, spelled: bool = False) -> tuple[str, dict[str, object]]:
    if spelled:
        whole, tenth = rng.randint(1, 9), rng.randint(1, 9)
        surface = f"{WORDS[whole]}-point-{WORDS[tenth]} percent"
        return surface, gold(surface, "percent", whole + tenth / 10, "%")
    value = decimal(rng, 0.5, 45)
    surface = {
        "wire": f"{value} percent",
        "reuters": f"{value}%",
        "commentary": f"{value} per cent",
        "mt": f"{value}%",
    }[style]
    return surface, gold(surface, "percent", value, "%")


def energy(rng: random.Random) -> tuple[str, dict[str, object]]:
    amount = rng.randint(2, 60)
    if rng.random() < 0.2:
        surface = f"{amount * 100} MWh"
        return surface, gold(surface, "energy", amount / 10, "GWh")
    surface = rng.choice([f"{amount} GWh", f"{amount} gigawatt-hours"])
    return surface, gold(surface, "energy", float(amount), "GWh")


def trade_paragraph(rng: random.Random, article: Article, style: str, year: int) -> None:
    partner, adjective = rng.choice(PARTNERS)
    month = rng.choice(MONTHS)
    verb_up, verb_down = rng.choice(["rose", "jumped", "climbed"]), rng.choice(["fell", "dropped", "dipped"])
    article.say(
        f"South Korea's exports {verb_up} {{0}} on-year to {{1}} in {month}, the trade ministry said.",
        percent(rng, style),
        usd(rng, style),
    )
    article.say(
        f"Exports to {partner} {verb_down} {{0}} to {{1}}, while imports from {partner} {verb_up} {{2}}.",
        percent(rng, style),
        usd(rng, style),
        percent(rng, style),
    )
    if rng.random() < 0.5:
        deficit = usd(rng, style)
        article.say(
            f"The country posted a trade deficit of {{0}} with {partner} in {year - 1}.",
            (deficit[0], {**deficit[1], "value": -deficit[1]["value"]}),
        )
    if rng.random() < 0.4:
        points = decimal(rng, 0.2, 5)
        surface = f"{points} percentage points"
        article.say(
            f"{adjective} goods' share of imports fell {{0}} to {{1}}.",
            (surface, gold(surface, "percent", points, "%")),
            percent(rng, style),
        )
    if rng.random() < 0.3:
        article.say("Shipments of chips grew {0}, officials said.", percent(rng, style, spelled=True))


def deal_paragraph(rng: random.Random, article: Article, style: str, year: int) -> None:
    korean, chinese, product = rng.choice(KOREAN_FIRMS), rng.choice(CHINESE_FIRMS), rng.choice(BATTERIES)
    volume = energy(rng)
    article.say(
        f"{korean} signed a deal to supply {{0}} of {product} to {chinese} over the next {rng.randint(3, 9)} years.",
        volume,
    )
    if rng.random() < 0.6:
        amount = won(rng, style)
        paired = usd(rng, "wire")
        article.say("The contract is worth {0} ({1}), the company said in a regulatory filing.", amount, paired)
    if rng.random() < 0.5:
        article.say(
            f"{korean} also plans to invest {{0}} in a plant in Hungary by {year + 3}.",
            yuan(rng, style) if rng.random() < 0.3 else usd(rng, style),
        )
    if rng.random() < 0.5:
        low = rng.randint(10, 40)
        high = f"{low + 10} percent"
        article.say(
            "Analysts expect margins of {0} to {1}.",
            (str(low), gold(str(low), "percent", low, "%", "range")),
            (high, gold(high, "percent", low + 10, "%", "range")),
        )
    if rng.random() < 0.5:
        number, noun, template = rng.choice(COUNTS)
        surface = f"{number:,} {noun}"
        article.say(template, (surface, gold(surface, "count", float(number), "count", "approximate")))


def mt_damage_paragraph(rng: random.Random, article: Article, year: int) -> None:
    """Chinese-to-English damage: detached decimals and stranded 亿 integers (see kortrade.figures.garbled)."""
    share, digit = rng.randint(10, 30), rng.randint(1, 9)
    article.say(
        f"In the first nine months, China accounted for {{0}} of South Korea's total exports{digit}%. ",
        (f"{share} percent", gold(f"{share} percent", "percent", share + digit / 10, "%", "garbled")),
    )
    first, tenth1, second, tenth2 = rng.randint(20, 60), rng.randint(1, 9), rng.randint(2, 9), rng.randint(1, 9)
    s1, s2 = f"${tenth1}00 million", f"${tenth2}00 million"
    article.say(
        f"The monthly deficit with China fell from {first} in January{{0}} to {second}{{1}}.",
        (s1, gold(s1, "money", -(first + tenth1 / 10) * 1e8, "USD", "garbled")),
        (s2, gold(s2, "money", -(second + tenth2 / 10) * 1e8, "USD", "garbled")),
    )


def narrative(rng: random.Random, sentences: int) -> list[str]:
    """Sentences of context without figures: quotes, background, analysis."""
    return [
        template.format(
            official=rng.choice(OFFICIALS),
            city=rng.choice(CITIES),
            firm=rng.choice(KOREAN_FIRMS + CHINESE_FIRMS),
            partner=rng.choice(PARTNERS)[0],
        )
        for template in rng.sample(NARRATIVE, sentences)
    ]


def distractor(rng: random.Random, year: int) -> str:
    return rng.choice(DISTRACTORS).format(
        ordinal=rng.choice(["16th", "third", "21st"]),
        year=rng.randint(1995, year),
        firm=rng.choice(KOREAN_FIRMS),
        n=rng.randint(2, 9),
        n2=rng.randint(10, 40),
        p1=rng.randint(100, 999),
        p2=rng.randint(1000, 9999),
    )


def article(rng: random.Random, index: int) -> tuple[str, Article]:
    """One article in a randomly chosen outlet style."""
    year = rng.randint(2019, 2026)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    outlet = rng.choice(["yonhap", "reuters", "globaltimes", "koreandaily", "thinktank"])
    style = {"yonhap": "wire", "reuters": "reuters", "globaltimes": "mt", "koreandaily": "mt"}.get(outlet, "commentary")
    text = Article()
    dateline = {
        "yonhap": f"SEOUL, {MONTHS[month - 1][:3]}. {day} (Yonhap) -- ",
        "reuters": f"SEOUL, {MONTHS[month - 1]} {day} (Reuters) - ",
        "globaltimes": "Global Times special correspondent in Seoul] ",
        "koreandaily": "",
        "thinktank": "",
    }[outlet]
    text.lines += [f"Korea-China trade update No. {index}", f"{MONTHS[month - 1]} {day}, {year}"]
    if rng.random() < 0.5:
        text.lines.append(rng.choice(BOILERPLATE))
    text.lines.append(
        dateline + f"{rng.choice(OFFICIALS)} said economic ties would deepen, as data for {year} "
        "showed a shift in supply chains."
    )
    for _ in range(rng.randint(2, 6)):
        first_line = len(text.lines)
        rng.choice([trade_paragraph, deal_paragraph])(rng, text, style, year)
        text.lines.append(distractor(rng, year))
        text.lines += narrative(rng, rng.randint(2, 5))
        if style in ("mt", "commentary"):
            text.lines[first_line:] = [" ".join(text.lines[first_line:])]
        if outlet == "koreandaily" and rng.random() < 0.5:
            text.lines.append("It is known that the two companies are also discussing a joint venture.")
    if outlet == "globaltimes":
        mt_damage_paragraph(rng, text, year)
    text.lines += [rng.choice(BOILERPLATE) for _ in range(rng.randint(0, 3))]
    return f"{index:05d}_{outlet}", text


def generate(out: Path, docs: int | None, megabytes: float | None, seed: int, gold_path: Path) -> None:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    gold_docs: dict[str, object] = {}
    size, index = 0, 0
    while (docs is not None and index < docs) or (megabytes is not None and size < megabytes * 1e6):
        doc_id, generated = article(rng, index)
        body = "\n".join(generated.lines) + "\n"
        (out / f"{doc_id}.txt").write_text(body, encoding="utf-8")
        gold_docs[doc_id] = {"figures": generated.figures}
        size += len(body.encode("utf-8"))
        index += 1
    about = f"Generated by bench/make_corpus.py with seed {seed}: {index} documents, {size} bytes."
    gold_path.write_text(json.dumps({"about": about, "docs": gold_docs}, indent=1) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    amount = parser.add_mutually_exclusive_group(required=True)
    amount.add_argument("--docs", type=int, help="number of documents")
    amount.add_argument("--mb", type=float, help="megabytes of text")
    parser.add_argument("--out", type=Path, required=True, help="folder for the documents")
    parser.add_argument("--seed", type=int, default=20240328)
    parser.add_argument("--gold", type=Path, help="gold file (default: OUT-gold.json beside the folder)")
    args = parser.parse_args()
    gold_path = args.gold or args.out.with_name(args.out.name + "-gold.json")
    generate(args.out, args.docs, args.mb, args.seed, gold_path)


if __name__ == "__main__":
    main()
