// The context of every page kind: plain dictionaries the Mustache templates read.
import DossierMarkdown
import Foundation

extension SiteRenderer {
    // MARK: - Pieces shared by pages

    func dateContext(_ date: PartialDate?) -> [String: Any] {
        guard let date else { return ["display": "date unknown", "known": false] }
        return ["display": date.display, "iso": date.description, "known": true]
    }

    func entityLink(_ entity: EntityRef, root: String) -> [String: Any] {
        ["name": index.name(of: entity), "href": "\(root)\(entity).html", "key": entity.description]
    }

    func articleLink(_ article: Article, root: String) -> [String: Any] {
        [
            "id": article.id, "title": article.title, "href": "\(root)articles/\(article.id).html",
            "outlet": SiteText.outletName(article, corpus: corpus), "date": dateContext(article.published),
        ]
    }

    /// Articles that carry a claim: those its evidence cites and those where it was corroborated.
    func carryingArticles(_ claim: Claim) -> [String] {
        var ids = Set(claim.evidence.map(\.article.value))
        for result in dossier.evidence[claim.id] ?? [] { ids.formUnion(result.corroborations.map(\.article)) }
        return ids.sorted()
    }

    /// "2 outlets", "1 outlet and 2 of unknown outlet": articles whose outlet is unknown are not
    /// counted as outlets of their own, since they may share one.
    func outletSummary(_ articles: [String]) -> String {
        var outlets = Set<String>()
        var unknown = 0
        for id in articles {
            guard let article = index.articles[id] else { continue }
            if case .unknown = article.source { unknown += 1 } else { outlets.insert(SiteText.outletName(article, corpus: corpus)) }
        }
        let known = outlets.isEmpty ? nil : SiteText.plural(outlets.count, "outlet")
        let rest = unknown == 0 ? nil : "\(unknown) of unknown outlet"
        return [known, rest].compactMap { $0 }.joined(separator: " and ")
    }

    func claimCard(_ claim: Claim, root: String) -> [String: Any] {
        var card: [String: Any] = [
            "id": claim.id, "href": "\(root)claims/\(claim.id).html", "summary": claim.summary,
            "claimant": entityLink(EntityRef(kind: .actors, id: claim.claimant.value), root: root), "date": dateContext(claim.date),
        ]
        if let stance = claim.stance { card["stance"] = stance.rawValue }
        if let proposition = claim.proposition.flatMap({ index.propositions[$0.value] }) {
            card["proposition"] = ["statement": proposition.statement, "href": "\(root)propositions/\(proposition.id).html"]
        }
        if let first = (dossier.evidence[claim.id] ?? []).first {
            card["quote"] = first.quote
            card["quoteHref"] = "\(root)articles/\(first.article).html#q-\(claim.id)-\(first.number)"
            card["quoteSource"] = index.articles[first.article].map { SiteText.outletName($0, corpus: corpus) } ?? first.article
        }
        let carrying = carryingArticles(claim)
        card["articleCount"] = SiteText.plural(carrying.count, "article")
        card["outletCount"] = outletSummary(carrying)
        return card
    }

    func contradictionContext(_ contradiction: Contradiction, root: String) -> [String: Any] {
        var context: [String: Any] = [
            "self": contradiction.kind == .selfContradiction, "explicit": contradiction.explicit,
            "kind": contradiction.kind == .selfContradiction ? "Self-contradiction" : "Between actors",
        ]
        if let first = index.claims[contradiction.first] { context["first"] = claimCard(first, root: root) }
        if let second = index.claims[contradiction.second] { context["second"] = claimCard(second, root: root) }
        if let proposition = contradiction.proposition.flatMap({ index.propositions[$0] }) {
            context["proposition"] = ["statement": proposition.statement, "href": "\(root)propositions/\(proposition.id).html"]
        }
        return context
    }

    func contradictions(involving claims: Set<String>) -> [Contradiction] {
        dossier.contradictions.filter { claims.contains($0.first) || claims.contains($0.second) }
    }

    func articlesByDate() -> [Article] {
        corpus.articles.sorted { a, b in
            switch (a.published, b.published) {
            case (let x?, let y?): return x != y ? x > y : a.id < b.id
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return a.id < b.id
            }
        }
    }

    func mentionCounts(for owner: TextOwner, root: String) -> [[String: Any]] {
        var counts: [EntityRef: Int] = [:]
        for mention in index.mentionsByOwner[owner] ?? [] { counts[mention.entity, default: 0] += 1 }
        return counts.keys.sorted { (counts[$1] ?? 0, $1) < (counts[$0] ?? 0, $0) }.map { entity in
            var link = entityLink(entity, root: root)
            link["count"] = counts[entity] ?? 0
            return link
        }
    }

    func textNotes(_ text: MarkdownText, owner: TextOwner, root: String) -> String? {
        text.isBlank ? nil : renderMarkdown(text, owner: owner, root: root, anchors: false)
    }

    // MARK: - Pages

    func homeContext() -> [String: Any] {
        let root = ""
        let entityCounts = Dictionary(grouping: dossier.mentions.filter { if case .article = $0.owner { true } else { false } }, by: \.entity)
            .mapValues(\.count)
        let keyActors = corpus.actors.map { EntityRef(kind: .actors, id: $0.id) }
            .sorted { (entityCounts[$1] ?? 0, $1) < (entityCounts[$0] ?? 0, $0) }
            .prefix(8)
            .map { entity -> [String: Any] in
                var link = entityLink(entity, root: root)
                link["count"] = SiteText.plural(entityCounts[entity] ?? 0, "mention")
                link["role"] = index.actors[entity.id]?.role as Any
                return link
            }
        let info = corpus.dossier
        var extra: [String: Any] = [
            "subtitle": info.subtitle as Any,
            "summary": info.summary.map { renderMarkdown($0, owner: .summary, root: root, anchors: false) } as Any,
            "counts": [
                ["label": "articles", "value": corpus.articles.count, "href": "articles/index.html"],
                ["label": "actors", "value": corpus.actors.count, "href": "actors/index.html"],
                ["label": "locations", "value": corpus.locations.count, "href": "locations/index.html"],
                ["label": "claims", "value": corpus.claims.count, "href": "claims/index.html"],
                ["label": "propositions", "value": corpus.propositions.count, "href": "propositions/index.html"],
                ["label": "contradictions", "value": dossier.contradictions.count, "href": "contradictions/index.html"],
            ],
            "contradictions": dossier.contradictions.map { contradictionContext($0, root: root) },
            "latestArticles": articlesByDate().prefix(10).map { articleLink($0, root: root) },
            "keyActors": Array(keyActors),
        ]
        extra["hasContradictions"] = !dossier.contradictions.isEmpty
        let json: JSONValue = .object([
            "@context": .string("https://schema.org"), "@type": .string("WebSite"), "name": .string(info.title),
            "description": .string(info.subtitle ?? info.title), "inLanguage": .string(info.language),
        ])
        return layout(
            path: "index.html", title: info.title, description: info.subtitle ?? "Briefing dossier: \(info.title)", section: "index", crumbs: [],
            jsonLD: json, extra: extra)
    }

    func notFoundContext() -> [String: Any] {
        layout(
            path: "404.html", title: "Page not found", description: "This page does not exist in the dossier.", section: "", crumbs: [("Page not found", nil)],
            jsonLD: .object(["@context": .string("https://schema.org"), "@type": .string("WebPage"), "name": .string("Page not found")]), extra: [:])
    }

    func articlesIndexContext() -> [String: Any] {
        let root = "../"
        let extra: [String: Any] = ["articles": articlesByDate().map { articleLink($0, root: root) }]
        return layout(
            path: "articles/index.html", title: "Articles", description: "The \(SiteText.plural(corpus.articles.count, "source article")) of this dossier, newest first.",
            section: "articles", crumbs: [("Articles", nil)], jsonLD: collectionJSON("Articles"), extra: extra)
    }

    func collectionJSON(_ name: String) -> JSONValue {
        .object(["@context": .string("https://schema.org"), "@type": .string("CollectionPage"), "name": .string(name), "isPartOf": .string(corpus.dossier.title)])
    }

    func articleContext(_ article: Article) -> [String: Any] {
        let root = "../"
        let owner = TextOwner.article(article.id)
        let evidenced = corpus.claims.filter { claim in claim.evidence.contains { $0.article.value == article.id } }
        var extra: [String: Any] = [
            "article": articleLink(article, root: root),
            "body": renderMarkdown(article.body, owner: owner, root: root, anchors: true),
            "entities": mentionCounts(for: owner, root: root),
            "claims": evidenced.map { claimCard($0, root: root) },
            "sourceUnknown": article.source == .unknown,
        ]
        extra["author"] = article.author as Any
        extra["url"] = article.url as Any
        extra["language"] = article.language as Any
        extra["reliability"] = article.reliability as Any
        var json: [String: JSONValue] = [
            "@context": .string("https://schema.org"), "@type": .string("NewsArticle"), "headline": .string(article.title),
            "publisher": .object(["@type": .string("Organization"), "name": .string(SiteText.outletName(article, corpus: corpus))]),
        ]
        if let date = article.published { json["datePublished"] = .string(date.description) }
        if let url = article.url { json["url"] = .string(url) }
        if let author = article.author { json["author"] = .object(["@type": .string("Person"), "name": .string(author)]) }
        let description = "\(SiteText.outletName(article, corpus: corpus)), \(article.published?.display ?? "date unknown"): \(article.title)"
        return layout(
            path: "articles/\(article.id).html", title: article.title, description: description, section: "articles",
            crumbs: [("Articles", "articles/index.html"), (article.title, nil)], jsonLD: .object(json), extra: extra)
    }

    func actorsIndexContext() -> [String: Any] {
        let root = "../"
        let groups = ActorKind.allCases.compactMap { kind -> [String: Any]? in
            let actors = corpus.actors.filter { $0.kind == kind }
            guard !actors.isEmpty else { return nil }
            let title = ["person": "People", "organization": "Organizations", "state": "States"][kind.rawValue] ?? kind.rawValue
            return [
                "title": title, "id": kind.rawValue,
                "entities": actors.map { actor -> [String: Any] in
                    var link = entityLink(EntityRef(kind: .actors, id: actor.id), root: root)
                    link["detail"] = actor.role as Any
                    link["mentions"] = SiteText.plural(index.articleMentionsByEntity[EntityRef(kind: .actors, id: actor.id)]?.count ?? 0, "mention")
                    return link
                },
            ]
        }
        return layout(
            path: "actors/index.html", title: "Actors", description: "People, organizations and states in this dossier.", section: "actors",
            crumbs: [("Actors", nil)], jsonLD: collectionJSON("Actors"), extra: ["groups": groups])
    }

    func locationsIndexContext() -> [String: Any] {
        let root = "../"
        let groups = LocationKind.allCases.compactMap { kind -> [String: Any]? in
            let locations = corpus.locations.filter { $0.kind == kind }
            guard !locations.isEmpty else { return nil }
            let title = ["country": "Countries", "region": "Regions", "city": "Cities", "place": "Places"][kind.rawValue] ?? kind.rawValue
            return [
                "title": title, "id": kind.rawValue,
                "entities": locations.map { location -> [String: Any] in
                    var link = entityLink(EntityRef(kind: .locations, id: location.id), root: root)
                    link["detail"] = location.within.flatMap { index.locations[$0.value]?.name.value }.map { "in \($0)" } as Any
                    link["mentions"] = SiteText.plural(index.articleMentionsByEntity[EntityRef(kind: .locations, id: location.id)]?.count ?? 0, "mention")
                    return link
                },
            ]
        }
        return layout(
            path: "locations/index.html", title: "Locations", description: "Countries, regions, cities and places in this dossier.", section: "locations",
            crumbs: [("Locations", nil)], jsonLD: collectionJSON("Locations"), extra: ["groups": groups])
    }

    /// What actor and location pages share: aliases, naming variants, notes, mentions in context, co-mentions.
    func entityCommon(_ entity: EntityRef, aliases: [Located<String>], notes: MarkdownText, root: String) -> [String: Any] {
        var context: [String: Any] = [:]
        context["aliases"] = aliases.map(\.value)
        context["variants"] = (dossier.variants[entity] ?? []).map { variant -> [String: Any] in
            [
                "text": variant.text, "count": SiteText.plural(variant.count, "time"), "outlets": variant.outlets.joined(separator: ", "),
                "articles": variant.articles.compactMap { index.articles[$0] }.map { articleLink($0, root: root) },
            ]
        }
        context["notes"] = textNotes(notes, owner: .notes(kind: entity.kind.rawValue, id: entity.id), root: root) as Any
        let mentions = index.articleMentionsByEntity[entity] ?? []
        context["mentionCount"] = SiteText.plural(mentions.count, "mention")
        context["contexts"] = mentions.compactMap { mention -> [String: Any]? in
            guard case .article(let articleID) = mention.owner, let article = index.articles[articleID],
                let text = index.articleTexts[articleID], let block = text.blocks.first(where: { $0.index == mention.paragraph }),
                let leaf = block.leaves.first(where: { $0.ordinal == mention.leaf })
            else { return nil }
            let offset = leaf.range.lowerBound
            let snippet = SiteText.keywordInContext(block.plain, (mention.range.lowerBound + offset)..<(mention.range.upperBound + offset))
            return [
                "before": snippet.before, "match": snippet.match, "after": snippet.after,
                "href": "\(root)articles/\(articleID).html#p-\(mention.paragraph)", "article": article.title,
                "outlet": SiteText.outletName(article, corpus: corpus),
            ]
        }
        context["comentioned"] = dossier.cooccurrences.compactMap { pair -> [String: Any]? in
            let other: EntityRef
            if pair.first == entity { other = pair.second } else if pair.second == entity { other = pair.first } else { return nil }
            var link = entityLink(other, root: root)
            link["count"] = SiteText.plural(pair.count, "paragraph")
            link["n"] = pair.count
            return link
        }.sorted { (($1["n"] as? Int) ?? 0, ($0["name"] as? String) ?? "") < (($0["n"] as? Int) ?? 0, ($1["name"] as? String) ?? "") }
        return context
    }

    func actorContext(_ actor: Actor) -> [String: Any] {
        let root = "../"
        let entity = EntityRef(kind: .actors, id: actor.id)
        var extra = entityCommon(entity, aliases: actor.aliases, notes: actor.notes, root: root)
        extra["entity"] = ["name": actor.name.value, "kind": actor.kind.rawValue, "role": actor.role as Any, "wikidata": actor.wikidata as Any]
        extra["affiliations"] = actor.affiliations.map { entityLink(EntityRef(kind: .actors, id: $0.value), root: root) }
        extra["members"] = corpus.actors.filter { $0.affiliations.contains { $0.value == actor.id } }.map { entityLink(EntityRef(kind: .actors, id: $0.id), root: root) }
        let made = corpus.claims.filter { $0.claimant.value == actor.id }
        let about = corpus.claims.filter { claim in claim.about.contains { $0.value == actor.id } }
        extra["claimsMade"] = made.map { claimCard($0, root: root) }
        extra["claimsAbout"] = about.map { claimCard($0, root: root) }
        extra["contradictions"] = contradictions(involving: Set(made.map(\.id))).map { contradictionContext($0, root: root) }
        let type = actor.kind == .person ? "Person" : "Organization"
        var json: [String: JSONValue] = [
            "@context": .string("https://schema.org"), "@type": .string(type), "name": .string(actor.name.value),
            "alternateName": .strings(actor.aliases.map(\.value)),
        ]
        if let role = actor.role { json[actor.kind == .person ? "jobTitle" : "description"] = .string(role) }
        if let wikidata = actor.wikidata { json["sameAs"] = .string("https://www.wikidata.org/wiki/\(wikidata)") }
        let description = [actor.name.value, actor.role].compactMap { $0 }.joined(separator: ", ") + ": claims, mentions and naming variants."
        return layout(
            path: "actors/\(actor.id).html", title: actor.name.value, description: description, section: "actors",
            crumbs: [("Actors", "actors/index.html"), (actor.name.value, nil)], jsonLD: .object(json), extra: extra)
    }

    func locationContext(_ location: Location) -> [String: Any] {
        let root = "../"
        let entity = EntityRef(kind: .locations, id: location.id)
        var extra = entityCommon(entity, aliases: location.aliases, notes: location.notes, root: root)
        var info: [String: Any] = ["name": location.name.value, "kind": location.kind.rawValue, "wikidata": location.wikidata as Any]
        if let latitude = location.latitude, let longitude = location.longitude {
            info["coordinates"] = "\(latitude), \(longitude)"
        }
        extra["entity"] = info
        extra["within"] = location.within.map { entityLink(EntityRef(kind: .locations, id: $0.value), root: root) } as Any
        extra["contains"] = corpus.locations.filter { $0.within?.value == location.id }.map { entityLink(EntityRef(kind: .locations, id: $0.id), root: root) }
        extra["claimsMadeHere"] = corpus.claims.filter { $0.location?.value == location.id }.map { claimCard($0, root: root) }
        extra["claimsAbout"] = corpus.claims.filter { claim in claim.about.contains { $0.value == location.id } }.map { claimCard($0, root: root) }
        var json: [String: JSONValue] = [
            "@context": .string("https://schema.org"), "@type": .string("Place"), "name": .string(location.name.value),
            "alternateName": .strings(location.aliases.map(\.value)),
        ]
        if let latitude = location.latitude, let longitude = location.longitude {
            json["geo"] = .object(["@type": .string("GeoCoordinates"), "latitude": .double(latitude), "longitude": .double(longitude)])
        }
        if let wikidata = location.wikidata { json["sameAs"] = .string("https://www.wikidata.org/wiki/\(wikidata)") }
        return layout(
            path: "locations/\(location.id).html", title: location.name.value, description: "\(location.name.value): claims and mentions in this dossier.",
            section: "locations", crumbs: [("Locations", "locations/index.html"), (location.name.value, nil)], jsonLD: .object(json), extra: extra)
    }

    func claimsIndexContext() -> [String: Any] {
        let root = "../"
        let claims = corpus.claims.sorted { a, b in
            switch (a.date, b.date) {
            case (let x?, let y?): return x != y ? x > y : a.id < b.id
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return a.id < b.id
            }
        }
        return layout(
            path: "claims/index.html", title: "Claims", description: "Every claim in this dossier with its claimant and evidence.", section: "claims",
            crumbs: [("Claims", nil)], jsonLD: collectionJSON("Claims"), extra: ["claims": claims.map { claimCard($0, root: root) }])
    }

    func claimContext(_ claim: Claim) -> [String: Any] {
        let root = "../"
        var extra: [String: Any] = ["claim": claimCard(claim, root: root)]
        extra["place"] = claim.location.map { entityLink(EntityRef(kind: .locations, id: $0.value), root: root) } as Any
        extra["about"] = claim.about.map { reference -> [String: Any] in
            let kind: EntityKind = index.actors[reference.value] != nil ? .actors : .locations
            return entityLink(EntityRef(kind: kind, id: reference.value), root: root)
        }
        extra["credibility"] = claim.credibility as Any
        extra["notes"] = textNotes(claim.notes, owner: .notes(kind: "claims", id: claim.id), root: root) as Any
        extra["evidence"] = (dossier.evidence[claim.id] ?? []).map { evidenceContext($0, claim: claim, root: root) }
        extra["contradictions"] = contradictions(involving: [claim.id]).map { contradiction -> [String: Any] in
            var context = contradictionContext(contradiction, root: root)
            let otherID = contradiction.first == claim.id ? contradiction.second : contradiction.first
            if let other = index.claims[otherID] { context["other"] = claimCard(other, root: root) }
            return context
        }
        let claimant = index.actors[claim.claimant.value]?.name.value ?? claim.claimant.value
        var json: [String: JSONValue] = [
            "@context": .string("https://schema.org"), "@type": .string("Claim"), "text": .string(claim.summary),
            "author": .object(["@type": .string(index.actors[claim.claimant.value]?.kind == .person ? "Person" : "Organization"), "name": .string(claimant)]),
            "appearance": .array(claim.evidence.compactMap { index.articles[$0.article.value] }.map { article in
                var value: [String: JSONValue] = ["@type": .string("NewsArticle"), "headline": .string(article.title)]
                if let url = article.url { value["url"] = .string(url) }
                return .object(value)
            }),
        ]
        if let date = claim.date { json["dateCreated"] = .string(date.description) }
        return layout(
            path: "claims/\(claim.id).html", title: claim.summary, description: "\(claimant): \(claim.summary)", section: "claims",
            crumbs: [("Claims", "claims/index.html"), (claim.summary, nil)], jsonLD: .object(json), extra: extra)
    }

    func evidenceContext(_ result: EvidenceResult, claim: Claim, root: String) -> [String: Any] {
        let article = index.articles[result.article]
        var item: [String: Any] = [
            "quote": result.quote, "number": result.number, "href": "\(root)articles/\(result.article).html#q-\(claim.id)-\(result.number)",
        ]
        item["article"] = article.map { articleLink($0, root: root) } as Any
        if let url = article?.url { item["original"] = SiteText.textFragmentURL(url, quote: result.quote) }
        item["corroborations"] = result.corroborations.map { corroborationContext($0, root: root) }
        return item
    }

    func corroborationContext(_ corroboration: Corroboration, root: String) -> [String: Any] {
        let diff: [[String: Any]] = corroboration.diff.map { chunk in
            ["text": chunk.text, "equal": chunk.operation == .equal, "insert": chunk.operation == .insert, "delete": chunk.operation == .delete]
        }
        var context: [String: Any] = [
            "href": "\(root)articles/\(corroboration.article).html#p-\(corroboration.paragraph)",
            "similarity": String(format: "%.0f%%", corroboration.similarity * 100), "diff": diff,
        ]
        context["article"] = index.articles[corroboration.article].map { articleLink($0, root: root) } as Any
        return context
    }

    func propositionsIndexContext() -> [String: Any] {
        let root = "../"
        let items = corpus.propositions.map { proposition -> [String: Any] in
            let claims = corpus.claims.filter { $0.proposition?.value == proposition.id }
            return [
                "statement": proposition.statement, "href": "\(root)propositions/\(proposition.id).html",
                "affirms": SiteText.plural(claims.filter { $0.stance == .affirms }.count, "claim"),
                "denies": SiteText.plural(claims.filter { $0.stance == .denies }.count, "claim"),
            ]
        }
        return layout(
            path: "propositions/index.html", title: "Propositions", description: "Disputed statements and the claims that affirm or deny them.",
            section: "propositions", crumbs: [("Propositions", nil)], jsonLD: collectionJSON("Propositions"), extra: ["propositions": items])
    }

    func propositionContext(_ proposition: Proposition) -> [String: Any] {
        let root = "../"
        let claims = corpus.claims.filter { $0.proposition?.value == proposition.id }
        let extra: [String: Any] = [
            "statement": proposition.statement,
            "notes": textNotes(proposition.notes, owner: .notes(kind: "propositions", id: proposition.id), root: root) as Any,
            "affirming": claims.filter { $0.stance == .affirms }.map { claimCard($0, root: root) },
            "denying": claims.filter { $0.stance == .denies }.map { claimCard($0, root: root) },
        ]
        return layout(
            path: "propositions/\(proposition.id).html", title: proposition.statement, description: "Claims affirming and denying: \(proposition.statement)",
            section: "propositions", crumbs: [("Propositions", "propositions/index.html"), (proposition.statement, nil)],
            jsonLD: .object(["@context": .string("https://schema.org"), "@type": .string("Claim"), "text": .string(proposition.statement)]), extra: extra)
    }

    func contradictionsContext() -> [String: Any] {
        let root = "../"
        let byProposition = Dictionary(grouping: dossier.contradictions.filter { $0.proposition != nil }) { $0.proposition ?? "" }
        let groups = byProposition.keys.sorted().compactMap { id -> [String: Any]? in
            guard let proposition = index.propositions[id] else { return nil }
            return [
                "statement": proposition.statement, "href": "\(root)propositions/\(id).html",
                "contradictions": (byProposition[id] ?? []).map { contradictionContext($0, root: root) },
            ]
        }
        let explicit = dossier.contradictions.filter { $0.proposition == nil }.map { contradictionContext($0, root: root) }
        let extra: [String: Any] = [
            "groups": groups, "explicit": explicit, "total": SiteText.plural(dossier.contradictions.count, "contradiction"),
            "selfCount": dossier.contradictions.filter { $0.kind == .selfContradiction }.count,
            "empty": dossier.contradictions.isEmpty,
        ]
        return layout(
            path: "contradictions/index.html", title: "Contradictions", description: "Where claims in this dossier contradict each other.",
            section: "contradictions", crumbs: [("Contradictions", nil)], jsonLD: collectionJSON("Contradictions"), extra: extra)
    }
}
