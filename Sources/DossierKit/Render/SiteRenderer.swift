// Renders the dossier graph into output files through the Mustache templates.
import DossierMarkdown
import Foundation

public struct SiteRenderer {
    let dossier: Dossier
    let templates: TemplateSet
    let index: GraphIndex

    public init(dossier: Dossier, templates: TemplateSet) {
        self.dossier = dossier
        self.templates = templates
        self.index = GraphIndex(dossier: dossier)
    }

    var corpus: Corpus { dossier.corpus }

    public func render() -> (files: [OutputFile], pages: Int, diagnostics: [Diagnostic]) {
        var files: [OutputFile] = []
        var pages = 0
        func page(_ path: String, _ template: String, _ context: [String: Any]) {
            files.append(OutputFile(path: path, text: templates.render(context, template: template)))
            pages += 1
        }
        page("index.html", "index", homeContext())
        page("404.html", "404", notFoundContext())
        page("articles/index.html", "articles", articlesIndexContext())
        for article in corpus.articles { page("articles/\(article.id).html", "article", articleContext(article)) }
        page("actors/index.html", "actors", actorsIndexContext())
        for actor in corpus.actors { page("actors/\(actor.id).html", "actor", actorContext(actor)) }
        page("locations/index.html", "locations", locationsIndexContext())
        for location in corpus.locations { page("locations/\(location.id).html", "location", locationContext(location)) }
        page("claims/index.html", "claims", claimsIndexContext())
        for claim in corpus.claims { page("claims/\(claim.id).html", "claim", claimContext(claim)) }
        page("propositions/index.html", "propositions", propositionsIndexContext())
        for proposition in corpus.propositions { page("propositions/\(proposition.id).html", "proposition", propositionContext(proposition)) }
        page("contradictions/index.html", "contradictions", contradictionsContext())

        files.append(OutputFile(path: "dossier.json", text: DossierJSON.encode(dossier).serialized(pretty: true) + "\n"))
        if let baseURL = corpus.dossier.baseURL {
            files.append(OutputFile(path: "sitemap.xml", text: Feeds.sitemap(baseURL: baseURL, paths: files.map(\.path).filter { $0.hasSuffix(".html") && $0 != "404.html" })))
            files.append(OutputFile(path: "feed.xml", text: Feeds.atom(baseURL: baseURL, dossier: dossier)))
        }
        for asset in templates.assets {
            files.append(OutputFile(path: "assets/" + asset.path.dropFirst("assets/".count), contents: asset.contents))
        }
        return (files, pages, [])
    }

    // MARK: - Shared context

    static let sections: [(key: String, title: String)] = [
        ("index", "Overview"), ("contradictions", "Contradictions"), ("claims", "Claims"), ("propositions", "Propositions"),
        ("articles", "Articles"), ("actors", "Actors"), ("locations", "Locations"),
    ]

    /// The keys every page's layout uses. `path` is the page's own path; `root` leads back to the site root.
    func layout(
        path: String, title: String, description: String, section: String, crumbs: [(String, String?)], jsonLD: JSONValue,
        extra: [String: Any]
    ) -> [String: Any] {
        let root = path.contains("/") ? "../" : ""
        var context = extra
        context["root"] = root
        context["lang"] = corpus.dossier.language
        context["siteTitle"] = corpus.dossier.title
        context["pageTitle"] = title == corpus.dossier.title ? title : "\(title) · \(corpus.dossier.title)"
        context["heading"] = title
        context["description"] = description
        context["section"] = section
        context["nav"] = Self.sections.map { key, label -> [String: Any] in
            let href = key == "index" ? root + "index.html" : root + key + "/index.html"
            return ["title": label, "href": href, "current": key == section]
        }
        var breadcrumbs: [[String: Any]] = [["title": "Overview", "href": root + "index.html"]]
        for (label, href) in crumbs { breadcrumbs.append(["title": label, "href": href.map { root + $0 } as Any, "current": href == nil]) }
        context["breadcrumbs"] = path == "index.html" ? [] : breadcrumbs
        context["hasBreadcrumbs"] = path != "index.html"
        context["jsonld"] = jsonLD.serialized()
        if let baseURL = corpus.dossier.baseURL {
            context["canonical"] = Feeds.absolute(baseURL, path)
        }
        return Self.droppingNils(context)
    }

    /// Mustache renders a nil wrapped in `Any` as the text "nil" and treats it as true, so absent
    /// optional values are removed from the context (recursively) before rendering.
    static func droppingNils(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional {
            guard let wrapped = mirror.children.first?.value else { return nil }
            return droppingNils(wrapped)
        }
        if let dictionary = value as? [String: Any] { return droppingNils(dictionary) }
        if let array = value as? [[String: Any]] { return array.map { droppingNils($0) } }
        return value
    }

    static func droppingNils(_ dictionary: [String: Any]) -> [String: Any] {
        var result: [String: Any] = [:]
        for (key, value) in dictionary {
            if let kept = droppingNils(value) { result[key] = kept }
        }
        return result
    }

    /// Renders a Markdown body with mentions (and, for articles, evidence marks) spliced in.
    func renderMarkdown(_ text: MarkdownText, owner: TextOwner, root: String, anchors: Bool) -> String {
        var spans: [Int: [Span]] = [:]
        for mention in index.mentionsByOwner[owner] ?? [] {
            let key = mention.entity.description
            spans[mention.leaf, default: []].append(
                Span(
                    range: mention.range, priority: 1,
                    open: "<a class=\"mention\" data-entity=\"\(key)\" href=\"\(root)\(key).html\">", close: "</a>"))
        }
        if case .article(let articleID) = owner {
            for mark in index.marksByArticle[articleID] ?? [] {
                let claimID = mark.claim
                // The link back to the claim follows the last piece that is not inside a link (links don't nest).
                let linkAfter = mark.location.pieces.lastIndex { !$0.inLink }
                for (position, piece) in mark.location.pieces.enumerated() {
                    let id = position == 0 ? " id=\"q-\(claimID)-\(mark.number)\"" : ""
                    let open = "<mark class=\"evidence\"\(id) data-claim=\"\(claimID)\">"
                    var close = "</mark>"
                    if position == linkAfter {
                        let summary = SiteText.html(index.claims[claimID]?.summary ?? claimID)
                        close += "<a class=\"evidence-link\" href=\"\(root)claims/\(claimID).html\" title=\"Claim: \(summary)\" aria-label=\"Claim: \(summary)\">↩</a>"
                    }
                    spans[piece.leaf, default: []].append(Span(range: piece.range, priority: 0, open: open, reopen: "<mark class=\"evidence\" data-claim=\"\(claimID)\">", close: close))
                }
            }
        }
        return text.document.renderHTML(spans: spans, blockAnchor: anchors ? { "<span class=\"anchor\" id=\"p-\($0)\"></span>" } : nil)
    }
}

/// Lookups over the graph that several pages need, computed once.
struct GraphIndex {
    struct Mark {
        let claim: String
        let number: Int
        let location: QuoteLocation
    }

    let actors: [String: Actor]
    let locations: [String: Location]
    let articles: [String: Article]
    let claims: [String: Claim]
    let propositions: [String: Proposition]
    let mentionsByOwner: [TextOwner: [Mention]]
    let articleMentionsByEntity: [EntityRef: [Mention]]
    let marksByArticle: [String: [Mark]]
    let articleTexts: [String: ArticleText]

    init(dossier: Dossier) {
        let corpus = dossier.corpus
        actors = Dictionary(uniqueKeysWithValues: corpus.actors.map { ($0.id, $0) })
        locations = Dictionary(uniqueKeysWithValues: corpus.locations.map { ($0.id, $0) })
        articles = Dictionary(uniqueKeysWithValues: corpus.articles.map { ($0.id, $0) })
        claims = Dictionary(uniqueKeysWithValues: corpus.claims.map { ($0.id, $0) })
        propositions = Dictionary(uniqueKeysWithValues: corpus.propositions.map { ($0.id, $0) })
        mentionsByOwner = Dictionary(grouping: dossier.mentions, by: \.owner)
        articleMentionsByEntity = Dictionary(grouping: dossier.mentions.filter { if case .article = $0.owner { true } else { false } }, by: \.entity)
        var marks: [String: [Mark]] = [:]
        for claim in corpus.claims {
            for result in dossier.evidence[claim.id] ?? [] {
                if let location = result.location { marks[result.article, default: []].append(Mark(claim: claim.id, number: result.number, location: location)) }
            }
        }
        marksByArticle = marks
        articleTexts = Dictionary(
            uniqueKeysWithValues: corpus.articles.map { ($0.id, dossier.articleTexts[$0.id] ?? ArticleText(article: $0)) })
    }

    func name(of entity: EntityRef) -> String {
        switch entity.kind {
        case .actors: actors[entity.id]?.name.value ?? entity.id
        case .locations: locations[entity.id]?.name.value ?? entity.id
        }
    }
}
