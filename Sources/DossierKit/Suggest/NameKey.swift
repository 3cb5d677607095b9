// Keys for comparing spellings of names: folded (case, diacritics, apostrophes) and transliteration skeletons.

enum NameKey {
    /// Case, diacritics, apostrophes and dots folded away, hyphens and runs of spaces made one space:
    /// "Vučić" = "vucic", "U.S." = "us", "O’Brien" = "obrien", "Bosnia-Herzegovina" = "bosnia herzegovina".
    static func folded(_ text: String) -> String {
        let plain = String(decoding: FoldedText(text, folding: .words).bytes, as: UTF8.self).lowercased()
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in plain.unicodeScalars {
            switch scalar {
            case "'", ".", "\u{2019}", "\u{02BC}": continue
            case "-", " ", "\t", "\n": pendingSpace = !out.isEmpty
            default:
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// The words of a folded name.
    static func words(_ folded: String) -> [String] {
        folded.split(separator: " ").map(String.init)
    }

    /// One folded word as it sounds across transliterations: Cyrillic written in Latin letters, then
    /// ch/č = c, sh/š = s, zh/ž = z, kh = h, ts = c, j = y = i, x = ks, w = v, ph = f, doubled letters once.
    /// "Kovachevski" and "Kovacevski" give "kovacevski"; "Zelenskyi", "Zelensky", "Zelenskiy" and
    /// "Зеленський" give "zelenski"; "Путин" gives "putin".
    static func skeleton(_ foldedWord: String) -> String {
        var latin = ""
        for scalar in foldedWord.unicodeScalars {
            if let replacement = cyrillic[scalar] {
                latin += replacement
            } else {
                latin.unicodeScalars.append(scalar)
            }
        }
        for (from, to) in digraphs { latin = latin.replacingOccurrences(of: from, with: to) }
        var out = String.UnicodeScalarView()
        for scalar in latin.unicodeScalars where out.last != scalar { out.append(scalar) }
        return String(out)
    }

    /// In order: longer spellings before the shorter ones they contain.
    private static let digraphs: [(String, String)] = [
        ("shch", "s"), ("sch", "s"), ("tch", "c"), ("ch", "c"), ("sh", "s"), ("zh", "z"), ("kh", "h"), ("ts", "c"),
        ("tz", "c"), ("cz", "c"), ("sz", "s"), ("ph", "f"), ("ck", "k"), ("q", "k"), ("x", "ks"), ("w", "v"), ("j", "y"),
        ("y", "i"),
    ]

    /// Lower-case Cyrillic (after diacritics are folded: й is и, ё is е, ї is і) in plain Latin letters.
    private static let cyrillic: [Unicode.Scalar: String] = [
        "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "є": "e", "ж": "z", "з": "z", "и": "i",
        "і": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
        "ф": "f", "х": "h", "ц": "c", "ч": "c", "ш": "s", "щ": "s", "ъ": "", "ы": "i", "ь": "", "э": "e", "ю": "iu",
        "я": "ia", "ђ": "d", "ј": "i", "љ": "l", "њ": "n", "ћ": "c", "џ": "d", "ѓ": "g", "ќ": "k", "ѕ": "z",
    ]

    /// How alike two folded words are as spellings of one name: 2 the same skeleton, 1 one letter apart
    /// in skeletons of six letters or more that start alike (Kovecevski, Kovacevski), 0 not alike.
    static func likeness(_ a: String, _ b: String) -> Int {
        let x = skeleton(a), y = skeleton(b)
        if x == y { return 2 }
        let xs = Array(x.unicodeScalars), ys = Array(y.unicodeScalars)
        guard xs.count == ys.count, xs.count >= 6, xs.first == ys.first else { return 0 }
        return zip(xs, ys).filter { $0 != $1 }.count == 1 ? 1 : 0
    }
}
