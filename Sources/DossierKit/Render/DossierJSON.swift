// dossier.json: the whole graph, in a stable sorted order (schema in the README).

enum DossierJSON {
    static func date(_ date: PartialDate?) -> JSONValue { .string(date?.description) }

    static let keys = ["actors", "articles", "claims", "contradictions", "cooccurrences", "dossier", "locations", "mentions", "propositions"]

    /// The whole file in one array (for tests and small dossiers).
    static func bytes(_ dossier: Dossier) -> [UInt8] {
        var out: [UInt8] = []
        write(dossier) { out += $0 }
        return out
    }

    /// The whole file: the top-level object with one line per item of each list, written straight to bytes
    /// (the same bytes `referenceBytes` makes through `JSONValue`, without building the graph as values) and
    /// handed to `emit` in pieces of about `chunk` bytes, so the file is never held whole in memory.
    static func write(_ dossier: Dossier, chunk: Int = 1 << 20, emit: @escaping ([UInt8]) -> Void) {
        var json = JSONWriter()
        json.chunk = chunk
        json.emit = emit
        json.out.reserveCapacity(chunk + chunk / 8)
        json.raw("{")
        for (position, key) in keys.enumerated() {
            json.out.append(contentsOf: "\n  \"\(key)\": ".utf8)
            if key == "dossier" {
                writeInfo(dossier.corpus.dossier, &json)
            } else {
                var first = true
                writeItems(key, dossier, &json, &first)
                json.raw(first ? "[]" : "\n  ]")
            }
            if position < keys.count - 1 { json.raw(",") }
        }
        json.raw("\n}\n")
        json.flush()
    }

    /// The file as `JSONValue` serializes it: the reference `bytes` must equal (tests compare the two).
    static func referenceBytes(_ dossier: Dossier) -> [UInt8] {
        var out: [UInt8] = []
        out += Array("{".utf8)
        for (position, key) in keys.enumerated() {
            out += Array("\n  \"\(key)\": ".utf8)
            let value = section(key, dossier)
            if case .array(let items) = value {
                if items.isEmpty {
                    out += Array("[]".utf8)
                } else {
                    out += Array("[".utf8)
                    for (index, item) in items.enumerated() {
                        out += Array((index > 0 ? ",\n    " : "\n    ").utf8)
                        out += Array(item.serialized().utf8)
                    }
                    out += Array("\n  ]".utf8)
                }
            } else {
                out += Array(value.serialized().utf8)
            }
            if position < keys.count - 1 { out += Array(",".utf8) }
        }
        out += Array("\n}\n".utf8)
        return out
    }

    private static func writeInfo(_ info: DossierInfo, _ json: inout JSONWriter) {
        json.raw("{\"base_url\":")
        json.string(info.baseURL)
        json.raw(",\"language\":")
        json.string(info.language)
        json.raw(",\"subtitle\":")
        json.string(info.subtitle)
        json.raw(",\"summary\":")
        json.string(info.summary?.document.source)
        json.raw(",\"title\":")
        json.string(info.title)
        json.raw("}")
    }

    /// Writes each item of a list section on a line of its own, as compact JSON with keys in sorted order
    /// (as `JSONValue` writes them); `first` stays true when the list is empty.
    private static func writeItems(_ key: String, _ dossier: Dossier, _ json: inout JSONWriter, _ first: inout Bool) {
        let corpus = dossier.corpus
        let actorsByID = Dictionary(corpus.actors.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        func variants(_ entity: EntityRef, _ json: inout JSONWriter) {
            json.raw("[")
            for (index, variant) in (dossier.variants[entity] ?? []).enumerated() {
                if index > 0 { json.raw(",") }
                json.raw("{\"articles\":")
                json.strings(variant.articles)
                json.raw(",\"count\":")
                json.int(variant.count)
                json.raw(",\"outlets\":")
                json.strings(variant.outlets)
                json.raw(",\"text\":")
                json.string(variant.text)
                json.raw("}")
            }
            json.raw("]")
        }
        switch key {
        case "articles":
            for article in corpus.articles.sorted(by: { $0.id < $1.id }) {
                json.item(&first)
                do {
                    json.raw("{\"author\":")
                    json.string(article.author)
                    json.raw(",\"id\":")
                    json.string(article.id)
                    json.raw(",\"language\":")
                    json.string(article.language)
                    json.raw(",\"published\":")
                    json.string(article.published?.description)
                    json.raw(",\"reliability\":")
                    json.string(article.reliability)
                    json.raw(",\"source\":")
                    switch article.source {
                    case .outlet(let name):
                        json.raw("{\"kind\":\"outlet\",\"name\":")
                        json.string(name)
                        json.raw("}")
                    case .actor(let id):
                        json.raw("{\"actor\":")
                        json.string(id)
                        json.raw(",\"kind\":\"actor\",\"name\":")
                        json.string(SiteText.outletName(article, actors: actorsByID))
                        json.raw("}")
                    case .unknown:
                        json.raw("{\"kind\":\"unknown\"}")
                    }
                    json.raw(",\"title\":")
                    json.string(article.title)
                    json.raw(",\"url\":")
                    json.string(article.url)
                    json.raw("}")
                }
            }
        case "actors":
            for actor in corpus.actors.sorted(by: { $0.id < $1.id }) {
                json.item(&first)
                do {
                    json.raw("{\"affiliations\":")
                    json.strings(actor.affiliations.map(\.value))
                    json.raw(",\"aliases\":")
                    json.strings(actor.aliases.map(\.value))
                    json.raw(",\"id\":")
                    json.string(actor.id)
                    json.raw(",\"kind\":")
                    json.string(actor.kind.rawValue)
                    json.raw(",\"name\":")
                    json.string(actor.name.value)
                    json.raw(",\"role\":")
                    json.string(actor.role)
                    json.raw(",\"variants\":")
                    variants(EntityRef(kind: .actors, id: actor.id), &json)
                    json.raw(",\"wikidata\":")
                    json.string(actor.wikidata)
                    json.raw("}")
                }
            }
        case "locations":
            for location in corpus.locations.sorted(by: { $0.id < $1.id }) {
                json.item(&first)
                do {
                    json.raw("{\"aliases\":")
                    json.strings(location.aliases.map(\.value))
                    json.raw(",\"coordinates\":")
                    if let latitude = location.latitude, let longitude = location.longitude {
                        json.raw("[")
                        json.double(latitude)
                        json.raw(",")
                        json.double(longitude)
                        json.raw("]")
                    } else {
                        json.raw("null")
                    }
                    json.raw(",\"id\":")
                    json.string(location.id)
                    json.raw(",\"kind\":")
                    json.string(location.kind.rawValue)
                    json.raw(",\"name\":")
                    json.string(location.name.value)
                    json.raw(",\"variants\":")
                    variants(EntityRef(kind: .locations, id: location.id), &json)
                    json.raw(",\"wikidata\":")
                    json.string(location.wikidata)
                    json.raw(",\"within\":")
                    json.string(location.within?.value)
                    json.raw("}")
                }
            }
        case "propositions":
            for proposition in corpus.propositions.sorted(by: { $0.id < $1.id }) {
                json.item(&first)
                do {
                    json.raw("{\"id\":")
                    json.string(proposition.id)
                    json.raw(",\"statement\":")
                    json.string(proposition.statement)
                    json.raw("}")
                }
            }
        case "claims":
            for claim in corpus.claims.sorted(by: { $0.id < $1.id }) {
                json.item(&first)
                do {
                    json.raw("{\"about\":")
                    json.strings(claim.about.map(\.value))
                    json.raw(",\"claimant\":")
                    json.string(claim.claimant.value)
                    json.raw(",\"contradicts\":")
                    json.strings(claim.contradicts.map(\.value))
                    json.raw(",\"credibility\":")
                    if let credibility = claim.credibility { json.int(credibility) } else { json.raw("null") }
                    json.raw(",\"date\":")
                    json.string(claim.date?.description)
                    json.raw(",\"evidence\":[")
                    for (index, result) in (dossier.evidence[claim.id] ?? []).enumerated() {
                        if index > 0 { json.raw(",") }
                        json.raw("{\"anchor\":")
                        json.string("q-\(claim.id)-\(result.number)")
                        json.raw(",\"article\":")
                        json.string(result.article)
                        json.raw(",\"corroborations\":[")
                        for (position, corroboration) in result.corroborations.enumerated() {
                            if position > 0 { json.raw(",") }
                            json.raw("{\"article\":")
                            json.string(corroboration.article)
                            json.raw(",\"diff\":[")
                            for (chunk, diff) in corroboration.diff.enumerated() {
                                json.raw(chunk > 0 ? ",{\"op\":" : "{\"op\":")
                                json.string(diff.operation.rawValue)
                                json.raw(",\"text\":")
                                json.string(diff.text)
                                json.raw("}")
                            }
                            json.raw("],\"paragraph\":")
                            json.int(corroboration.paragraph)
                            json.raw(",\"passage\":")
                            json.string(corroboration.passage)
                            json.raw(",\"similarity\":")
                            json.double((corroboration.similarity * 1000).rounded() / 1000)
                            json.raw("}")
                        }
                        json.raw("],\"paragraph\":")
                        if let location = result.location { json.int(location.paragraph) } else { json.raw("null") }
                        json.raw(",\"quote\":")
                        json.string(result.quote)
                        json.raw(",\"verified\":")
                        json.raw(result.verified ? "true" : "false")
                        json.raw("}")
                    }
                    json.raw("],\"id\":")
                    json.string(claim.id)
                    json.raw(",\"location\":")
                    json.string(claim.location?.value)
                    json.raw(",\"proposition\":")
                    json.string(claim.proposition?.value)
                    json.raw(",\"stance\":")
                    json.string(claim.stance?.rawValue)
                    json.raw(",\"summary\":")
                    json.string(claim.summary)
                    json.raw("}")
                }
            }
        case "contradictions":
            for contradiction in dossier.contradictions {
                json.item(&first)
                do {
                    json.raw("{\"claims\":")
                    json.strings([contradiction.first, contradiction.second])
                    json.raw(",\"dates\":[")
                    json.string(contradiction.firstDate?.description)
                    json.raw(",")
                    json.string(contradiction.secondDate?.description)
                    json.raw("],\"explicit\":")
                    json.raw(contradiction.explicit ? "true" : "false")
                    json.raw(",\"kind\":")
                    json.string(contradiction.kind.rawValue)
                    json.raw(",\"proposition\":")
                    json.string(contradiction.proposition)
                    json.raw("}")
                }
            }
        case "mentions":
            // Mentions are sorted by owner (article id order), paragraph, leaf and range already.
            for owner in dossier.mentionOwners {
                guard case .article(let article) = owner else { continue }
                for mention in dossier.mentionsByOwner[owner] ?? [] {
                    json.item(&first)
                    json.raw("[")
                    json.string(article)
                    json.raw(",")
                    json.entity(mention.entity)
                    json.raw(",")
                    json.string(mention.text)
                    json.raw(",")
                    json.int(mention.paragraph)
                    json.raw("]")
                }
            }
        case "cooccurrences":
            for pair in dossier.cooccurrences {
                json.item(&first)
                do {
                    json.raw("[")
                    json.entity(pair.first)
                    json.raw(",")
                    json.entity(pair.second)
                    json.raw(",")
                    json.int(pair.count)
                    json.raw("]")
                }
            }
        default:
            break
        }
    }

    /// The whole graph as one value (for tests and small dossiers).
    static func encode(_ dossier: Dossier) -> JSONValue {
        var members: [String: JSONValue] = [:]
        for key in ["actors", "articles", "claims", "contradictions", "cooccurrences", "dossier", "locations", "mentions", "propositions"] {
            members[key] = section(key, dossier)
        }
        return .object(members)
    }

    static func section(_ key: String, _ dossier: Dossier) -> JSONValue {
        let corpus = dossier.corpus
        let info = corpus.dossier
        let actorsByID = Dictionary(corpus.actors.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let variants = { (entity: EntityRef) -> JSONValue in
            .array((dossier.variants[entity] ?? []).map { variant in
                .object(["text": .string(variant.text), "count": .int(variant.count), "articles": .strings(variant.articles), "outlets": .strings(variant.outlets)])
            })
        }
        switch key {
        case "articles": return .array(corpus.articles.sorted { $0.id < $1.id }.map { article in
            let source: JSONValue
            switch article.source {
            case .outlet(let name): source = .object(["kind": .string("outlet"), "name": .string(name)])
            case .actor(let id): source = .object(["kind": .string("actor"), "actor": .string(id), "name": .string(SiteText.outletName(article, actors: actorsByID))])
            case .unknown: source = .object(["kind": .string("unknown")])
            }
            return .object([
                "id": .string(article.id), "title": .string(article.title), "source": source, "published": date(article.published),
                "url": .string(article.url), "author": .string(article.author), "language": .string(article.language),
                "reliability": .string(article.reliability),
            ])
        })
        case "actors": return .array(corpus.actors.sorted { $0.id < $1.id }.map { actor in
            .object([
                "id": .string(actor.id), "name": .string(actor.name.value), "kind": .string(actor.kind.rawValue),
                "aliases": .strings(actor.aliases.map(\.value)), "role": .string(actor.role), "affiliations": .strings(actor.affiliations.map(\.value)),
                "wikidata": .string(actor.wikidata), "variants": variants(EntityRef(kind: .actors, id: actor.id)),
            ])
        })
        case "locations": return .array(corpus.locations.sorted { $0.id < $1.id }.map { location in
            var coordinates: JSONValue = .null
            if let latitude = location.latitude, let longitude = location.longitude { coordinates = .array([.double(latitude), .double(longitude)]) }
            return .object([
                "id": .string(location.id), "name": .string(location.name.value), "kind": .string(location.kind.rawValue),
                "aliases": .strings(location.aliases.map(\.value)), "coordinates": coordinates, "within": .string(location.within?.value),
                "wikidata": .string(location.wikidata), "variants": variants(EntityRef(kind: .locations, id: location.id)),
            ])
        })
        case "propositions": return .array(corpus.propositions.sorted { $0.id < $1.id }.map { proposition in
            .object(["id": .string(proposition.id), "statement": .string(proposition.statement)])
        })
        case "claims": return .array(corpus.claims.sorted { $0.id < $1.id }.map { claim in
            let evidence: [JSONValue] = (dossier.evidence[claim.id] ?? []).map { result in
                .object([
                    "article": .string(result.article), "quote": .string(result.quote), "verified": .bool(result.verified),
                    "anchor": .string("q-\(claim.id)-\(result.number)"), "paragraph": result.location.map { .int($0.paragraph) } ?? .null,
                    "corroborations": .array(result.corroborations.map { corroboration in
                        .object([
                            "article": .string(corroboration.article), "paragraph": .int(corroboration.paragraph), "passage": .string(corroboration.passage),
                            "similarity": .double((corroboration.similarity * 1000).rounded() / 1000),
                            "diff": .array(corroboration.diff.map { .object(["op": .string($0.operation.rawValue), "text": .string($0.text)]) }),
                        ])
                    }),
                ])
            }
            return .object([
                "id": .string(claim.id), "claimant": .string(claim.claimant.value), "summary": .string(claim.summary),
                "proposition": .string(claim.proposition?.value), "stance": .string(claim.stance?.rawValue), "date": date(claim.date),
                "location": .string(claim.location?.value), "about": .strings(claim.about.map(\.value)),
                "credibility": claim.credibility.map { .int($0) } ?? .null, "contradicts": .strings(claim.contradicts.map(\.value)),
                "evidence": .array(evidence),
            ])
        })
        case "contradictions": return .array(dossier.contradictions.map { contradiction in
            .object([
                "claims": .strings([contradiction.first, contradiction.second]), "kind": .string(contradiction.kind.rawValue),
                "proposition": .string(contradiction.proposition), "explicit": .bool(contradiction.explicit),
                "dates": .array([date(contradiction.firstDate), date(contradiction.secondDate)]),
            ])
        })
        case "mentions":
            // Mentions are sorted by owner (article id order), paragraph, leaf and range already.
            return .array(dossier.mentions.compactMap { mention -> JSONValue? in
                guard case .article(let article) = mention.owner else { return nil }
                return .array([.string(article), .string(mention.entity.description), .string(mention.text), .int(mention.paragraph)])
            })
        case "cooccurrences":
            return .array(dossier.cooccurrences.map { pair in
                .array([.string(pair.first.description), .string(pair.second.description), .int(pair.count)])
            })
        default:
            return .object([
                "title": .string(info.title), "subtitle": .string(info.subtitle), "language": .string(info.language),
                "base_url": .string(info.baseURL), "summary": .string(info.summary?.document.source),
            ])
        }
    }
}

/// sitemap.xml and feed.xml, written only when dossier.yaml sets base_url.
enum Feeds {
    static func absolute(_ baseURL: String, _ path: String) -> String {
        (baseURL.hasSuffix("/") ? baseURL : baseURL + "/") + path
    }

    static func sitemap(baseURL: String, paths: [String]) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for path in paths.sorted() {
            xml += "  <url><loc>\(SiteText.xml(absolute(baseURL, path)))</loc></url>\n"
        }
        return xml + "</urlset>\n"
    }

    /// Atom needs an update time; the newest article date stands in, so the feed stays deterministic.
    static func atom(baseURL: String, dossier: Dossier) -> String {
        let corpus = dossier.corpus
        let known = corpus.articles.compactMap { article in article.published.map { (article, $0) } }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.id < $1.0.id }.map(\.0)
        let dated = known + corpus.articles.filter { $0.published == nil }
        let newest = dated.first?.published
        func timestamp(_ date: PartialDate?) -> String {
            guard let date else { return timestamp(newest ?? PartialDate("2000")) }
            let month = date.month ?? 1, day = date.day ?? 1
            return String(format: "%04d-%02d-%02dT00:00:00Z", date.year, month, day)
        }
        let actorsByID = Dictionary(corpus.actors.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
        xml += "  <title>\(SiteText.xml(corpus.dossier.title))</title>\n"
        xml += "  <id>\(SiteText.xml(absolute(baseURL, "")))</id>\n"
        xml += "  <link href=\"\(SiteText.xml(absolute(baseURL, "")))\"/>\n"
        xml += "  <link rel=\"self\" href=\"\(SiteText.xml(absolute(baseURL, "feed.xml")))\"/>\n"
        xml += "  <updated>\(timestamp(newest))</updated>\n"
        xml += "  <author><name>\(SiteText.xml(corpus.dossier.title))</name></author>\n"
        for article in dated {
            let link = absolute(baseURL, "articles/\(article.id).html")
            xml += "  <entry>\n"
            xml += "    <title>\(SiteText.xml(article.title))</title>\n"
            xml += "    <id>\(SiteText.xml(link))</id>\n"
            xml += "    <link href=\"\(SiteText.xml(link))\"/>\n"
            xml += "    <updated>\(timestamp(article.published))</updated>\n"
            xml += "    <summary>\(SiteText.xml(SiteText.outletName(article, actors: actorsByID) + ", " + (article.published?.display ?? "date unknown")))</summary>\n"
            xml += "  </entry>\n"
        }
        return xml + "</feed>\n"
    }
}

/// Compact JSON written straight into bytes, escaped exactly as `JSONValue.serialized()` escapes.
struct JSONWriter {
    var out: [UInt8] = []
    /// With `emit`, `out` is handed over and emptied whenever an item ends past `chunk` bytes.
    var chunk = Int.max
    var emit: (([UInt8]) -> Void)?

    mutating func flush() {
        guard let emit, !out.isEmpty else { return }
        emit(out)
        out.removeAll(keepingCapacity: true)
    }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    /// Starts the next item of a top-level list: "[" and a new line before the first, "," before the others.
    mutating func item(_ first: inout Bool) {
        if out.count >= chunk { flush() }
        raw(first ? "[\n    " : ",\n    ")
        first = false
    }

    /// In decimal digits, cut from the right into a small buffer: no String made for it.
    mutating func int(_ value: Int) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var rest = value.magnitude
        let count = withUnsafeMutableBytes(of: &digits) { digits -> Int in
            var position = digits.count
            repeat {
                position -= 1
                digits[position] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
            } while rest > 0
            if value < 0 {
                position -= 1
                digits[position] = UInt8(ascii: "-")
            }
            return digits.count - position
        }
        withUnsafeBytes(of: &digits) { digits in out.append(contentsOf: UnsafeRawBufferPointer(rebasing: digits[(digits.count - count)...])) }
    }

    /// `entity.description` as a JSON string, without making the description: "kind/id" (escaping works byte by
    /// byte, and the kind and the slash need none, so this is `string(entity.description)`).
    mutating func entity(_ entity: EntityRef) {
        out.append(0x22)
        switch entity.kind {
        case .actors: raw("actors/")
        case .locations: raw("locations/")
        }
        Self.appendEscaped(entity.id, to: &out)
        out.append(0x22)
    }

    mutating func double(_ value: Double) {
        if value.isFinite { out.append(contentsOf: String(value).utf8) } else { raw("null") }
    }

    mutating func strings(_ values: [String]) {
        raw("[")
        for (index, value) in values.enumerated() {
            if index > 0 { raw(",") }
            string(value)
        }
        raw("]")
    }

    mutating func string(_ value: String?) {
        guard let value else {
            raw("null")
            return
        }
        Self.appendString(value, to: &out)
    }

    /// A JSON string that is also safe inside a <script> element (< > & and the JavaScript line separators escaped).
    static func appendString(_ value: String, to out: inout [UInt8]) {
        out.append(0x22)
        appendEscaped(value, to: &out)
        out.append(0x22)
    }

    /// The inside of `appendString`'s string: the text escaped, without the quotes.
    static func appendEscaped(_ value: String, to out: inout [UInt8]) {
        var value = value
        value.withUTF8 { bytes in
            var start = 0
            var index = 0
            func flush() {
                if start < index { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index])) }
            }
            while index < bytes.count {
                let byte = bytes[index]
                let escape: StaticString?
                switch byte {
                case 0x22: escape = "\\\""
                case 0x5C: escape = "\\\\"
                case 0x0A: escape = "\\n"
                case 0x0D: escape = "\\r"
                case 0x09: escape = "\\t"
                case 0x3C: escape = "\\u003c"
                case 0x3E: escape = "\\u003e"
                case 0x26: escape = "\\u0026"
                case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && bytes[index + 2] == 0xA8: escape = "\\u2028"
                case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && bytes[index + 2] == 0xA9: escape = "\\u2029"
                default: escape = nil
                }
                if let escape {
                    flush()
                    escape.withUTF8Buffer { out.append(contentsOf: $0) }
                    index += byte == 0xE2 ? 3 : 1
                    start = index
                } else if byte < 0x20 {
                    flush()
                    let hex = String(byte, radix: 16)
                    out.append(contentsOf: "\\u".utf8)
                    out.append(contentsOf: String(repeating: "0", count: 4 - hex.count).utf8)
                    out.append(contentsOf: hex.utf8)
                    index += 1
                    start = index
                } else {
                    index += 1
                }
            }
            flush()
        }
    }
}
