// Checks what only the whole corpus can tell: duplicate ids and references to things that do not exist.

struct ReferenceValidator {
    let corpus: Corpus

    func validate() -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        duplicateIDs(&diagnostics)
        // A file that failed to load still has its id: references to it are not errors too.
        let unloaded = corpus.unloaded
        let articles = Set(corpus.articles.map(\.id)).union(unloaded.articles)
        let actors = Set(corpus.actors.map(\.id)).union(unloaded.actors)
        let locations = Set(corpus.locations.map(\.id)).union(unloaded.locations)
        let propositions = Set(corpus.propositions.map(\.id)).union(unloaded.propositions)
        let claims = Set(corpus.claims.map(\.id)).union(unloaded.claims)

        func check(
            _ reference: Located<String>, field: String, in ids: Set<String>, noun: String, _ code: DiagnosticCode, _ extra: Set<String> = []
        ) {
            guard !ids.contains(reference.value), !extra.contains(reference.value) else { return }
            var message = "\(field) '\(reference.value)' is not \(noun) in this dossier"
            var fix: String?
            if let suggestion = Suggest.closest(to: reference.value, among: Array(ids.union(extra))) {
                message += "; did you mean '\(suggestion)'?"
                fix = "write '\(suggestion)'"
            } else {
                message += "; check the spelling of the id (the file name without '.md')"
            }
            diagnostics.append(.error(code, reference.location, message, fix: fix))
        }

        for article in corpus.articles {
            if case .actor(let id) = article.source, !actors.contains(id) {
                var message = "source '\(id)' looks like an actor id, but no actor has it"
                var fix: String?
                if let suggestion = Suggest.closest(to: id, among: Array(actors)) {
                    message += "; did you mean '\(suggestion)'?"
                    fix = "write '\(suggestion)'"
                }
                message += " (an outlet's name is written as it is spelled, with capitals)"
                diagnostics.append(.error(.unknownSourceActor, article.sourceLocation, message, fix: fix))
            }
        }
        for actor in corpus.actors {
            for affiliation in actor.affiliations { check(affiliation, field: "affiliation", in: actors, noun: "an actor", .unknownActor) }
        }
        for location in corpus.locations {
            if let within = location.within { check(within, field: "within", in: locations, noun: "a location", .unknownLocation) }
        }
        for claim in corpus.claims {
            check(claim.claimant, field: "claimant", in: actors, noun: "an actor", .unknownActor)
            if let proposition = claim.proposition { check(proposition, field: "proposition", in: propositions, noun: "a proposition", .unknownProposition) }
            if let location = claim.location { check(location, field: "location", in: locations, noun: "a location", .unknownLocation) }
            for about in claim.about { check(about, field: "about", in: actors, noun: "an actor or a location", .unknownSubject, locations) }
            for other in claim.contradicts {
                if other.value == claim.id {
                    diagnostics.append(.error(.selfContradiction, other.location, "a claim cannot contradict itself: remove '\(other.value)' from 'contradicts'"))
                } else {
                    check(other, field: "contradicts", in: claims, noun: "a claim", .unknownClaim)
                }
            }
            for evidence in claim.evidence { check(evidence.article, field: "article", in: articles, noun: "an article", .unknownArticle) }
        }
        return diagnostics
    }

    /// The same id twice within a kind (files in different subfolders), or an actor and a location
    /// sharing an id (ambiguous in `about`).
    private func duplicateIDs(_ diagnostics: inout [Diagnostic]) {
        let groups: [[(id: String, path: String)]] = [
            corpus.articles.map { ($0.id, $0.path) },
            corpus.actors.map { ($0.id, $0.path) } + corpus.locations.map { ($0.id, $0.path) },
            corpus.propositions.map { ($0.id, $0.path) },
            corpus.claims.map { ($0.id, $0.path) },
        ]
        for group in groups {
            let byID = Dictionary(grouping: group, by: \.id)
            for (id, entries) in byID where entries.count > 1 {
                let paths = entries.map(\.path).sorted()
                for path in paths {
                    let others = paths.filter { $0 != path }.joined(separator: ", ")
                    diagnostics.append(.error(.duplicateID, SourceLocation(path: path, line: 1), "duplicate id '\(id)': \(others) has the same id; rename one of the files"))
                }
            }
        }
    }
}
