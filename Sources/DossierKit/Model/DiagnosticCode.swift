// The stable identity of each kind of diagnostic: what `check --format json` and `--format github` print as `code`.

/// One kind of problem. The raw value is the code printed and documented in the README's table; it never changes
/// once released (a kind that goes away keeps its code retired), so CI may filter or count by it.
public enum DiagnosticCode: String, Sendable, Hashable, CaseIterable {
    // The content folder and its files.
    case contentFolderMissing = "content.folder-missing"
    case strayEntry = "content.stray-entry"
    case ignoredFile = "content.ignored-file"
    case dossierFileMissing = "content.dossier-missing"
    case fileUnreadable = "file.unreadable"
    case fileEncoding = "file.encoding"
    case invalidID = "file.invalid-id"
    case duplicateID = "file.duplicate-id"
    case noFrontMatter = "file.no-front-matter"
    case unclosedFrontMatter = "file.unclosed-front-matter"

    // YAML.
    case yamlSyntax = "yaml.syntax"
    case yamlTabIndent = "yaml.tab-indent"
    case yamlMissingSpace = "yaml.missing-space"
    case yamlBadIndent = "yaml.bad-indent"
    case yamlUnclosedQuote = "yaml.unclosed-quote"
    case yamlUnclosedBracket = "yaml.unclosed-bracket"
    case yamlNeedsQuotes = "yaml.needs-quotes"
    case yamlDuplicateKey = "yaml.duplicate-key"
    case yamlNotFields = "yaml.not-fields"
    case yamlUndefinedAlias = "yaml.undefined-alias"

    // Fields.
    case unknownField = "field.unknown"
    case missingField = "field.missing"
    case fieldNameNotText = "field.name-not-text"
    case notText = "field.not-text"
    case notList = "field.not-list"
    case emptyEntry = "field.empty-entry"
    case invalidChoice = "field.invalid-choice"
    case invalidDate = "field.invalid-date"
    case invalidURL = "field.invalid-url"
    case invalidLanguage = "field.invalid-language"
    case invalidWikidata = "field.invalid-wikidata"
    case invalidGrade = "field.invalid-grade"
    case invalidCoordinates = "field.invalid-coordinates"
    case emptyArticle = "article.empty"
    case stanceWithoutProposition = "claim.stance-without-proposition"
    case propositionWithoutStance = "claim.proposition-without-stance"
    case evidenceMissing = "evidence.missing"
    case evidenceNotList = "evidence.not-list"
    case evidenceEntry = "evidence.entry"

    // References between files.
    case unknownArticle = "reference.unknown-article"
    case unknownActor = "reference.unknown-actor"
    case unknownLocation = "reference.unknown-location"
    case unknownProposition = "reference.unknown-proposition"
    case unknownClaim = "reference.unknown-claim"
    case unknownSubject = "reference.unknown-about"
    case unknownSourceActor = "reference.unknown-source"
    case selfContradiction = "reference.self-contradiction"

    // What linking finds.
    case quoteNotFound = "quote.not-found"
    case sharedName = "name.shared"

    // Limits.
    case fileTooLarge = "limit.file-size"
    case tooManyFiles = "limit.file-count"
    case nestingTooDeep = "limit.markdown-nesting"
    case yamlTooLarge = "limit.yaml-expansion"
    case yamlNestingTooDeep = "limit.yaml-nesting"

    // Templates and output.
    case templatesFolderMissing = "template.folder-missing"
    case templateUnreadable = "template.unreadable"
    case templateSyntax = "template.syntax"
    case templateMissingPartial = "template.missing-partial"
    case templateUnknownKey = "template.unknown-key"
    case templateMissingPage = "template.missing-page-kind"
    case writeFailed = "output.write-failed"
}
