// Reads content/ into a Corpus, collecting every problem as a located diagnostic.
import CSystem
import DossierMarkdown
import Foundation
import Yams

public struct ContentLoader: Sendable {
    public let contentDirectory: String
    public let limits: ContentLimits
    /// What earlier loads read, so a reload reads and parses only the files that changed.
    let cache: ContentCache?

    public init(contentDirectory: String, limits: ContentLimits = .default) {
        self.contentDirectory = contentDirectory
        self.limits = limits
        cache = nil
    }

    init(contentDirectory: String, cache: ContentCache, limits: ContentLimits = .default) {
        self.contentDirectory = contentDirectory
        self.limits = limits
        self.cache = cache
    }

    /// From this many content files on, the allocator maps memory in 2 MiB pages (`dossier_use_large_pages`).
    /// A build of 100,000 articles (188,000 files) holds 3.3 GB, in a million 4 KiB pages that the processor's
    /// address cache (a few thousand entries) cannot cover: every stage then pays a page walk on most loads
    /// from its large tables. In 2 MiB pages the same build took 57.9 s (traced; 63.0 s with mimalloc's option set
    /// from the start, `MIMALLOC_LARGE_OS_PAGES=1`) where it took 71.0 s in 4 KiB pages; at 10,000 articles
    /// (18,800 files) the gain was 1–2% and the peak resident memory 40 MB higher, so small and medium
    /// dossiers keep 4 KiB pages. Set once, for the rest of the process.
    static let largePagesFrom = 50_000

    static let kinds: [(folder: String, kind: FileKind)] = [
        ("articles", FileKind(noun: "an article", fields: ["title", "source", "published", "url", "author", "language", "reliability"])),
        ("actors", FileKind(noun: "an actor", fields: ["name", "kind", "aliases", "role", "affiliations", "wikidata"])),
        ("locations", FileKind(noun: "a location", fields: ["name", "kind", "aliases", "coordinates", "within", "wikidata"])),
        ("propositions", FileKind(noun: "a proposition", fields: ["statement"])),
        (
            "claims",
            FileKind(
                noun: "a claim",
                fields: ["claimant", "summary", "proposition", "stance", "date", "location", "about", "credibility", "contradicts", "evidence"])
        ),
    ]
    static let dossierKind = FileKind(noun: "dossier.yaml", fields: ["title", "subtitle", "language", "base_url", "summary"])
    static let evidenceFields = ["article", "quote"]

    /// Loads and validates everything. The corpus is nil only when a file could not be read at all
    /// in a way that leaves nothing to validate (no dossier.yaml); otherwise diagnostics say what is wrong.
    public func load() -> (corpus: Corpus?, diagnostics: [Diagnostic]) { load(changed: nil) }

    /// Loads again, reading only `changed` files (plus files the cache has not seen); nil reads every
    /// file and reuses what it parsed before for files whose bytes are the same.
    func load(changed: Set<String>?) -> (corpus: Corpus?, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: contentDirectory, isDirectory: &isDirectory), isDirectory.boolValue else {
            return (nil, [.error(.contentFolderMissing, SourceLocation(path: contentDirectory, line: 1), "the content folder does not exist")])
        }
        var trace = StageTrace(enabled: ProcessInfo.processInfo.environment["DOSSIER_TRACE"] != nil, prefix: "load")
        let dossier = loadDossier(&diagnostics)

        let listing = listFiles(changed: changed)
        trace.lap("listing")
        diagnostics += listing.diagnostics
        let files = listing.files
        let count = files.values.reduce(0) { $0 + $1.count }
        guard count <= limits.files else {
            diagnostics.append(
                .error(
                    .tooManyFiles, SourceLocation(path: contentDirectory, line: 1),
                    "the content folder holds more than \(limits.files) content files, the most one dossier may have; nothing was loaded",
                    fix: "split the material into several dossiers"))
            return (nil, diagnostics)
        }

        if count >= Self.largePagesFrom { dossier_use_large_pages() }

        // Every file of every kind in one parallel pass (no wait for the slowest file of each kind), results and
        // diagnostics kept in kind and path order, so parallelism never changes output.
        var work: [(kind: Int, path: String)] = []
        for (index, (folder, _)) in Self.kinds.enumerated() {
            for path in files[folder] ?? [] { work.append((index, path)) }
        }
        var articles: [Article] = [], actors: [Actor] = [], locations: [Location] = []
        var propositions: [Proposition] = [], claims: [Claim] = []
        // A file whose errors leave nothing to load still has its id (its file name): references to it resolve.
        var unloaded = UnloadedIDs()
        let loaded = loadAll(work, changed)
        trace.lap("files")
        for ((_, path), (value, local)) in zip(work, loaded) {
            diagnostics += local
            switch value {
            case .article(let article?): articles.append(article)
            case .actor(let actor?): actors.append(actor)
            case .location(let location?): locations.append(location)
            case .proposition(let proposition?): propositions.append(proposition)
            case .claim(let claim?): claims.append(claim)
            case .article(nil): unloaded.articles.insert(Self.id(of: path))
            case .actor(nil): unloaded.actors.insert(Self.id(of: path))
            case .location(nil): unloaded.locations.insert(Self.id(of: path))
            case .proposition(nil): unloaded.propositions.insert(Self.id(of: path))
            case .claim(nil): unloaded.claims.insert(Self.id(of: path))
            }
        }

        guard let dossier else { return (nil, diagnostics) }
        let corpus = Corpus(
            dossier: dossier, articles: articles, actors: actors, locations: locations, propositions: propositions, claims: claims, unloaded: unloaded)
        trace.lap("corpus")
        diagnostics += ReferenceValidator(corpus: corpus).validate()
        trace.lap("references")
        return (corpus, diagnostics)
    }

    // MARK: - Files

    /// The content files by folder, with warnings about stray entries. With a cache and a list of changed
    /// paths that are all content files, the last listing is updated instead of walking every folder again.
    private func listFiles(changed: Set<String>?) -> FileListing {
        if let changed, let cached = cache?.listing, changed.allSatisfy({ folder(of: $0) != nil }) {
            var listing = cached
            for path in changed {
                guard let folder = folder(of: path) else { continue }
                var paths = listing.files[folder] ?? []
                let exists = FileManager.default.fileExists(atPath: path)
                if let position = paths.firstIndex(of: path) {
                    if !exists { paths.remove(at: position) }
                } else if exists {
                    paths.append(path)
                    paths.sort()
                }
                listing.files[folder] = paths
            }
            cache?.listing = listing
            return listing
        }
        var diagnostics: [Diagnostic] = []
        var files: [String: [String]] = [:]
        // One more than the limit is enough to report it: a folder of millions is not listed in memory.
        var room = limits.files + 1
        for (folder, _) in Self.kinds {
            files[folder] = markdownFiles(in: folder, room: &room, &diagnostics)
        }
        reportStrayEntries(&diagnostics)
        let listing = FileListing(files: files, diagnostics: diagnostics)
        cache?.listing = listing
        return listing
    }

    /// The kind folder of a `.md` path directly or deeply inside it, or nil for any other path.
    private func folder(of path: String) -> String? {
        guard path.hasSuffix(".md") else { return nil }
        for (folder, _) in Self.kinds where path.hasPrefix(self.path(folder) + "/") {
            let name = (path as NSString).lastPathComponent
            return name.hasPrefix(".") ? nil : folder
        }
        return nil
    }

    private func path(_ relative: String) -> String {
        contentDirectory.hasSuffix("/") ? contentDirectory + relative : contentDirectory + "/" + relative
    }

    /// Every `.md` file below `folder`, recursively, sorted, as paths for diagnostics. Walks with readdir, whose
    /// entry types spare a stat per file: hidden folders are walked too, symbolic links are not followed (a link to
    /// a folder is skipped, a link to anything else, even to nothing, is a file), as FileManager's enumerator does.
    private func markdownFiles(in folder: String, room: inout Int, _ diagnostics: inout [Diagnostic]) -> [String] {
        var result: [String] = []
        var ignored: [String] = []
        var left = room
        let base = path(folder)
        FolderWalk.walk(base) { relative, kind in
            // Hidden folders are walked too; a link to a folder is skipped, a link to anything else is a file.
            guard kind == .file else { return kind == .folder }
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix(".") { return false }
            let full = base + "/" + relative
            if name.hasSuffix(".md") {
                guard left > 0 else { return false }
                left -= 1
                result.append(full)
            } else {
                ignored.append(full)
            }
            return false
        }
        room = left
        for full in ignored.sorted() {
            diagnostics.append(.warning(.ignoredFile, SourceLocation(path: full, line: 1), "this file is ignored: content files end in '.md'"))
        }
        return result.sorted()
    }

    private func reportStrayEntries(_ diagnostics: inout [Diagnostic]) {
        let known = Set(Self.kinds.map(\.folder) + ["dossier.yaml"])
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: contentDirectory)) ?? []
        for entry in entries.sorted() where !known.contains(entry) && !entry.hasPrefix(".") {
            var message = "'\(entry)' is not part of a dossier and is ignored; content/ holds dossier.yaml and the folders \(Self.kinds.map(\.folder).joined(separator: ", "))"
            var fix: String?
            if let suggestion = Suggest.closest(to: entry, among: Array(known)) {
                message += "; did you mean '\(suggestion)'?"
                fix = "rename it to '\(suggestion)'"
            }
            diagnostics.append(.warning(.strayEntry, SourceLocation(path: path(entry), line: 1), message, fix: fix))
        }
    }

    private func read(_ path: String, _ diagnostics: inout [Diagnostic]) -> String? {
        switch Self.read(path, limit: limits.fileBytes) {
        case .bytes(let bytes):
            return decode(bytes, path, &diagnostics)
        case .unreadable:
            diagnostics.append(.error(.fileUnreadable, SourceLocation(path: path, line: 1), "this file could not be read"))
        case .tooLarge(let size):
            diagnostics.append(
                .error(
                    .fileTooLarge, SourceLocation(path: path, line: 1),
                    "this file is \(ContentLimits.size(size)), over the limit of \(ContentLimits.size(limits.fileBytes)) for one content file; it was not read",
                    fix: "split it into smaller files, or remove what the dossier does not need"))
        }
        return nil
    }

    enum FileRead {
        case bytes([UInt8])
        case unreadable
        /// At least this many bytes.
        case tooLarge(Int)
    }

    /// The bytes of a file, or nil when it cannot be read (missing, a folder, no permission) or is over `limit` bytes.
    static func contents(of path: String, limit: Int = .max) -> [UInt8]? {
        if case .bytes(let bytes) = read(path, limit: limit) { return bytes }
        return nil
    }

    /// A file's bytes: one open, one fstat and reads straight into the array, without Foundation's Data. A file
    /// over `limit` bytes (when opened, or grown since) is not read further.
    static func read(_ path: String, limit: Int) -> FileRead {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return .unreadable }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) != S_IFDIR else { return .unreadable }
        guard Int(status.st_size) <= limit else { return .tooLarge(Int(status.st_size)) }
        var bytes: [UInt8] = []
        var capacity = max(Int(status.st_size), 0) + 1
        while true {
            let start = bytes.count
            var failed = false
            bytes.append(contentsOf: repeatElement(0, count: capacity - start))
            let got = bytes.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                var total = 0
                while start + total < capacity {
                    let count = readFile(descriptor, base + start + total, capacity - start - total)
                    if count < 0 {
                        if errno == EINTR { continue }
                        failed = true
                        return total
                    }
                    if count == 0 { break }
                    total += count
                }
                return total
            }
            guard !failed else { return .unreadable }
            if start + got < capacity {
                bytes.removeLast(capacity - start - got)
                return bytes.count <= limit ? .bytes(bytes) : .tooLarge(bytes.count)
            }
            // The file grew since fstat: read on, up to just past the limit.
            guard capacity <= limit else { return .tooLarge(capacity) }
            capacity = min(capacity * 2, limit == .max ? .max : limit + 1)
        }
    }

    private func decode(_ bytes: [UInt8], _ path: String, _ diagnostics: inout [Diagnostic]) -> String? {
        switch bytes.withUnsafeBytes({ ContentText.decode($0, path: path) }) {
        case .success(let text): return text.text
        case .failure(let diagnostic):
            diagnostics.append(diagnostic)
            return nil
        }
    }

    /// What loading one file gave, by kind (nil when the file had errors that leave nothing to load).
    enum LoadedFile: Sendable {
        case article(Article?)
        case actor(Actor?)
        case location(Location?)
        case proposition(Proposition?)
        case claim(Claim?)
    }

    /// Loads the files in parallel (`kind` indexes `kinds`) and keeps the results in the order given.
    private func loadAll(_ work: [(kind: Int, path: String)], _ changed: Set<String>?) -> [(LoadedFile, [Diagnostic])] {
        guard let cache else { return ParallelMap.map(work) { kind, path in load(kind, path, nil).result } }
        let paths = work.map(\.path)
        // Taken from the cache either way: a load of other files makes a new record below.
        if let changed, var last = cache.takeLastLoad(), last.paths == paths {
            // The same files as the last load: its results, updated in place (copying the list would retain
            // every value in it) with the changed files and those it could not read loaded again.
            let redo = Array(Set(last.unread).union(paths.indices.filter { changed.contains(paths[$0]) })).sorted()
            let fresh = ParallelMap.map(redo) { load(work[$0].kind, work[$0].path, cache) }
            last.unread = []
            for (position, loaded) in zip(redo, fresh) {
                last.results[position] = loaded.result
                if !loaded.cached { last.unread.append(position) }
            }
            cache.keepLastLoad(last)
            return last.results
        }
        var results: [(LoadedFile, [Diagnostic])?]
        var redo: [Int]
        if let changed {
            // Told what changed, but the files are not the last load's: the others come from the cache on this
            // thread, under one lock (a lock per file taken by every core at once cost more than the lookups),
            // and only the changed ones are read again.
            results = []
            redo = []
            for (position, entry) in cache.entries(paths).enumerated() {
                if let entry, !changed.contains(paths[position]) {
                    results.append((entry.value, entry.diagnostics))
                } else {
                    results.append(nil)
                    redo.append(position)
                }
            }
        } else {
            results = Array(repeating: nil, count: work.count)
            redo = Array(work.indices)
        }
        let fresh = ParallelMap.map(redo) { load(work[$0].kind, work[$0].path, cache) }
        var unread: [Int] = []
        for (position, loaded) in zip(redo, fresh) {
            results[position] = loaded.result
            if !loaded.cached { unread.append(position) }
        }
        let all = results.compactMap { $0 }
        cache.keepLastLoad(ContentCache.LoadRecord(paths: paths, results: all, unread: unread))
        return all
    }

    /// One file: from the cache when its bytes are the ones cached, else parsed (and cached when its bytes could be read).
    private func load(_ kind: Int, _ path: String, _ cache: ContentCache?) -> (result: (LoadedFile, [Diagnostic]), cached: Bool) {
        var bytes: [UInt8]?
        if let cache {
            bytes = Self.contents(of: path, limit: limits.fileBytes)
            if let bytes, let entry = cache.entry(path), entry.digest == ContentDigest(bytes) {
                return ((entry.value, entry.diagnostics), true)
            }
        }
        let result = self.parse(path, bytes, kind)
        if let cache, let bytes { cache.store(path, ContentCache.Entry(digest: ContentDigest(bytes), value: result.0, diagnostics: result.1)) }
        return (result, bytes != nil)
    }

    /// One file of kind `kinds[kind]`: its bytes if already read, else read from `path` (internal for `FuzzEntry`).
    func parse(_ path: String, _ bytes: [UInt8]?, _ kind: Int) -> (LoadedFile, [Diagnostic]) {
        var local: [Diagnostic] = []
        let text = bytes.map { self.decode($0, path, &local) } ?? self.read(path, &local)
        func load<T>(_ load: (String, String, String, inout [Diagnostic]) -> T?) -> T? {
            guard let text else { return nil }
            let id = Self.id(of: path)
            if !Self.isValidID(id) {
                local.append(
                    .error(
                        .invalidID, SourceLocation(path: path, line: 1),
                        "'\(id)' is not a valid id: a file name may use only lowercase letters a–z, digits 0–9 and hyphens (for example '\(Self.suggestedID(id)).md')"
                    ))
            }
            return load(path, id, text, &local)
        }
        let value: LoadedFile
        switch kind {
        case 0: value = .article(load(loadArticle))
        case 1: value = .actor(load(loadActor))
        case 2: value = .location(load(loadLocation))
        case 3: value = .proposition(load(loadProposition))
        default: value = .claim(load(loadClaim))
        }
        return (value, local)
    }

    static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    static func suggestedID(_ id: String) -> String {
        let folded = id.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
        var result = ""
        for scalar in folded.unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                result.unicodeScalars.append(scalar)
            } else if !result.hasSuffix("-"), !result.isEmpty {
                result += "-"
            }
        }
        while result.hasSuffix("-") { result.removeLast() }
        return result.isEmpty ? "my-id" : result
    }

    /// The file-name stem: what NSString's lastPathComponent and deletingPathExtension give, without bridging
    /// for the usual 'folder/name.md'.
    static func id(of path: String) -> String {
        let name = path.utf8.lastIndex(of: UInt8(ascii: "/")).map { path[path.utf8.index(after: $0)...] } ?? path[...]
        if name.utf8.count > 3, name.hasSuffix(".md"), !name.hasPrefix(".") {
            return String(name.utf8.dropLast(3)) ?? ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        }
        return ((path as NSString).lastPathComponent as NSString).deletingPathExtension
    }

    // MARK: - Front matter

    private func fields(_ text: String, _ path: String, _ folder: String, _ diagnostics: inout [Diagnostic]) -> (FieldReader, FrontMatterFile)? {
        switch FrontMatterFile.split(text, path: path) {
        case .failure(let diagnostic):
            diagnostics.append(diagnostic)
            return nil
        case .success(let file):
            let kind = Self.kinds.first { $0.folder == folder }?.kind ?? Self.dossierKind
            let reader = FieldReader(yaml: file.yaml, firstLine: file.yamlFirstLine, path: path, kind: kind, limits: limits)
            return (reader, file)
        }
    }

    private func loadDossier(_ diagnostics: inout [Diagnostic]) -> DossierInfo? {
        let file = path("dossier.yaml")
        guard FileManager.default.fileExists(atPath: file) else {
            diagnostics.append(.error(.dossierFileMissing, SourceLocation(path: file, line: 1), "dossier.yaml is missing: create it with at least a line 'title: …'"))
            return nil
        }
        guard let text = read(file, &diagnostics) else { return nil }
        var reader = FieldReader(yaml: text, firstLine: 1, path: file, kind: Self.dossierKind, limits: limits)
        let title = reader.string("title", required: "the dossier needs a title")
        let subtitle = reader.string("subtitle")
        let language = reader.string("language").flatMap { checkLanguage($0, &reader) } ?? "en"
        let baseURL = reader.string("base_url").flatMap { checkURL($0, field: "base_url", &reader) }
        let summary = reader.string("summary").map { markdown($0.value, firstLine: $0.location.line, file, &reader, keepingSource: true) }
        diagnostics += reader.diagnostics
        return DossierInfo(title: title?.value ?? "", subtitle: subtitle?.value, language: language, baseURL: baseURL, summary: summary)
    }

    private func checkLanguage(_ text: Located<String>, _ reader: inout FieldReader) -> String? {
        let parts = text.value.split(separator: "-", omittingEmptySubsequences: false)
        let valid = !parts.isEmpty && (2...3).contains(parts[0].count) && parts[0].allSatisfy { $0.isASCII && $0.isLetter }
            && parts.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
        guard valid else {
            reader.report(.invalidLanguage, text.location, "'\(text.value)' is not a language tag: use a BCP 47 tag such as 'en', 'mk' or 'sr-Latn'")
            return nil
        }
        return text.value
    }

    private func checkURL(_ text: Located<String>, field: String, _ reader: inout FieldReader) -> String? {
        let lower = text.value.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://"), URL(string: text.value)?.host != nil,
            !text.value.contains(where: { $0.isWhitespace })
        else {
            reader.report(.invalidURL, text.location, "'\(field)' must be an absolute web address starting with http:// or https:// (found '\(text.value)')")
            return nil
        }
        return text.value
    }

    /// Markdown text, with an error where block quotes and lists nest deeper than the limit.
    private func markdown(_ source: String, firstLine: Int, _ path: String, _ reader: inout FieldReader, keepingSource: Bool = false) -> MarkdownText {
        let text = MarkdownText(source, firstLine: firstLine, path: path, keepingSource: keepingSource)
        if text.document.nestingDepth > limits.markdownNesting {
            reader.report(
                .nestingTooDeep, SourceLocation(path: path, line: firstLine + text.document.nestingLine - 1),
                "block quotes and lists are nested \(text.document.nestingDepth) levels deep here, more than the \(limits.markdownNesting) a text may have",
                fix: "remove the extra '>' or list markers at the start of the lines")
        }
        return text
    }

    private static let aliasEmpty = "an alias is empty: remove the line or write the other name"

    private func loadArticle(_ path: String, _ id: String, _ text: String, _ diagnostics: inout [Diagnostic]) -> Article? {
        guard let (initialReader, file) = fields(text, path, "articles", &diagnostics) else { return nil }
        var reader = initialReader
        defer { diagnostics += reader.diagnostics }
        let title = reader.string("title", required: "an article needs its headline (or a title in [brackets] if it has none)")
        let source = reader.string("source", required: "write the outlet's name, the id of the actor that published it, or 'unknown'")
        let published = reader.date("published", required: "write the publication date as YYYY-MM-DD, YYYY-MM, YYYY or 'unknown'", allowUnknown: true)
        let url = reader.string("url").flatMap { checkURL($0, field: "url", &reader) }
        let author = reader.string("author")
        let language = reader.string("language").flatMap { checkLanguage($0, &reader) }
        let reliability = reader.string("reliability")
        let grades = ["A", "B", "C", "D", "E", "F"]
        if let reliability, !grades.contains(reliability.value) {
            var message = "'reliability' is an Admiralty source grade: one letter from A (completely reliable) to F (cannot be judged), not '\(reliability.value)'"
            var fix: String?
            if let grade = grades.first(where: { $0 == reliability.value.uppercased() }) {
                message += "; did you mean '\(grade)'?"
                fix = "write 'reliability: \(grade)'"
            }
            reader.report(.invalidGrade, reliability.location, message, fix: fix)
        }
        let body = markdown(file.body, firstLine: file.bodyFirstLine, path, &reader)
        if body.isBlank {
            reader.report(.emptyArticle, SourceLocation(path: path, line: file.bodyFirstLine), "the article has no text: paste the article's text below the closing '---'")
        }
        guard let title, let source, let published else { return nil }
        let articleSource: ArticleSource = source.value == "unknown" ? .unknown : (Self.isValidID(source.value) ? .actor(source.value) : .outlet(source.value))
        let date: PartialDate?
        if case .known(let value) = published { date = value } else { date = nil }
        return Article(
            id: id, path: path, title: title.value, source: articleSource, sourceLocation: source.location, published: date, url: url, author: author?.value,
            language: language, reliability: reliability?.value, body: body)
    }

    private func loadActor(_ path: String, _ id: String, _ text: String, _ diagnostics: inout [Diagnostic]) -> Actor? {
        guard let (initialReader, file) = fields(text, path, "actors", &diagnostics) else { return nil }
        var reader = initialReader
        defer { diagnostics += reader.diagnostics }
        let name = reader.string("name", required: "an actor needs a name")
        let kind = reader.choice("kind", ActorKind.self, required: "write person, organization or state")
        let aliases = reader.stringList("aliases", emptyMessage: Self.aliasEmpty)
        let role = reader.string("role")
        let affiliations = reader.stringList("affiliations", emptyMessage: "an affiliation is empty: write an actor id or remove the line")
        let wikidata = checkWikidata(&reader)
        guard let name, let kind else { return nil }
        return Actor(
            id: id, path: path, name: name, kind: kind, aliases: aliases, role: role?.value, affiliations: affiliations,
            wikidata: wikidata, notes: markdown(file.body, firstLine: file.bodyFirstLine, path, &reader))
    }

    private func checkWikidata(_ reader: inout FieldReader) -> String? {
        guard let text = reader.string("wikidata") else { return nil }
        guard text.value.first == "Q", text.value.count > 1, text.value.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }) else {
            reader.report(.invalidWikidata, text.location, "'wikidata' must be a Wikidata item id such as Q42, not '\(text.value)'")
            return nil
        }
        return text.value
    }

    private func loadLocation(_ path: String, _ id: String, _ text: String, _ diagnostics: inout [Diagnostic]) -> Location? {
        guard let (initialReader, file) = fields(text, path, "locations", &diagnostics) else { return nil }
        var reader = initialReader
        defer { diagnostics += reader.diagnostics }
        let name = reader.string("name", required: "a location needs a name")
        let kind = reader.choice("kind", LocationKind.self, required: "write country, region, city or place")
        let aliases = reader.stringList("aliases", emptyMessage: Self.aliasEmpty)
        let within = reader.string("within")
        let wikidata = checkWikidata(&reader)
        var latitude: Double?, longitude: Double?
        if let (_, value) = reader.fields["coordinates"], !FieldReader.isNull(value) {
            let numbers = value.sequence.map { $0.compactMap { $0.scalar.flatMap { Double($0.string) } } } ?? []
            if numbers.count == 2, value.sequence?.count == 2, (-90...90).contains(numbers[0]), (-180...180).contains(numbers[1]) {
                latitude = numbers[0]
                longitude = numbers[1]
            } else {
                reader.report(.invalidCoordinates, reader.location(of: value), "'coordinates' must be [latitude, longitude] in decimal degrees, such as [41.9981, 21.4254]")
            }
        }
        guard let name, let kind else { return nil }
        return Location(
            id: id, path: path, name: name, kind: kind, aliases: aliases, latitude: latitude, longitude: longitude,
            within: within, wikidata: wikidata, notes: markdown(file.body, firstLine: file.bodyFirstLine, path, &reader))
    }

    private func loadProposition(_ path: String, _ id: String, _ text: String, _ diagnostics: inout [Diagnostic]) -> Proposition? {
        guard let (initialReader, file) = fields(text, path, "propositions", &diagnostics) else { return nil }
        var reader = initialReader
        defer { diagnostics += reader.diagnostics }
        guard let statement = reader.string("statement", required: "a proposition is one sentence whose truth is disputed") else { return nil }
        return Proposition(id: id, path: path, statement: statement.value, notes: markdown(file.body, firstLine: file.bodyFirstLine, path, &reader))
    }

    private func loadClaim(_ path: String, _ id: String, _ text: String, _ diagnostics: inout [Diagnostic]) -> Claim? {
        guard let (initialReader, file) = fields(text, path, "claims", &diagnostics) else { return nil }
        var reader = initialReader
        defer { diagnostics += reader.diagnostics }
        let claimant = reader.string("claimant", required: "write the id of the actor who made the claim")
        let summary = reader.string("summary", required: "write the claim in one line, in your own words")
        let proposition = reader.string("proposition")
        let stance = reader.choice("stance", Stance.self)
        if let (key, _) = reader.fields["stance"], proposition == nil {
            reader.report(.stanceWithoutProposition, reader.location(of: key), "'stance' is set but 'proposition' is not: a stance says whether the claim affirms or denies a proposition, so name the proposition too (or remove the stance)")
        }
        if let proposition, reader.fields["stance"] == nil {
            reader.report(
                .propositionWithoutStance, proposition.location, "'proposition' is set but 'stance' is not: add 'stance: affirms' or 'stance: denies'")
        }
        var date: PartialDate?
        if case .known(let value) = reader.date("date") { date = value }
        let location = reader.string("location")
        let about = reader.stringList("about", emptyMessage: "an entry of 'about' is empty: write an actor or location id")
        var credibility: Int?
        if let text = reader.string("credibility") {
            if let value = Int(text.value), (1...6).contains(value) {
                credibility = value
            } else {
                reader.report(.invalidGrade, text.location, "'credibility' is an Admiralty information grade: a number from 1 (confirmed) to 6 (cannot be judged), not '\(text.value)'")
            }
        }
        let contradicts = reader.stringList("contradicts", emptyMessage: "an entry of 'contradicts' is empty: write a claim id")
        let evidence = readEvidence(&reader)
        guard let claimant, let summary else { return nil }
        return Claim(
            id: id, path: path, claimant: claimant, summary: summary.value, proposition: proposition, stance: stance, date: date,
            location: location, about: about, credibility: credibility, contradicts: contradicts, evidence: evidence,
            notes: markdown(file.body, firstLine: file.bodyFirstLine, path, &reader))
    }

    private func readEvidence(_ reader: inout FieldReader) -> [Evidence] {
        let why = "a claim needs at least one piece of evidence: a list of '- article: <id>' with 'quote: \"<exact words>\"'"
        guard let (key, value) = reader.fields["evidence"], !FieldReader.isNull(value) else {
            reader.missing("evidence", why)
            return []
        }
        guard let sequence = value.sequence else {
            reader.report(.evidenceNotList, reader.location(of: value), "'evidence' should be a list of entries, each with 'article' and 'quote'")
            return []
        }
        if sequence.isEmpty {
            reader.report(.evidenceMissing, reader.location(of: key), "'evidence' is empty: \(why)")
        }
        var result: [Evidence] = []
        for item in sequence {
            guard let mapping = item.mapping else {
                reader.report(.evidenceEntry, reader.location(of: item), "each entry of 'evidence' needs two fields, 'article' and 'quote'")
                continue
            }
            let entry = reader.readMapping(mapping, allowed: Self.evidenceFields, noun: "an evidence entry")
            var article: Located<String>?, quote: Located<String>?
            if let (_, node) = entry["article"], !FieldReader.isNull(node) { article = reader.scalarString(node, field: "article") }
            if let (_, node) = entry["quote"], !FieldReader.isNull(node) { quote = reader.scalarString(node, field: "quote") }
            if article == nil {
                reader.report(.evidenceEntry, reader.location(of: item), "missing required field 'article' in this evidence entry: write the id of the article the quote is from")
            }
            if quote == nil || quote?.value.allSatisfy(\.isWhitespace) == true {
                reader.report(.evidenceEntry, reader.location(of: item), "missing required field 'quote' in this evidence entry: copy the exact words from the article")
                quote = nil
            }
            if let article, let quote { result.append(Evidence(article: article, quote: quote)) }
        }
        return result
    }
}

/// read(2), named apart from ContentLoader's own `read`.
private func readFile(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

struct FileListing: Sendable {
    var files: [String: [String]]
    var diagnostics: [Diagnostic]
}

/// The digest of the bytes each content file had when last parsed, and what parsing gave; shared by the loads of one
/// build session.
final class ContentCache: @unchecked Sendable {
    struct Entry {
        let digest: ContentDigest
        let value: ContentLoader.LoadedFile
        let diagnostics: [Diagnostic]
    }

    private var entries: [String: Entry] = [:]
    private var storedListing: FileListing?
    private var storedLoad: LoadRecord?
    private let lock = NSLock()

    /// A load's files in order, what each gave, and the positions of those it could not read (not cached).
    struct LoadRecord {
        let paths: [String]
        var results: [(ContentLoader.LoadedFile, [Diagnostic])]
        var unread: [Int]
    }

    /// The last load's record, no longer kept here (so the caller can change it in place, then keep it again).
    func takeLastLoad() -> LoadRecord? {
        lock.lock()
        defer { lock.unlock() }
        let load = storedLoad
        storedLoad = nil
        return load
    }

    func keepLastLoad(_ load: LoadRecord) {
        lock.lock()
        storedLoad = load
        lock.unlock()
    }

    func entry(_ path: String) -> Entry? {
        lock.lock()
        defer { lock.unlock() }
        return entries[path]
    }

    /// The entries of many paths under one lock.
    func entries(_ paths: [String]) -> [Entry?] {
        lock.lock()
        defer { lock.unlock() }
        return paths.map { entries[$0] }
    }

    func store(_ path: String, _ entry: Entry) {
        lock.lock()
        entries[path] = entry
        lock.unlock()
    }

    var listing: FileListing? {
        get {
            lock.lock()
            defer { lock.unlock() }
            return storedListing
        }
        set {
            lock.lock()
            storedListing = newValue
            lock.unlock()
        }
    }
}

/// Runs a transform over an array on all cores, results in input order.
enum ParallelMap {
    static func map<T: Sendable, U: Sendable>(_ items: [T], _ transform: @Sendable (T) -> U) -> [U] {
        if items.count < 2 { return items.map(transform) }
        let results = ResultBox<U>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            results.set(index, transform(items[index]))
        }
        return results.values()
    }
}

/// Storage written once per index from concurrent workers, under a lock.
final class ResultBox<U: Sendable>: @unchecked Sendable {
    private var storage: [U?]
    private let lock = NSLock()

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: U) {
        lock.lock()
        storage[index] = value
        lock.unlock()
    }

    func values() -> [U] {
        lock.lock()
        defer { lock.unlock() }
        return storage.compactMap { $0 }
    }
}

extension ContentDigest {
    init(_ data: Data) {
        self = data.withUnsafeBytes { Self($0) }
    }
}
