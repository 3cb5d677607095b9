// Capitalised word runs in the articles that the linker did not link: names no entity has (with a guess of
// what they are), and spellings of known names that are not yet aliases.

struct NameFinder {
    /// A name occurrence that resolved to an entity through a suggested alias (for finding speakers).
    struct Resolved {
        let article: String
        let block: Int
        let range: Range<Int>
        let entity: EntityRef
    }

    struct Result {
        var unknown: [UnknownNameSuggestion]
        var aliases: [AliasSuggestion]
        var resolved: [Resolved]
    }

    /// One occurrence of a candidate name.
    private struct Occurrence {
        let block: Int
        let range: Range<Int>
        let surface: String
        var votes: [NameGuess: Int]
        /// One word, first in its sentence: maybe only capitalised for that.
        let sentenceStart: Bool
        /// A word of a title-case headline: good for a spelling of a known name, not for a new name.
        var inHeadline = false
    }

    let registry: KnownNames
    let blocks: [BlockWords]
    /// Words written in lower case somewhere in the articles: a capitalised one is a sentence start, not a name.
    private let lowerWords: Set<String>

    /// Evidence lines kept per suggestion.
    static let evidenceLimit = 5

    init(registry: KnownNames, blocks: [BlockWords]) {
        self.registry = registry
        self.blocks = blocks
        var lower = Set<String>()
        for block in blocks {
            for token in block.tokens where token.kind == .word && !token.capitalised {
                lower.insert(NameKey.folded(Self.withoutPossessive(token.text)))
            }
        }
        lowerWords = lower
    }

    func find() -> Result {
        var byKey: [String: [Occurrence]] = [:]
        for (number, block) in blocks.enumerated() {
            if Self.isTitleCase(block) {
                for token in block.tokens where token.kind == .word && token.capitalised && block.linkedMention(overlapping: token.range) == nil {
                    let text = Self.withoutPossessive(token.text)
                    let range = token.range.lowerBound..<(token.range.lowerBound + text.utf8.count)
                    let occurrence = Occurrence(block: number, range: range, surface: text, votes: [:], sentenceStart: false, inHeadline: true)
                    byKey[NameKey.folded(text), default: []].append(occurrence)
                }
                continue
            }
            for run in runs(in: block) {
                guard let (occurrence, key) = candidate(run, in: block, number: number) else { continue }
                byKey[key, default: []].append(occurrence)
            }
        }
        var unknown: [UnknownNameSuggestion] = []
        var aliases: [AliasSuggestion] = []
        var resolved: [Resolved] = []
        for key in byKey.keys.sorted() {
            guard let occurrences = byKey[key] else { continue }
            let words = NameKey.words(key)
            if registry.full[key] != nil { continue }
            let surface = Self.mostCommon(occurrences.map(\.surface))
            let evidence = occurrences.prefix(Self.evidenceLimit).map { self.evidence($0) }
            var match: (entry: Int, resembles: String, reason: AliasSuggestion.Reason)?
            if words.count == 1, let owners = registry.surnames[key], owners.count == 1, let owner = owners.first {
                let entry = registry.entries[owner]
                let resembles = ([entry.name] + entry.aliases).first { NameKey.words(NameKey.folded($0)).last == key } ?? entry.name
                match = (owner, resembles, .surname)
            } else if registry.parts[key] != nil {
                continue
            } else if let alike = registry.alike(words) {
                match = (alike.entry, alike.spelling.text, .spelling)
            }
            if let match {
                let entry = registry.entries[match.entry]
                aliases.append(
                    AliasSuggestion(
                        entity: entry.entity, path: entry.path, alias: surface, reason: match.reason, resembles: match.resembles,
                        aliases: entry.aliases, count: occurrences.count, evidence: evidence))
                for occurrence in occurrences {
                    let block = blocks[occurrence.block]
                    resolved.append(Resolved(article: block.article.id, block: block.block.index, range: occurrence.range, entity: entry.entity))
                }
                continue
            }
            if occurrences.allSatisfy(\.inHeadline) { continue }
            var votes: [NameGuess: Int] = [:]
            for occurrence in occurrences { votes.merge(occurrence.votes, uniquingKeysWith: +) }
            // "Notably, …", "Responsibility for …": a word seen only at sentence starts, with nothing saying it is a name.
            if occurrences.allSatisfy(\.sentenceStart), votes.values.allSatisfy({ $0 <= 0 }) { continue }
            let ranked = votes.filter { $0.value > 0 }.sorted { ($0.value, $1.key.rawValue) > ($1.value, $0.key.rawValue) }
            var guess = NameGuess.unknown
            if let top = ranked.first, ranked.count == 1 || ranked[1].value < top.value { guess = top.key }
            unknown.append(UnknownNameSuggestion(name: surface, guess: guess, count: occurrences.count, evidence: evidence))
        }
        unknown.sort { ($1.count, $0.name) < ($0.count, $1.name) }
        aliases.sort { ($1.count, $0.alias, $0.entity.description) < ($0.count, $1.alias, $1.entity.description) }
        return Result(unknown: unknown, aliases: aliases, resolved: resolved)
    }

    private func evidence(_ occurrence: Occurrence) -> SuggestionEvidence {
        let block = blocks[occurrence.block]
        return SuggestionEvidence(
            path: block.article.body.path, line: block.line(at: occurrence.range.lowerBound), article: block.article.id,
            excerpt: block.excerpt(occurrence.range))
    }

    /// Runs of capitalised words separated by single spaces (with "of", "de", "van" and the like between
    /// two of them), cut where the linker linked a name: token index ranges.
    private func runs(in block: BlockWords) -> [[Int]] {
        let tokens = block.tokens
        var runs: [[Int]] = []
        var current: [Int] = []
        func close() {
            while let last = current.last, !tokens[last].capitalised { current.removeLast() }
            if !current.isEmpty { runs.append(current) }
            current = []
        }
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            if token.kind == .word, block.linkedMention(overlapping: token.range) != nil {
                close()
            } else if token.kind == .word, token.capitalised {
                if let last = current.last, last != index - 2 || tokens[index - 1].text != " " { close() }
                current.append(index)
                if Self.isPossessive(token.text) { close() }
            } else if token.kind == .word, !current.isEmpty, Self.connectors.contains(token.text), tokens[index - 1].text == " ",
                current.last == index - 2
            {
                current.append(index)
            } else if token.kind == .word {
                close()
            } else if token.kind == .mark {
                close()
            }
            index += 1
        }
        close()
        return runs
    }

    /// The name a run stands for once titles, common words and dates are taken off its ends, with the
    /// guess its context gives; nil when nothing name-like is left.
    private func candidate(_ run: [Int], in block: BlockWords, number: Int) -> (Occurrence, String)? {
        let tokens = block.tokens
        var words = run
        var votes: [NameGuess: Int] = [:]
        func word(_ index: Int) -> String { Self.withoutPossessive(tokens[index].text) }
        // "Ministry of Defence", "Russian Foreign Ministry": titles and demonyms are part of an organisation's name.
        let organization = run.contains { Self.organizationWords.contains(word($0)) }
        func title(_ text: String) -> Bool { !organization && (Self.personTitles.contains(text) || Self.otherTitles.contains(text) || Self.isDemonym(text)) }
        // Leading: sentence-start common words, determiners, dates, demonyms, titles.
        while let first = words.first {
            let text = word(first)
            if !organization, Self.personTitles.contains(text) {
                votes[.person, default: 0] += 3
            } else if Self.isCommon(text) || title(text)
                || (tokens[first].startsSentence && lowerWords.contains(NameKey.folded(text)))
                || !tokens[first].capitalised
            {
                // Dropped.
            } else {
                break
            }
            words.removeFirst()
        }
        while let last = words.last {
            let text = word(last)
            guard Self.isCommon(text) || title(text) || !tokens[last].capitalised else { break }
            words.removeLast()
        }
        guard let first = words.first, let last = words.last else { return nil }
        let texts = words.map(word)
        if texts.count == 1 {
            let only = texts[0]
            if only.unicodeScalars.count < 2 || lowerWords.contains(NameKey.folded(only)) { return nil }
            if only.allSatisfy(\.isNumber) { return nil }
        }
        // "Belgrade-backed", "U.S.-led": the name is the part before the lower-case word.
        var lastWord = word(last)
        if let hyphen = lastWord.lastIndex(of: "-"), lastWord[lastWord.index(after: hyphen)...].first?.isLowercase == true {
            lastWord = String(lastWord[..<hyphen])
        }
        let range = tokens[first].range.lowerBound..<(tokens[last].range.lowerBound + lastWord.utf8.count)
        let surface = block.string(range)
        let key = NameKey.folded(surface)
        guard !key.isEmpty else { return nil }
        // The words the name is made of.
        if texts.contains(where: { Self.organizationWords.contains($0) }) { votes[.organization, default: 0] += 3 }
        if texts.contains(where: { Self.placeWords.contains($0) }) { votes[.place, default: 0] += 3 }
        if texts.count == 1, texts[0].count >= 2, texts[0].count <= 6, texts[0].allSatisfy({ $0.isUppercase }) {
            votes[.organization, default: 0] += 1
        }
        // The words before it in its sentence.
        let before = previousWords(tokens, before: first, count: 3)
        if let previous = before.first {
            if Self.personTitles.contains(previous) || Self.personNouns.contains(previous.lowercased()) { votes[.person, default: 0] += 3 }
            if ["in", "from", "near", "outside", "across", "around"].contains(previous) { votes[.place, default: 0] += 1 }
            if previous == "to" || previous == "visit" || previous == "visited" || previous == "visiting",
                before.dropFirst().contains(where: { Self.travelWords.contains($0.lowercased()) }) || previous != "to"
            {
                votes[.place, default: 0] += 2
            }
            if previous == "of", let noun = before.dropFirst().first, ["city", "town", "village", "capital", "region", "province", "municipality"].contains(noun.lowercased()) {
                votes[.place, default: 0] += 3
            }
            if ["capital", "city", "town", "village"].contains(previous.lowercased()) { votes[.place, default: 0] += 2 }
        }
        // The words after it: "X said".
        let after = nextWords(tokens, after: last, count: 4)
        // "Milan Radoicic, the former vice president of …"
        if after.first == "the", after.dropFirst().contains(where: { Self.personNouns.contains($0.lowercased()) }) { votes[.person, default: 0] += 2 }
        if let next = after.first {
            if StatementFinder.speechVerbs.contains(next.lowercased()) { votes[.person, default: 0] += 1 }
            if next == "Ltd" || next == "Inc" || next == "LLC" || next == "GmbH" { votes[.organization, default: 0] += 3 }
        }
        let sentenceStart = words.count == 1 && tokens[first].startsSentence
        return (Occurrence(block: number, range: range, surface: surface, votes: votes, sentenceStart: sentenceStart), key)
    }

    private func previousWords(_ tokens: [BlockWords.Token], before index: Int, count: Int) -> [String] {
        var result: [String] = []
        var position = index - 1
        while position >= 0, result.count < count {
            let token = tokens[position]
            if token.kind == .mark, [".", "!", "?", ";", ":", "\u{201C}", "\u{201D}", "\""].contains(token.text) { break }
            if token.kind == .word { result.append(Self.withoutPossessive(token.text)) }
            position -= 1
        }
        return result
    }

    private func nextWords(_ tokens: [BlockWords.Token], after index: Int, count: Int) -> [String] {
        var result: [String] = []
        var position = index + 1
        while position < tokens.count, result.count < count {
            let token = tokens[position]
            if token.kind == .mark, [".", "!", "?", ";", ":"].contains(token.text) { break }
            if token.kind == .word { result.append(token.text) }
            position += 1
        }
        return result
    }

    /// A headline in title case ("Zelenskiy Warns EU Russia May Invade Baltic States"): most of its longer
    /// words capitalised, so capitals say nothing about names.
    static func isTitleCase(_ block: BlockWords) -> Bool {
        // A sentence ends in a stop; a headline does not.
        let last = block.tokens.last { $0.kind != .space }
        if let last, [".", "!", "?", "\u{201D}", "\"", ")"].contains(last.text) { return false }
        let long = block.tokens.filter { $0.kind == .word && $0.text.count >= 4 }
        guard long.count >= 3 else { return false }
        return Double(long.filter(\.capitalised).count) >= 0.7 * Double(long.count)
    }

    static func mostCommon(_ values: [String]) -> String {
        var counts: [String: Int] = [:]
        for value in values { counts[value, default: 0] += 1 }
        return counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.first?.key ?? ""
    }

    static func isPossessive(_ word: String) -> Bool { word.hasSuffix("'s") || word.hasSuffix("\u{2019}s") }

    static func withoutPossessive(_ word: String) -> String {
        guard isPossessive(word) else { return word }
        return String(word.dropLast(2))
    }

    static func isCommon(_ word: String) -> Bool {
        commonWords.contains(word) || months.contains(word) || weekdays.contains(word)
    }

    /// Russian, Ukrainian, Serbian, Albanian, Japanese, British: adjectives of names, not names.
    static func isDemonym(_ word: String) -> Bool {
        if demonyms.contains(word) { return true }
        guard word.count > 4, word.first?.isUppercase == true else { return false }
        return ["ian", "ean", "ese", "ish", "ians", "eans", "ican", "icans"].contains { word.hasSuffix($0) }
    }

    static let connectors: Set<String> = ["of", "de", "del", "der", "den", "van", "von", "al", "bin", "da", "di", "du", "la", "le", "for", "the"]

    static let months: Set<String> = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
        "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    ]
    static let weekdays: Set<String> = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    static let commonWords: Set<String> = [
        "The", "A", "An", "This", "That", "These", "Those", "His", "Her", "Hers", "Our", "Their", "Its", "My", "Your", "We", "I",
        "He", "She", "They", "It", "You", "Us", "Them", "Him", "In", "On", "At", "For", "With", "By", "From", "To", "Of", "As",
        "But", "And", "Or", "Nor", "If", "When", "While", "After", "Before", "Since", "Also", "However", "Meanwhile", "Then",
        "Now", "Today", "Yesterday", "Tomorrow", "There", "Here", "What", "Which", "Who", "Whom", "Whose", "Why", "How", "Where",
        "Yes", "No", "Not", "All", "Some", "Any", "Each", "Every", "Both", "Many", "Most", "More", "Such", "Other", "Another",
        "One", "Two", "Three", "First", "Second", "Last", "Next", "New", "Earlier", "Later", "Asked", "According", "Speaking",
        "Photo", "Video", "Source", "Sources", "Update", "Updated", "Read", "Related", "Copyright", "Print", "Screen", "Watch",
        "Listen", "Share", "Follow", "Subscribe", "Advertisement", "Editor", "Note", "Comment", "Comments", "Reuters", "AP", "AFP",
        "Mr", "Mrs", "Ms", "Dr", "Sir", "Madam", "Ltd", "Inc", "LLC", "GmbH", "Headline", "No headline", "Is", "Are", "Was", "Were",
        "Be", "Been", "Has", "Have", "Had", "Do", "Does", "Did", "Will", "Would", "Can", "Could", "Should", "May", "Might", "Must",
        "Let", "Please", "Thank", "Thanks", "Just", "Even", "Still", "Yet", "So", "Because", "Although", "Though", "Despite",
        "During", "Under", "Over", "About", "Against", "Between", "Through", "Into", "Without", "Within", "Among", "Above",
        "Below", "Up", "Down", "Out", "Off", "Again", "Further", "Once", "Very", "Only", "Own", "Same", "Than", "Too", "Well",
        "Of course", "Look", "Believe", "Like", "Unlike", "Whether", "Once", "Until", "Unless", "Instead", "Indeed", "Perhaps",
        "Regarding", "Following", "Including", "Eastern", "Western", "Northern", "Southern", "East", "West", "North", "South",
    ]

    static let demonyms: Set<String> = ["British", "Dutch", "French", "Irish", "Swiss", "Thai", "Kosovar", "Kosovan", "Serb", "Serbs", "Croat",
        "Croats", "Turk", "Turks", "Greek", "Greeks", "Czech", "Slovak", "Pole", "Poles", "Arab", "Arabs", "Jewish", "Muslim", "Christian",
        "Western", "Eastern", "Euro", "Balkan", "Yugoslav", "Yugoslavs", "Slavs", "Baltic", "European", "Europeans", "Atlantic", "Soviet", "Russian", "Slav", "Slavic"]

    /// Words before a person's name that say what they are.
    static let personTitles: Set<String> = [
        "President", "Prime", "Minister", "PM", "Chancellor", "Secretary", "General", "Secretary-General", "Ambassador", "Commissioner",
        "Senator", "Governor", "Mayor", "Judge", "King", "Queen", "Prince", "Princess", "Pope", "Patriarch", "Mr", "Mrs", "Ms", "Dr", "Sir",
        "Colonel", "Col", "Lieutenant", "Lt", "Major", "Captain", "Admiral", "Marshal", "Spokesman", "Spokeswoman", "Spokesperson",
        "Chairman", "Chairwoman", "Chair", "Speaker", "Deputy", "Vice", "Foreign", "Defence", "Defense", "Interior", "Finance",
        "Director", "Commander", "Chief", "Envoy", "Representative", "Premier", "Professor", "Prof", "Leader", "Head", "MP", "Gen",
    ]
    /// Words that are titles without saying the name after them is a person's.
    static let otherTitles: Set<String> = ["High", "Special", "Acting", "Former", "Late", "Ex"]
    /// Lower-case nouns before a person's name.
    static let personNouns: Set<String> = [
        "president", "minister", "leader", "spokesman", "spokeswoman", "spokesperson", "chief", "ambassador", "envoy", "commander",
        "mr", "mrs", "ms", "dr", "analyst", "expert", "journalist", "reporter", "official", "mayor", "premier", "general",
    ]
    static let organizationWords: Set<String> = [
        "Ministry", "Council", "Agency", "Party", "Police", "Bank", "Union", "Army", "Forces", "Force", "Committee", "Commission",
        "Parliament", "Assembly", "Government", "Office", "Service", "Services", "Institute", "University", "Company", "Corporation",
        "Corp", "Group", "Association", "Organisation", "Organization", "Federation", "Alliance", "Movement", "Front", "Court", "Tribunal",
        "League", "Network", "TV", "Radio", "News", "Times", "Post", "Press", "Ltd", "Inc", "LLC", "GmbH", "AG", "PLC", "Foundation",
        "Fund", "Mission", "Centre", "Center", "Department", "Directorate", "Secretariat", "Cabinet", "Congress", "Senate", "Guard",
        "Brigade", "Battalion", "Navy", "Bureau", "Board", "Authority", "Coalition", "List", "Union", "Bloc", "Channel", "Media",
    ]
    static let placeWords: Set<String> = [
        "City", "River", "Mountain", "Mountains", "Lake", "Sea", "Island", "Islands", "Province", "County", "Region", "Valley",
        "Street", "Square", "Bay", "Gulf", "Peninsula", "Oblast", "Krai", "District", "Airport", "Port", "Bridge", "Strait",
    ]
    static let travelWords: Set<String> = [
        "went", "go", "goes", "going", "travelled", "traveled", "travel", "travels", "flew", "fly", "arrived", "arrive", "arrives",
        "visit", "visited", "visits", "visiting", "trip", "tour", "returned", "return", "came", "come", "headed", "moved", "fled",
        "deployed", "sent", "way", "journey", "back",
    ]
}
