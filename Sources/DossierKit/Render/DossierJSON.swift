// dossier.json: the whole graph, in a stable sorted order (schema in the README).

enum DossierJSON {
    static func date(_ date: PartialDate?) -> JSONValue { .string(date?.description) }

    /// The whole file: the top-level object with one line per item of each list, each section built and
    /// written in turn so the graph is never held twice in memory.
    static func bytes(_ dossier: Dossier) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 20)
        out += Array("{".utf8)
        let keys = ["actors", "articles", "claims", "contradictions", "cooccurrences", "dossier", "locations", "mentions", "propositions"]
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
