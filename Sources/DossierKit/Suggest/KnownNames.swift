// Every name and alias of the registry, folded for comparison, with the word runs they are made of.

struct KnownNames {
    struct Entry {
        let entity: EntityRef
        let path: String
        let name: String
        let aliases: [String]
        let isPerson: Bool
        /// The actor's role, folded ("nato secretary general"), to recognise a speaker named by role.
        let role: String?
    }

    struct Spelling {
        let entry: Int
        let text: String
        let words: [String]
    }

    let entries: [Entry]
    /// Folded name or alias → entries.
    let full: [String: Set<Int>]
    /// Folded runs of words inside a name or alias (not the whole of it) → entries.
    let parts: [String: Set<Int>]
    /// Folded last word of a person's name or alias → entries.
    let surnames: [String: Set<Int>]
    let spellings: [Spelling]

    init(corpus: Corpus) {
        var entries: [Entry] = []
        for actor in corpus.actors {
            entries.append(
                Entry(
                    entity: EntityRef(kind: .actors, id: actor.id), path: actor.path, name: actor.name.value, aliases: actor.aliases.map(\.value),
                    isPerson: actor.kind == .person, role: actor.role.map(NameKey.folded).flatMap { $0.isEmpty ? nil : $0 }))
        }
        for location in corpus.locations {
            entries.append(
                Entry(
                    entity: EntityRef(kind: .locations, id: location.id), path: location.path, name: location.name.value,
                    aliases: location.aliases.map(\.value), isPerson: false, role: nil))
        }
        var full: [String: Set<Int>] = [:], parts: [String: Set<Int>] = [:], surnames: [String: Set<Int>] = [:]
        var spellings: [Spelling] = []
        for (number, entry) in entries.enumerated() {
            for text in [entry.name] + entry.aliases {
                let folded = NameKey.folded(text)
                guard !folded.isEmpty else { continue }
                let words = NameKey.words(folded)
                full[folded, default: []].insert(number)
                spellings.append(Spelling(entry: number, text: text, words: words))
                for start in words.indices {
                    for end in (start + 1)...words.count where end - start < words.count {
                        parts[words[start..<end].joined(separator: " "), default: []].insert(number)
                    }
                }
                if entry.isPerson, words.count > 1, let last = words.last { surnames[last, default: []].insert(number) }
            }
        }
        self.entries = entries
        self.full = full
        self.parts = parts
        self.surnames = surnames
        self.spellings = spellings
    }

    /// The entry a spelling is alike to (not equal after folding), and how alike: whole names word for word,
    /// or one word against a person's surname or a one-word name. Nil when none, or when two entities tie.
    func alike(_ words: [String]) -> (entry: Int, spelling: Spelling, likeness: Int)? {
        var best: [(entry: Int, spelling: Spelling, likeness: Int)] = []
        for spelling in spellings {
            var compared: [(String, String)] = []
            if spelling.words.count == words.count {
                compared = Array(zip(words, spelling.words))
            } else if words.count == 1, entries[spelling.entry].isPerson, let last = spelling.words.last {
                compared = [(words[0], last)]
            } else {
                continue
            }
            let scores = compared.map { NameKey.likeness($0.0, $0.1) }
            guard let weakest = scores.min(), weakest > 0 else { continue }
            // One near letter in the whole name at most; the other words the same sound.
            let near = scores.filter { $0 == 1 }.count
            guard near <= 1 else { continue }
            let likeness = near == 0 ? 2 : 1
            if let top = best.first?.likeness, likeness < top { continue }
            if let top = best.first?.likeness, likeness > top { best = [] }
            best.append((spelling.entry, spelling, likeness))
        }
        guard let first = best.first, best.allSatisfy({ $0.entry == first.entry }) else { return nil }
        // The spelling with as many words as the name ("Vuchich" is like "Vučić" more than "Aleksandar Vučić").
        return best.first { $0.spelling.words.count == words.count } ?? first
    }
}
