// The fast path of a build session: an edit that changed the text of some articles and nothing any other
// page shows. Found by comparing the dossier just linked with the one the last build rendered; when it
// holds, only the pages that show article text are built again (the articles themselves, and the actor and
// location pages that quote them in their mention contexts), dossier.json is kept, and the search index
// is updated in place. Anything else (an added or deleted file, a new title or date, a mention added or
// removed, a quote that now fails or is corroborated differently, a template) takes the general path,
// which builds every page's model and renders those whose model changed.
import Foundation

struct TextEdit {
    /// The articles whose text changed, by id.
    let articles: Set<String>
    /// The pages that show their text.
    let pages: Set<PageJob>

    /// nil unless `changed` names only article files, and everything but those articles' text (and where
    /// in it their names stand) is as it was.
    init?(changed: Set<String>?, contentDirectory: String, from old: Dossier, to new: Dossier) {
        guard let changed, !changed.isEmpty else { return nil }
        let articlesFolder = URL(fileURLWithPath: contentDirectory).standardizedFileURL.path + "/articles/"
        for path in changed {
            let standardized = URL(fileURLWithPath: path).standardizedFileURL.path
            guard standardized.hasPrefix(articlesFolder), standardized.hasSuffix(".md") else { return nil }
        }
        let oldCorpus = old.corpus, newCorpus = new.corpus
        guard oldCorpus.articles.count == newCorpus.articles.count else { return nil }
        let oldArticles = Dictionary(oldCorpus.articles.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var edited: Set<String> = []
        for article in newCorpus.articles {
            guard let before = oldArticles[article.id] else { return nil }
            guard Self.sameMetadata(before, article) else { return nil }
            if before.body.document.digest != article.body.document.digest || before.body.firstLine != article.body.firstLine {
                edited.insert(article.id)
            }
        }
        // What every other page and dossier.json are made of.
        guard old.mentionCount == new.mentionCount, old.mentionOwners == new.mentionOwners, old.evidence == new.evidence,
            old.contradictions == new.contradictions, old.variants == new.variants, old.cooccurrences == new.cooccurrences
        else { return nil }
        var pages: Set<PageJob> = []
        for id in edited {
            let before = old.mentionsByOwner[.article(id)] ?? [], after = new.mentionsByOwner[.article(id)] ?? []
            // The same names in the same paragraphs, written the same way (only where they stand moved).
            guard before.count == after.count,
                zip(before, after).allSatisfy({ $0.entity == $1.entity && $0.paragraph == $1.paragraph && $0.text == $1.text })
            else { return nil }
            pages.insert(.article(id))
            for mention in after {
                pages.insert(mention.entity.kind == .actors ? .actor(mention.entity.id) : .location(mention.entity.id))
            }
        }
        articles = edited
        self.pages = pages
    }

    /// Everything about an article other than its text.
    static func sameMetadata(_ a: Article, _ b: Article) -> Bool {
        a.path == b.path && a.title == b.title && a.source == b.source && a.published == b.published && a.url == b.url
            && a.author == b.author && a.language == b.language && a.reliability == b.reliability
    }
}
