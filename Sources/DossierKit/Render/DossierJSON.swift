// dossier.json: the whole graph, in a stable sorted order (schema in the README).

enum DossierJSON {
    static func date(_ date: PartialDate?) -> JSONValue { .string(date?.description) }

    static func encode(_ dossier: Dossier) -> JSONValue {
        let corpus = dossier.corpus
        let info = corpus.dossier
        let actorsByID = Dictionary(corpus.actors.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let variants = { (entity: EntityRef) -> JSONValue in
            .array((dossier.variants[entity] ?? []).map { variant in
                .object(["text": .string(variant.text), "count": .int(variant.count), "articles": .strings(variant.articles), "outlets": .strings(variant.outlets)])
            })
        }
        let articles: [JSONValue] = corpus.articles.sorted { $0.id < $1.id }.map { article in
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
        }
        let actors: [JSONValue] = corpus.actors.sorted { $0.id < $1.id }.map { actor in
            .object([
                "id": .string(actor.id), "name": .string(actor.name.value), "kind": .string(actor.kind.rawValue),
                "aliases": .strings(actor.aliases.map(\.value)), "role": .string(actor.role), "affiliations": .strings(actor.affiliations.map(\.value)),
                "wikidata": .string(actor.wikidata), "variants": variants(EntityRef(kind: .actors, id: actor.id)),
            ])
        }
        let locations: [JSONValue] = corpus.locations.sorted { $0.id < $1.id }.map { location in
            var coordinates: JSONValue = .null
            if let latitude = location.latitude, let longitude = location.longitude { coordinates = .array([.double(latitude), .double(longitude)]) }
            return .object([
                "id": .string(location.id), "name": .string(location.name.value), "kind": .string(location.kind.rawValue),
                "aliases": .strings(location.aliases.map(\.value)), "coordinates": coordinates, "within": .string(location.within?.value),
                "wikidata": .string(location.wikidata), "variants": variants(EntityRef(kind: .locations, id: location.id)),
            ])
        }
        let propositions: [JSONValue] = corpus.propositions.sorted { $0.id < $1.id }.map { proposition in
            .object(["id": .string(proposition.id), "statement": .string(proposition.statement)])
        }
        let claims: [JSONValue] = corpus.claims.sorted { $0.id < $1.id }.map { claim in
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
        }
        let contradictions: [JSONValue] = dossier.contradictions.map { contradiction in
            .object([
                "claims": .strings([contradiction.first, contradiction.second]), "kind": .string(contradiction.kind.rawValue),
                "proposition": .string(contradiction.proposition), "explicit": .bool(contradiction.explicit),
                "dates": .array([date(contradiction.firstDate), date(contradiction.secondDate)]),
            ])
        }
        let mentions: [JSONValue] = dossier.mentions.compactMap { mention -> (String, Mention)? in
            if case .article(let id) = mention.owner { return (id, mention) }
            return nil
        }
        .sorted { ($0.0, $0.1.paragraph, $0.1.leaf, $0.1.range.lowerBound) < ($1.0, $1.1.paragraph, $1.1.leaf, $1.1.range.lowerBound) }
        .map { article, mention in
            .object(["article": .string(article), "entity": .string(mention.entity.description), "text": .string(mention.text), "paragraph": .int(mention.paragraph)])
        }
        let cooccurrences: [JSONValue] = dossier.cooccurrences.map { pair in
            .object(["entities": .strings([pair.first.description, pair.second.description]), "count": .int(pair.count)])
        }
        return .object([
            "dossier": .object([
                "title": .string(info.title), "subtitle": .string(info.subtitle), "language": .string(info.language),
                "base_url": .string(info.baseURL), "summary": .string(info.summary?.document.source),
            ]),
            "articles": .array(articles), "actors": .array(actors), "locations": .array(locations), "propositions": .array(propositions),
            "claims": .array(claims), "contradictions": .array(contradictions), "mentions": .array(mentions), "cooccurrences": .array(cooccurrences),
        ])
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
