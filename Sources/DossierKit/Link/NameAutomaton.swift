// One Aho–Corasick automaton over every folded name and alias: linear in the text, whatever the alias count.

struct NameAutomaton: Sendable {
    struct Pattern: Sendable {
        let entity: Int
        let length: Int
    }

    /// Byte → class; class 0 is "a byte no pattern uses".
    private var byteClass = [UInt16](repeating: 0, count: 256)
    private var classCount = 1
    /// Dense DFA: transitions[state * classCount + class].
    private var transitions: [Int32] = []
    /// The pattern ending at this state, or -1.
    private var output: [Int32] = []
    /// The nearest state on the failure chain that has an output, or -1.
    private var outputLink: [Int32] = []
    private(set) var patterns: [Pattern] = []

    /// `names` are folded byte strings, each with the index of its entity.
    init(names: [(bytes: [UInt8], entity: Int)]) {
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
        let stateCount = children.count
        transitions = [Int32](repeating: 0, count: stateCount * classCount)
        output = trieOutput
        outputLink = [Int32](repeating: -1, count: stateCount)
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
    }

    /// Every occurrence of every pattern: (end offset exclusive, pattern index).
    func scan(_ bytes: [UInt8], _ found: (Int, Int) -> Void) {
        guard !patterns.isEmpty else { return }
        var state = 0
        bytes.withUnsafeBufferPointer { buffer in
            transitions.withUnsafeBufferPointer { table in
                for index in 0..<buffer.count {
                    state = Int(table[state * classCount + Int(byteClass[Int(buffer[index])])])
                    if output[state] == -1, outputLink[state] == -1 { continue }
                    var hit = output[state] != -1 ? Int32(state) : outputLink[state]
                    while hit != -1 {
                        found(index + 1, Int(output[Int(hit)]))
                        hit = outputLink[Int(hit)]
                    }
                }
            }
        }
    }
}
