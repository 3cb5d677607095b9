#!/usr/bin/env python3
"""A deterministic synthetic dossier for `make bench`, and the same articles as a Hugo site.

    python3 Benchmarks/generate.py --articles N --out DIR [--seed S] [--jobs J]

writes DIR/content/ (a Dossier content folder) and DIR/hugo/ (a copy of Benchmarks/hugo/ plus
content/posts/, one post per article with the same body). Everything scales with N:
N/5 actors, N/20 locations, N/8 propositions, N/2 claims.

- Names are made of syllables; every name and alias is unique (also after folding case and
  diacritics) and none is a word of the article vocabulary. About 10% of the people have a spelling
  variant (c -> ch, i -> y, j -> y) as an alias; the text also uses diacritic forms (c -> č).
- Who is mentioned follows Zipf's law (rank r has weight 1/r), and so do the words, the claimants and
  the propositions within a topic (see pick_proposition).
- Every evidence quote is a sentence copied from its article (no Markdown markup, no double quote or
  backslash in any generated sentence). About 5% of the claims quote a sentence that a second article
  repeats with one word changed, for corroboration.

Pure standard library. The output is byte-identical on every run, whatever --jobs is: every article
comes from its own random stream, seeded by (seed, article number), and files are written in a fixed
order of content.
"""

import argparse
import array
import bisect
import datetime
import itertools
import multiprocessing
import os
import random
import shutil
import sys
import time
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))

# --------------------------------------------------------------------------------------------------
# Vocabulary

FUNCTION_WORDS = (
    "the of and to in a that is was he for it with as his on be at by had are but from or have an "
    "they which one were her all she there would their we him been has when who will more no if out "
    "so said what up its about into than them can only other new some could time these two may then "
    "do first any my now such like our over man me even most made after also did many before must "
    "through back years where much your way well down should because each just those people how too "
    "little state good very make world still own see men work long get here between both life being "
    "under never day same another know while last might us great old year off come since against go "
    "came right used take three"
).split()

WORD_ONSETS = ["b", "c", "d", "f", "g", "h", "l", "m", "n", "p", "r", "s", "t", "w", "bl", "cr", "fr",
               "gl", "pl", "pr", "sh", "sp", "st", "th", "tr", "wh"]
WORD_VOWELS = ["a", "e", "i", "o", "u", "ea", "ou", "ai", "ee", "oo"]
WORD_CODAS = ["", "", "n", "r", "s", "t", "l", "nd", "st", "ng", "ck", "m"]


def word_table(vocabulary, bits=18):
    """Zipf's law over the vocabulary as a lookup table: entry b is the word of rank
    floor((V + 1) ** ((b + 0.5) / 2**bits)), the continuous approximation of weight 1/rank. 18 bits
    reach 29,632 of 30,000 words, and the table (2 MB) stays in cache: twice as fast as 20 bits."""
    size, scale = 1 << bits, len(vocabulary) + 1.0
    return [vocabulary[min(len(vocabulary), int(scale ** ((b + 0.5) / size))) - 1] for b in range(size)]


def make_vocabulary(rng, size):
    """Function words first (they get the top Zipf ranks), then made-up content words."""
    words = list(FUNCTION_WORDS)
    seen = set(words)
    while len(words) < size:
        parts = rng.choice((1, 2, 2, 2, 3))
        word = "".join(rng.choice(WORD_ONSETS) + rng.choice(WORD_VOWELS) + rng.choice(WORD_CODAS) for _ in range(parts))
        if 3 <= len(word) <= 10 and word not in seen:
            seen.add(word)
            words.append(word)
    return words


# --------------------------------------------------------------------------------------------------
# Names

NAME_ONSETS = ["b", "d", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr", "gr", "kr",
               "st", "tr", "sl", "zl", "j", "c", "h", "ml", "sv", "vl"]
NAME_VOWELS = ["a", "e", "i", "o", "u", "a", "o", "i"]
FIRST_ENDINGS = ["a", "o", "an", "ir", "ek", "ina", "el", "en", "ia", "ko", "ja"]
SURNAME_SUFFIXES = ["ski", "vic", "enko", "escu", "ov", "ev", "aj", "ic", "ova", "ani", "elli", "sen",
                    "berg", "man", "ides", "oglu", "cevski", "icki", "ijevic", "ciu"]
ORG_TYPES = ["Council", "Union", "Party", "Front", "Agency", "Alliance", "Movement", "Institute",
             "Ministry", "Forum", "Bank", "Federation", "Assembly", "Commission", "Guard", "Network"]
COUNTRY_SUFFIXES = ["ia", "land", "stan", "ora", "ania", "ovina", "eria"]
REGION_FORMS = ["North {}", "South {}", "East {}", "West {}", "Upper {}", "Lower {}", "{} Valley",
                "{} Coast", "{} Highlands", "{} Basin"]
CITY_SUFFIXES = ["grad", "ovo", "burg", "polis", "ica", "sk", "ac", "ino", "evo", "itsa", "ville", "an"]
PLACE_TYPES = ["Square", "Bridge", "Airport", "Barracks", "Crossing", "Harbour", "Stadium", "Palace",
               "Market", "Station", "Monastery", "Dam"]
ROLES = ["Prime Minister", "Foreign Minister", "Defence Minister", "Interior Minister", "President",
         "Spokesperson", "Ambassador", "Party leader", "Mayor", "Chief of Staff", "Member of Parliament",
         "Governor", "Commander", "Secretary General", "Editor", "Analyst", "Envoy", "Deputy Minister"]
OUTLET_WORDS_A = ["Daily", "Evening", "Morning", "Balkan", "Northern", "Free", "Independent", "National",
                  "Central", "Coastal", "Weekly", "Capital"]
OUTLET_WORDS_B = ["Wire", "Ledger", "Herald", "Observer", "Courier", "Post", "Gazette", "Tribune",
                  "Monitor", "Review", "Dispatch", "Radio", "Times", "Chronicle"]


def fold(text):
    """What the linker treats as the same name: case kept by it, but we fold case too, to be safe."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def slug(text):
    out = []
    for c in fold(text):
        if "a" <= c <= "z" or "0" <= c <= "9":
            out.append(c)
        elif out and out[-1] != "-":
            out.append("-")
    return "".join(out).strip("-")


def name_stem(rng, syllables):
    return "".join(rng.choice(NAME_ONSETS) + rng.choice(NAME_VOWELS) for _ in range(syllables))


def variants_of(surname):
    """Transliteration variants that stay distinct after folding diacritics (c -> ch, i -> y, j -> y)."""
    result = []
    lower = surname.lower()
    if "c" in lower:
        index = lower.index("c")
        if lower[index + 1:index + 2] != "h":
            result.append(surname[:index] + ("Ch" if index == 0 else "ch") + surname[index + 1:])
    for a, b in (("i", "y"), ("j", "y")):
        index = lower.rfind(a)
        if index > 0:
            result.append(surname[:index] + b + surname[index + 1:])
    return result


def diacritic_form(text):
    """c -> č: the same name for the linker (diacritics fold), a different spelling on the page."""
    return text.replace("c", "\u010d") if "c" in text and "ch" not in text else None


class Registry:
    """Every name and alias, folded, so no two entities claim one, and none is a vocabulary word."""

    def __init__(self, vocabulary):
        self.words = set(vocabulary)
        self.taken = set()
        self.ids = set()

    def free(self, *names):
        folded = [fold(n) for n in names]
        if len(set(folded)) != len(folded):
            return False
        for n in folded:
            # A one-word name must not be a word of the text (it would match, capitalised, at the
            # start of a sentence); longer names cannot occur by chance.
            if n in self.taken or n in self.words:
                return False
        return True

    def take(self, *names):
        for n in names:
            self.taken.add(fold(n))

    def new_id(self, base):
        candidate, number = base, 2
        while candidate in self.ids:
            candidate = f"{base}-{number}"
            number += 1
        self.ids.add(candidate)
        return candidate


class Zipf:
    """Rank r (0-based index r-1) with weight 1/r, exactly."""

    def __init__(self, count):
        self.cumulative = list(itertools.accumulate(1.0 / r for r in range(1, count + 1)))
        self.total = self.cumulative[-1]
        self.last = count - 1

    def pick(self, rng):
        return min(bisect.bisect(self.cumulative, rng.random() * self.total), self.last)


def yaml_string(text):
    assert '"' not in text and "\\" not in text, text
    return '"' + text + '"'


def yaml_list(items):
    return "[" + ", ".join(yaml_string(i) if not _plain(i) else i for i in items) + "]"


def _plain(item):
    return all(c.islower() or c.isdigit() or c == "-" for c in item)


# --------------------------------------------------------------------------------------------------
# Entities

class Entity:
    __slots__ = ("id", "kind", "group", "name", "aliases", "surname", "variants", "diacritic", "role",
                 "affiliations", "within", "coordinates", "notes")

    def __init__(self, **fields):
        for slot in self.__slots__:
            setattr(self, slot, fields.get(slot))


def make_actors(rng, count, registry):
    actors = []
    kinds = ["person"] * count
    organizations = max(1, count // 10)
    states = max(1, count // 20)
    for number, index in enumerate(rng.sample(range(count), organizations + states)):
        kinds[index] = "organization" if number < organizations else "state"
    for kind in kinds:
        while True:
            if kind == "person":
                first = name_stem(rng, rng.choice((1, 2))).capitalize() + rng.choice(FIRST_ENDINGS)
                # Surnames that can take a variant get the suffixes with c, i or j.
                surname = name_stem(rng, rng.choice((1, 2, 2))).capitalize() + rng.choice(SURNAME_SUFFIXES)
                full = f"{first} {surname}"
                names = [full, surname]
                variants = []
                if rng.random() < 0.14:  # about 10% of all actors, as not every surname has a variant
                    options = variants_of(surname)
                    if options:
                        variant = rng.choice(options)
                        variants = [f"{first} {variant}", variant]
                if not registry.free(*(names + variants)):
                    continue
                registry.take(*(names + variants))
                role = rng.choice(ROLES) if rng.random() < 0.35 else None
                diacritic = diacritic_form(surname) if rng.random() < 0.3 else None
                actor = Entity(id=registry.new_id(slug(full)), kind=kind, group="actors", name=full,
                               aliases=[surname] + variants + ([diacritic] if diacritic and rng.random() < 0.5 else []),
                               surname=surname, variants=variants, diacritic=diacritic, role=role)
            elif kind == "organization":
                stem = name_stem(rng, rng.choice((2, 3))).capitalize()
                full = f"{stem} {rng.choice(ORG_TYPES)}"
                aliases = []
                if rng.random() < 0.5:
                    aliases.append((stem[:3] + full.split()[1][:2]).upper())
                if not registry.free(full, *aliases):
                    continue
                registry.take(full, *aliases)
                actor = Entity(id=registry.new_id(slug(full)), kind=kind, group="actors", name=full,
                               aliases=aliases, variants=[], role=None)
            else:
                stem = name_stem(rng, rng.choice((2, 3))).capitalize()
                short = stem + rng.choice(COUNTRY_SUFFIXES)
                full = f"Republic of {short}"
                if not registry.free(full, short):
                    continue
                registry.take(full, short)
                actor = Entity(id=registry.new_id(slug(short) + "-state"), kind=kind, group="actors",
                               name=full, aliases=[short], variants=[], role=None)
            actors.append(actor)
            break
    groups = [a.id for a in actors if a.kind != "person"]
    for actor in actors:
        if actor.kind == "person" and rng.random() < 0.12:
            actor.affiliations = sorted(set(rng.sample(groups, min(len(groups), rng.choice((1, 1, 2))))))
    return actors


def make_locations(rng, count, registry):
    locations = []
    countries = max(1, count // 20)
    regions = max(1, count * 3 // 20)
    places = max(1, count * 3 // 10)
    cities = count - countries - regions - places
    plan = ["country"] * countries + ["region"] * regions + ["city"] * cities + ["place"] * places
    by_kind = {"country": [], "region": [], "city": []}
    for kind in plan:
        while True:
            stem = name_stem(rng, rng.choice((2, 2, 3))).capitalize()
            aliases = []
            if kind == "country":
                name = stem + rng.choice(COUNTRY_SUFFIXES)
            elif kind == "region":
                name = rng.choice(REGION_FORMS).format(stem)
            elif kind == "city":
                name = stem + rng.choice(CITY_SUFFIXES)
            else:
                name = f"{stem} {rng.choice(PLACE_TYPES)}"
            if rng.random() < 0.15:
                options = variants_of(name.split()[0]) if kind != "region" else []
                if options:
                    aliases.append(name.replace(name.split()[0], rng.choice(options), 1))
                elif kind in ("city", "place"):
                    aliases.append("Old " + name)
            if not registry.free(name, *aliases):
                continue
            registry.take(name, *aliases)
            within = None
            if kind == "region":
                within = rng.choice(by_kind["country"])
            elif kind == "city":
                pool = by_kind["region"] if rng.random() < 0.7 else by_kind["country"]
                within = rng.choice(pool) if rng.random() < 0.9 else None
            elif kind == "place":
                within = rng.choice(by_kind["city"]) if by_kind["city"] and rng.random() < 0.8 else None
            coordinates = None
            if kind in ("city", "place") and rng.random() < 0.7:
                coordinates = (round(rng.uniform(38.0, 48.0), 4), round(rng.uniform(13.0, 30.0), 4))
            location = Entity(id=registry.new_id(slug(name)), kind=kind, group="locations", name=name,
                              aliases=aliases, variants=[], within=within, coordinates=coordinates)
            if kind in by_kind:
                by_kind[kind].append(location.id)
            locations.append(location)
            break
    return locations


# --------------------------------------------------------------------------------------------------
# Articles (module-level state, shared with worker processes by fork)

STATE = {}


class Text:
    """Words and mentions for one random stream."""

    def __init__(self, rng):
        self.rng = rng
        self.table = STATE["word_table"]

    def words(self, count):
        """`count` words by Zipf's law: random bits looked up in the table (word_table)."""
        numbers = array.array("I", self.rng.randbytes(4 * count))
        if sys.byteorder == "big":
            numbers.byteswap()
        table = self.table
        return [table[x >> 14] for x in numbers]

    def mention(self):
        """A surface form for an entity picked by Zipf's law, and the entity."""
        rng = self.rng
        if rng.random() < 0.75:
            entity = STATE["actors"][STATE["actor_zipf"].pick(rng)]
        else:
            entity = STATE["locations"][STATE["location_zipf"].pick(rng)]
        roll = rng.random()
        if entity.kind == "person":
            if entity.variants and roll < 0.2:
                surface = rng.choice(entity.variants)
            elif entity.diacritic and roll < 0.3:
                surface = entity.diacritic
            elif roll < 0.55:
                surface = entity.name
            else:
                surface = entity.surname
        elif entity.aliases and roll < 0.3:
            surface = rng.choice(entity.aliases)
        else:
            surface = entity.name
        return surface, entity

    def sentence_lengths(self, count):
        r = self.rng.random
        return [8 + int(r() * 13) for _ in range(count)]

    def sentence(self, mentions, clean=False, words=None):
        """One sentence with `mentions` entity names, made of `words` (drawn here when None).
        Returns (text, is_clean, entities).

        The hot path of the generator: integers come from random() directly (randint and randrange
        cost several times more in pure Python)."""
        r = self.rng.random
        if words is None:
            words = self.words(8 + int(r() * 13))
        entities = []
        for _ in range(mentions):
            surface, entity = self.mention()
            entities.append(entity)
            if r() < 0.12:
                surface += "'s"
            words.insert(int(r() * (len(words) + 1)), surface)
        is_clean = True
        if not clean:
            roll = r()
            # Emphasis and links only on plain words, never across a name.
            if roll < 0.15:
                index = int(r() * len(words))
                if words[index][0].islower():
                    words[index] = "*" + words[index] + "*"
                    is_clean = False
            elif roll < 0.18 and len(words) > 3:
                index = int(r() * (len(words) - 2))
                if words[index][0].islower() and words[index + 1][0].islower():
                    is_clean = False
                    words[index:index + 2] = [f"[{words[index]} {words[index + 1]}](https://example.org/ref/{int(r() * 100000)})"]
        if r() < 0.3 and len(words) > 4:
            index = 1 + int(r() * (len(words) - 3))
            if not words[index].endswith(")"):
                words[index] += ","
        first = words[0]
        words[0] = first[0].upper() + first[1:]
        return " ".join(words) + ("?" if r() < 0.02 else "."), is_clean, entities


def article_rng(index):
    return random.Random(f"{STATE['seed']}/article/{index}")


def generate_article(index):
    """Writes one article (Dossier and Hugo) and returns the sentences its citations need."""
    rng = article_rng(index)
    text = Text(rng)
    meta = STATE["article_meta"][index]
    citations = STATE["citations"].get(index, 0)
    inserts = STATE["inserts"].get(index, [])
    blocks = []
    clean = []  # sentences with no markup: what an evidence quote may copy
    mentioned = {}
    paragraph_count = rng.randint(6, 10)
    heading_at = set(rng.sample(range(1, paragraph_count), rng.choice((1, 2)))) if rng.random() < 0.3 else set()
    list_at = rng.randrange(1, paragraph_count) if rng.random() < 0.15 else None
    for p in range(paragraph_count):
        if p in heading_at:
            words = text.words(rng.randint(3, 6))
            blocks.append("## " + " ".join(words).capitalize())
        if p == list_at:
            items = []
            for _ in range(rng.randint(3, 5)):
                sentence, _, entities = text.sentence(rng.choice((0, 0, 1)))
                items.append("- " + sentence)
                for e in entities:
                    mentioned.setdefault(e.id, e)
            blocks.append("\n".join(items))
        sentence_count = rng.randint(5, 10)
        mention_in = [rng.randrange(sentence_count) for _ in range(rng.randint(1, 4))]
        lengths = text.sentence_lengths(sentence_count)
        words = text.words(sum(lengths))  # one draw for the paragraph, cut into sentences
        sentences = []
        start = 0
        for s, length in enumerate(lengths):
            sentence, is_clean, entities = text.sentence(mention_in.count(s), words=words[start:start + length])
            start += length
            sentences.append(sentence)
            for e in entities:
                mentioned.setdefault(e.id, e)
            if is_clean:
                clean.append(sentence)
        blocks.append(" ".join(sentences))
    # Corroboration pairs: a sentence given by the plan, put into a random paragraph.
    for sentence in inserts:
        paragraphs = [i for i, b in enumerate(blocks) if not b.startswith(("## ", "- "))]
        target = rng.choice(paragraphs)
        blocks[target] = blocks[target] + " " + sentence
    body = "\n\n".join(blocks) + "\n"
    quotes = rng.sample(clean, min(citations, len(clean))) if citations else []
    while len(quotes) < citations:
        quotes.append(rng.choice(clean))

    lines = ["---", f"title: {yaml_string(meta['title'])}", f"source: {meta['source']}",
             f"published: {meta['published']}"]
    for key in ("url", "author", "reliability"):
        if meta.get(key):
            lines.append(f"{key}: {meta[key]}")
    lines.append("---")
    with open(os.path.join(STATE["out"], "content", "articles", meta["id"] + ".md"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n" + body)

    entities = list(mentioned.values())
    hugo = ["---", f"title: {yaml_string(meta['title'])}"]
    if meta["hugo_date"]:
        hugo.append(f"date: {meta['hugo_date']}")
    hugo.append("actors: " + yaml_list([e.name for e in entities if e.group == "actors"]))
    hugo.append("locations: " + yaml_list([e.name for e in entities if e.group == "locations"]))
    hugo.append("---")
    with open(os.path.join(STATE["out"], "hugo", "content", "posts", meta["id"] + ".md"), "w", encoding="utf-8") as f:
        f.write("\n".join(hugo) + "\n" + body)
    return quotes, len(body.encode("utf-8"))


def article_chunk(indices):
    return [generate_article(i) for i in indices]


# --------------------------------------------------------------------------------------------------

def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def write_many(files):
    for path, text in files:
        write(path, text)


def entity_file(entity, notes):
    lines = ["---", f"name: {yaml_string(entity.name)}", f"kind: {entity.kind}"]
    if entity.aliases:
        lines.append("aliases: " + yaml_list(entity.aliases))
    if entity.role:
        lines.append(f"role: {yaml_string(entity.role)}")
    if entity.affiliations:
        lines.append("affiliations: " + yaml_list(entity.affiliations))
    if entity.within:
        lines.append(f"within: {entity.within}")
    if entity.coordinates:
        lines.append(f"coordinates: [{entity.coordinates[0]}, {entity.coordinates[1]}]")
    lines.append("---")
    return "\n".join(lines) + "\n" + (notes + "\n" if notes else "")


def random_date(rng):
    start = datetime.date(2020, 1, 1).toordinal()
    return datetime.date.fromordinal(start + rng.randrange(1827)).isoformat()  # through 2024-12-31


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    started = time.monotonic()
    n = args.articles
    if n < 20:
        parser.error("--articles must be at least 20")
    out = args.out
    rng = random.Random(f"{args.seed}/entities")

    vocabulary = make_vocabulary(rng, 30000)
    STATE["word_table"] = word_table(vocabulary)
    registry = Registry(vocabulary)
    actors = make_actors(rng, n // 5, registry)
    locations = make_locations(rng, n // 20, registry)
    # Zipf ranks: a shuffled order, so rank has nothing to do with kind or file order.
    actor_ranked = list(actors)
    rng.shuffle(actor_ranked)
    location_ranked = list(locations)
    rng.shuffle(location_ranked)
    actor_zipf = Zipf(len(actor_ranked))
    location_zipf = Zipf(len(location_ranked))
    STATE.update(seed=args.seed, out=out, actors=actor_ranked, locations=location_ranked,
                 actor_zipf=actor_zipf, location_zipf=location_zipf)

    # Outlets: names with capitals and spaces (a lowercase single word would read as an actor id).
    outlets = []
    while len(outlets) < 40:
        outlet = f"{rng.choice(OUTLET_WORDS_A)} {rng.choice(OUTLET_WORDS_B)}"
        if outlet not in outlets:
            outlets.append(outlet)
    groups = [a for a in actors if a.kind == "organization"]

    # Article metadata.
    metas = []
    for i in range(n):
        roll = rng.random()
        if roll < 0.08:
            source, source_slug = "unknown", "unattributed"
        elif roll < 0.11 and groups:
            group = rng.choice(groups)
            source, source_slug = group.id, group.id
        else:
            outlet = outlets[min(int(41 ** rng.random()) - 1, 39)]
            source, source_slug = yaml_string(outlet), slug(outlet)
        roll = rng.random()
        if roll < 0.85:
            published = random_date(rng)
            hugo_date = published
        elif roll < 0.95:
            published = random_date(rng)[:7]
            hugo_date = published + "-01"
        else:
            published, hugo_date = "unknown", None
        title_words = Text(rng).words(rng.randint(5, 10))
        title = " ".join(title_words).capitalize()
        if rng.random() < 0.4:
            title = f"{rng.choice(actor_ranked[:50]).name}: {title.lower()}" if rng.random() < 0.5 else title
        article_id = f"{source_slug}-{published.replace('unknown', 'undated')}-{i:06d}"
        meta = {"id": article_id, "title": title, "source": source, "published": published, "hugo_date": hugo_date}
        if rng.random() < 0.6:
            meta["url"] = f"https://example.org/{source_slug}/{i:06d}"
        if rng.random() < 0.4:
            meta["author"] = yaml_string(f"{name_stem(rng, 2).capitalize()} {name_stem(rng, 2).capitalize()}")
        if rng.random() < 0.3:
            meta["reliability"] = rng.choice("ABCDEF")
        metas.append(meta)

    # Propositions and the claim plan (claimants, evidence articles), before any article is written.
    proposition_count = n // 8
    propositions = []
    for p in range(proposition_count):
        subject = rng.choice(actor_ranked[:200])
        words = Text(rng).words(rng.randint(6, 12))
        statement = f"{subject.name} {' '.join(words)}."
        propositions.append((f"proposition-{p:05d}-{slug(' '.join(words[:3]))}", statement))
    # Propositions come in topics of 50; a claim picks a topic uniformly, then a proposition in it by
    # Zipf's law, so a topic's first proposition has dozens of claims on both sides. (One Zipf law over
    # all propositions would give the first one a share of every claim, and the pairs of opposite
    # stances, the contradictions, would grow with the square of N: 84,000 at 10,000 articles and
    # 4.9 million at 100,000, instead of about 10,000 and 100,000.)
    topic_size = min(50, proposition_count)
    topic_zipf = Zipf(topic_size)
    topics = -(-proposition_count // topic_size)

    def pick_proposition(r):
        while True:
            index = r.randrange(topics) * topic_size + topic_zipf.pick(r)
            if index < proposition_count:
                return propositions[index][0]

    claim_count = n // 2
    claims = []
    citations = {}
    inserts = {}
    for c in range(claim_count):
        claimant = actor_ranked[actor_zipf.pick(rng)]
        claim = {"id": f"{claimant.id}-claim-{c:05d}", "claimant": claimant.id, "evidence": []}
        evidence_count = 2 if rng.random() < 0.25 else 1
        if rng.random() < 0.05:
            # Corroboration: the quoted sentence appears in article a, and with one word changed in b.
            a, b = rng.sample(range(n), 2)
            text = Text(rng)
            sentence, _, _ = text.sentence(rng.choice((0, 1)), clean=True)
            words = sentence[:-1].split(" ")
            index = rng.randrange(1, len(words))
            replacement = text.words(1)[0]
            words[index] = replacement if replacement != words[index] else "changed"
            inserts.setdefault(a, []).append(sentence)
            inserts.setdefault(b, []).append(" ".join(words) + sentence[-1])
            claim["evidence"].append((a, sentence))
            evidence_count -= 1
        for _ in range(evidence_count):
            article = rng.randrange(n)
            claim["evidence"].append((article, citations.get(article, 0)))
            citations[article] = citations.get(article, 0) + 1
        claims.append(claim)

    # Actor and location files (notes for some: Markdown that also mentions others), propositions.
    notes_rng = random.Random(f"{args.seed}/notes")
    notes_text = Text(notes_rng)
    files = []
    for entity in actors + locations:
        notes = None
        if notes_rng.random() < 0.2:
            notes = " ".join(notes_text.sentence(notes_rng.choice((0, 1)))[0] for _ in range(notes_rng.randint(1, 3)))
        files.append((os.path.join(out, "content", entity.group, entity.id + ".md"), entity_file(entity, notes)))
    for proposition_id, statement in propositions:
        files.append((os.path.join(out, "content", "propositions", proposition_id + ".md"),
                      f"---\nstatement: {yaml_string(statement)}\n---\n"))

    # Writing: articles first (claims quote them), in worker processes; files in a fixed order.
    for folder in ("content", "hugo"):
        shutil.rmtree(os.path.join(out, folder), ignore_errors=True)
    for folder in ("articles", "actors", "locations", "propositions", "claims"):
        os.makedirs(os.path.join(out, "content", folder))
    shutil.copytree(os.path.join(HERE, "hugo"), os.path.join(out, "hugo"))
    os.makedirs(os.path.join(out, "hugo", "content", "posts"), exist_ok=True)
    write(os.path.join(out, "content", "dossier.yaml"),
          f"title: Benchmark dossier\nsubtitle: \"A synthetic corpus of {n} articles (seed {args.seed})\"\nlanguage: en\n")

    STATE.update(article_meta=metas, citations=citations, inserts=inserts)
    chunks = [range(start, min(n, start + 250)) for start in range(0, n, 250)]
    pool = multiprocessing.get_context("fork").Pool(args.jobs) if args.jobs > 1 else None
    mapper = pool.imap if pool else map
    results = [r for chunk in mapper(article_chunk, chunks) for r in chunk]
    body_bytes = sum(size for _, size in results)

    claim_rng = random.Random(f"{args.seed}/claims")
    claim_text = Text(claim_rng)
    for claim in claims:
        r = claim_rng
        lines = ["---", f"claimant: {claim['claimant']}"]
        summary = " ".join(claim_text.words(r.randint(6, 12))).capitalize() + "."
        lines.append(f"summary: {yaml_string(summary)}")
        if r.random() < 0.7:
            lines.append(f"proposition: {pick_proposition(r)}")
            lines.append(f"stance: {'affirms' if r.random() < 0.5 else 'denies'}")
        roll = r.random()
        if roll < 0.5:
            lines.append(f"date: {random_date(r)}")
        elif roll < 0.65:
            lines.append(f"date: {random_date(r)[:7]}")
        if r.random() < 0.3:
            lines.append(f"location: {location_ranked[location_zipf.pick(r)].id}")
        if r.random() < 0.3:
            about = []
            for _ in range(r.randint(1, 3)):
                entity = actor_ranked[actor_zipf.pick(r)] if r.random() < 0.7 else location_ranked[location_zipf.pick(r)]
                if entity.id not in about:
                    about.append(entity.id)
            lines.append("about: " + yaml_list(about))
        if r.random() < 0.4:
            lines.append(f"credibility: {r.randint(1, 6)}")
        if r.random() < 0.02:
            other = claims[r.randrange(len(claims))]["id"]
            if other != claim["id"]:
                lines.append(f"contradicts: [{other}]")
        lines.append("evidence:")
        for article, which in claim["evidence"]:
            quote = which if isinstance(which, str) else results[article][0][which]
            lines.append(f"  - article: {metas[article]['id']}")
            lines.append(f"    quote: {yaml_string(quote)}")
        lines.append("---")
        notes = ""
        if r.random() < 0.2:
            notes = claim_text.sentence(1)[0] + "\n"
        files.append((os.path.join(out, "content", "claims", claim["id"] + ".md"), "\n".join(lines) + "\n" + notes))

    file_chunks = [files[start:start + 2000] for start in range(0, len(files), 2000)]
    for _ in mapper(write_many, file_chunks):
        pass
    if pool:
        pool.close()
        pool.join()

    elapsed = time.monotonic() - started
    print(f"generate: {n} articles ({body_bytes / 1e6:.1f} MB of Markdown), {len(actors)} actors, "
          f"{len(locations)} locations, {proposition_count} propositions, {claim_count} claims "
          f"into {out} in {elapsed:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
