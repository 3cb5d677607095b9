// One Aho–Corasick automaton over every folded name and alias: linear in the text, whatever the alias count.

final class NameAutomaton: Sendable {
    struct Pattern: Sendable {
        let entity: Int
        let length: Int
    }

    /// Byte → class; class 0 is "a byte no pattern uses".
    private let byteClass: [UInt16]
    private let classCount: Int
    /// Dense DFA: transitions[state * classCount + class].
    private let transitions: [Int32]
    /// The pattern ending at this state, or -1.
    private let output: [Int32]
    /// The nearest state on the failure chain that has an output, or -1.
    private let outputLink: [Int32]
    let patterns: [Pattern]
    /// Ring size for `scanFolding`: a power of two above the longest pattern.
    private let ringSize: Int

    /// `names` are folded byte strings, each with the index of its entity.
    init(names: [(bytes: [UInt8], entity: Int)]) {
        var byteClass = [UInt16](repeating: 0, count: 256)
        var classCount = 1
        var patterns: [Pattern] = []
        var ringSize = 1
        var used = Set<UInt8>()
        for name in names { used.formUnion(name.bytes) }
        for byte in used.sorted() {
            byteClass[Int(byte)] = UInt16(classCount)
            classCount += 1
        }
        // The trie, with sparse children while building.
        var children: [[Int32: Int32]] = [[:]]
        var trieOutput: [Int32] = [-1]
        for name in names where !name.bytes.isEmpty {
            var state: Int32 = 0
            for byte in name.bytes {
                let cls = Int32(byteClass[Int(byte)])
                if let next = children[Int(state)][cls] {
                    state = next
                } else {
                    children.append([:])
                    trieOutput.append(-1)
                    let next = Int32(children.count - 1)
                    children[Int(state)][cls] = next
                    state = next
                }
            }
            if trieOutput[Int(state)] == -1 {
                trieOutput[Int(state)] = Int32(patterns.count)
                patterns.append(Pattern(entity: name.entity, length: name.bytes.count))
            }
        }
        while ringSize <= (patterns.map(\.length).max() ?? 0) { ringSize *= 2 }
        // Number states breadth-first: the shallow states, visited at almost every byte, share cache lines.
        var order: [Int32] = [0]
        var position = 0
        while position < order.count {
            let state = Int(order[position])
            position += 1
            for cls in children[state].keys.sorted() { if let child = children[state][cls] { order.append(child) } }
        }
        var renumber = [Int32](repeating: 0, count: children.count)
        for (new, old) in order.enumerated() { renumber[Int(old)] = Int32(new) }
        children = order.map { old in children[Int(old)].mapValues { renumber[Int($0)] } }
        trieOutput = order.map { trieOutput[Int($0)] }
        let stateCount = children.count
        var transitions = [Int32](repeating: 0, count: stateCount * classCount)
        let output = trieOutput
        var outputLink = [Int32](repeating: -1, count: stateCount)
        var fail = [Int32](repeating: 0, count: stateCount)
        var queue: [Int32] = []
        for (cls, child) in children[0] {
            transitions[Int(cls)] = child
            queue.append(child)
        }
        var head = 0
        while head < queue.count {
            let state = Int(queue[head])
            head += 1
            let failure = Int(fail[state])
            outputLink[state] = output[failure] != -1 ? Int32(failure) : outputLink[failure]
            for cls in 0..<classCount {
                let row = state * classCount
                if let child = children[state][Int32(cls)] {
                    transitions[row + cls] = child
                    fail[Int(child)] = transitions[failure * classCount + cls]
                    queue.append(child)
                } else {
                    transitions[row + cls] = transitions[failure * classCount + cls]
                }
            }
        }
        self.byteClass = byteClass
        self.classCount = classCount
        self.transitions = transitions
        self.output = output
        self.outputLink = outputLink
        self.patterns = patterns
        self.ringSize = ringSize
    }

    /// Every occurrence of every pattern in the text as names fold (diacritics dropped, curly apostrophes
    /// straight), folding on the fly: (range in the original bytes, pattern index). The range ends where the
    /// last matched scalar ends; scalars folded away after it (combining marks) are the caller's to add.
    func scanFolding(_ input: UnsafeBufferPointer<UInt8>, _ found: (Range<Int>, Int) -> Void) {
        guard !patterns.isEmpty else { return }
        let mask = ringSize - 1
        let classes = classCount
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: ringSize) { ring in
            transitions.withUnsafeBufferPointer { table in
                output.withUnsafeBufferPointer { output in
                    outputLink.withUnsafeBufferPointer { outputLink in
                        byteClass.withUnsafeBufferPointer { byteClass in
                            patterns.withUnsafeBufferPointer { patterns in
                                var state = 0
                                var fed = 0
                                @inline(__always) func feed(_ byte: UInt8, _ start: Int, _ end: Int) {
                                    state = Int(table[state &* classes &+ Int(byteClass[Int(byte)])])
                                    ring[fed & mask] = Int32(truncatingIfNeeded: start)
                                    fed &+= 1
                                    guard output[state] != -1 || outputLink[state] != -1 else { return }
                                    var hit = output[state] != -1 ? Int32(state) : outputLink[state]
                                    while hit != -1 {
                                        let pattern = Int(output[Int(hit)])
                                        found(Int(ring[(fed &- patterns[pattern].length) & mask])..<end, pattern)
                                        hit = outputLink[Int(hit)]
                                    }
                                }
                                var index = 0
                                let count = input.count
                                while index < count {
                                    let byte = input[index]
                                    if byte < 0x80 {
                                        feed(byte, index, index &+ 1)
                                        index &+= 1
                                        // Back at the root inside a word: no match can start before the word ends.
                                        if state == 0, Self.isASCIIWordByte(byte) {
                                            while index < count, Self.isASCIIWordByte(input[index]) { index &+= 1 }
                                        }
                                        continue
                                    }
                                    let width = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
                                    let end = min(index + width, count)
                                    var iterator = input[index..<end].makeIterator()
                                    var decoder = UTF8()
                                    if case .scalarValue(let scalar) = decoder.decode(&iterator), let folded = NameFoldTable.fold(scalar) {
                                        for out in folded.utf8 { feed(out, index, end) }
                                    } else {
                                        for k in index..<end { feed(input[k], index, end) }
                                    }
                                    index = end
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @inline(__always) static func isASCIIWordByte(_ byte: UInt8) -> Bool {
        (byte &- 0x30) < 10 || ((byte | 0x20) &- 0x61) < 26
    }
}
