// The link chart: actors and locations as nodes sized by mentions, edges weighted by the paragraphs
// that mention both, with the claims' relations (contradictions between actors, affiliations) drawn
// differently. Laid out at build time into SVG, so it needs no JavaScript, and deterministically: the
// same dossier gives the same bytes (a fixed start, a fixed number of steps, no randomness).
//
// Layout: Fruchterman–Reingold from nodes placed on a circle in a fixed order, then every label box is
// pushed apart from every other (and from every node) until none overlap, then the view box is fitted
// around the result (fitting never scales, so it cannot bring labels back together).
import Foundation

struct ChartEdgeRow: TemplateModel, Hashable {
    var first: EntityLink
    var second: EntityLink
    /// "mentioned together in 4 paragraphs", "contradict each other", "affiliated".
    var relation: String

    static let fields = FieldTable<Self>(["first": .get { .of($0.pointee.first) }, "second": .get { .of($0.pointee.second) }, "relation": .get { .of($0.pointee.relation) }])
}

struct LinkChartModel: TemplateModel, Hashable {
    var svg: LazyHTML
    var edges: [ChartEdgeRow]
    /// What a large dossier's chart leaves out.
    var omitted: String?

    static let fields = FieldTable<Self>(["svg": .get { .of($0.pointee.svg) }, "edges": .get { .of($0.pointee.edges) }, "omitted": .get { .of($0.pointee.omitted) }, "hasEdges": .get { .of(!$0.pointee.edges.isEmpty) }])
}

enum LinkChart {
    static let maxNodes = 50
    static let maxEdges = 150
    static let fontSize = 11.0
    /// A label's width per character at `fontSize` (a generous average for proportional fonts).
    static let charWidth = 6.6

    enum Relation: Int, Comparable {
        case cooccurrence, contradiction, affiliation
        static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    struct Edge: Hashable {
        let a: Int
        let b: Int
        let relation: Relation
        let weight: Int
    }

    struct Node {
        let entity: EntityRef
        let name: String
        let label: String
        let mentions: Int
        var x = 0.0
        var y = 0.0
        var radius = 4.0
        /// The label's width, counted once: `box` runs for every pair of nodes on every separating pass.
        let labelWidth: Double

        init(entity: EntityRef, name: String, label: String, mentions: Int, x: Double = 0, y: Double = 0, radius: Double = 4) {
            self.entity = entity
            self.name = name
            self.label = label
            self.mentions = mentions
            self.x = x
            self.y = y
            self.radius = radius
            labelWidth = Double(label.count) * LinkChart.charWidth
        }
    }

    /// Labels are cut at 28 characters (the whole name is in the node's tooltip and the table).
    static func label(_ name: String) -> String { name.count > 28 ? String(name.prefix(27)) + "…" : name }

    /// The whole network's chart (its strongest part in a large dossier) and the table of its edges.
    static func network(_ index: RenderIndex) -> LinkChartModel? {
        guard let plan = plan(index) else { return nil }
        let (nodes, edges, omitted) = (plan.nodes, plan.edges, plan.omitted)
        let svg = svg(nodes, edges: edges, title: "Link chart", description: "Actors and locations of this dossier, sized by mentions, linked by the paragraphs that mention both; red dashed lines join actors whose claims contradict each other, grey dotted lines an actor and an organization it belongs to.", root: "")
        return LinkChartModel(
            svg: LazyHTML(.raw(svg)) { svg },
            edges: edges.map { edge in
                ChartEdgeRow(
                    first: index.entityLink(nodes[edge.a].entity), second: index.entityLink(nodes[edge.b].entity),
                    relation: describe(edge))
            },
            omitted: omitted.isEmpty ? nil : "Not shown: " + omitted.joined(separator: " and ") + " (dossier.json has every pair).")
    }

    /// The chosen nodes, laid out, with their edges and what was left out.
    static func plan(_ index: RenderIndex) -> (nodes: [Node], edges: [Edge], omitted: [String])? {
        let dossier = index.dossier
        let corpus = dossier.corpus
        var all: [EntityRef] = corpus.actors.map { EntityRef(kind: .actors, id: $0.id) } + corpus.locations.map { EntityRef(kind: .locations, id: $0.id) }
        all = all.filter { index.mentionCount($0) > 0 || !(index.cooccurrencesByEntity[$0] ?? []).isEmpty }
        guard !all.isEmpty else { return nil }
        all.sort { (index.mentionCount($0), $1.description) > (index.mentionCount($1), $0.description) }
        let chosen = Array(all.prefix(maxNodes))
        let position = Dictionary(uniqueKeysWithValues: chosen.enumerated().map { ($1, $0) })
        var edges: [Edge] = []
        for pair in dossier.cooccurrences {
            guard let a = position[pair.first], let b = position[pair.second], a != b else { continue }
            edges.append(Edge(a: min(a, b), b: max(a, b), relation: .cooccurrence, weight: pair.count))
        }
        let totalCooccurrences = dossier.cooccurrences.count
        edges.sort { ($0.weight, $1.a, $1.b) > ($1.weight, $0.a, $0.b) }
        edges = Array(edges.prefix(maxEdges))
        var relations = Set<Edge>()
        for contradiction in dossier.contradictions where contradiction.kind != .selfContradiction {
            guard let first = index.claims[contradiction.first]?.claimant.value, let second = index.claims[contradiction.second]?.claimant.value,
                let a = position[EntityRef(kind: .actors, id: first)], let b = position[EntityRef(kind: .actors, id: second)], a != b
            else { continue }
            relations.insert(Edge(a: min(a, b), b: max(a, b), relation: .contradiction, weight: 1))
        }
        for actor in corpus.actors {
            guard let a = position[EntityRef(kind: .actors, id: actor.id)] else { continue }
            for affiliation in actor.affiliations {
                guard let b = position[EntityRef(kind: .actors, id: affiliation.value)], a != b else { continue }
                relations.insert(Edge(a: min(a, b), b: max(a, b), relation: .affiliation, weight: 1))
            }
        }
        edges += relations.sorted { ($0.relation, $0.a, $0.b) < ($1.relation, $1.a, $1.b) }
        var nodes = chosen.map { entity in
            let name = index.name(of: entity)
            return Node(entity: entity, name: name, label: label(name), mentions: index.mentionCount(entity))
        }
        let heaviest = Double(max(1, nodes.map(\.mentions).max() ?? 1))
        for i in nodes.indices { nodes[i].radius = 4 + 10 * (Double(nodes[i].mentions) / heaviest).squareRoot() }
        layout(&nodes, edges: edges)
        separateLabels(&nodes)
        var omitted: [String] = []
        if all.count > chosen.count { omitted.append("\(all.count - chosen.count) less mentioned names") }
        let shownPairs = edges.filter { $0.relation == .cooccurrence }.count
        if totalCooccurrences > shownPairs { omitted.append("\(totalCooccurrences - shownPairs) weaker or outside pairs of names mentioned together") }
        return (nodes, edges, omitted)
    }

    static func describe(_ edge: Edge) -> String {
        switch edge.relation {
        case .cooccurrence: "mentioned together in \(SiteText.plural(edge.weight, "paragraph"))"
        case .contradiction: "their claims contradict each other"
        case .affiliation: "affiliated"
        }
    }

    /// A small chart of one entity and its strongest neighbours, around it on a circle.
    static func neighbourhood(_ index: RenderIndex, of entity: EntityRef, limit: Int = 8) -> LazyHTML? {
        let neighbours = Array((index.cooccurrencesByEntity[entity] ?? []).prefix(limit))
        guard !neighbours.isEmpty else { return nil }
        let name = index.name(of: entity)
        var nodes = [Node(entity: entity, name: name, label: label(name), mentions: index.mentionCount(entity), x: 0, y: 0, radius: 9)]
        let strongest = Double(max(1, neighbours.map(\.count).max() ?? 1))
        var edges: [Edge] = []
        for (number, neighbour) in neighbours.enumerated() {
            let angle = -Double.pi / 2 + 2 * Double.pi * Double(number) / Double(neighbours.count)
            let neighbourName = index.name(of: neighbour.entity)
            nodes.append(
                Node(
                    entity: neighbour.entity, name: neighbourName, label: label(neighbourName), mentions: index.mentionCount(neighbour.entity),
                    x: (130 * cos(angle) * 1000).rounded() / 1000, y: (110 * sin(angle) * 1000).rounded() / 1000,
                    radius: 4 + 5 * (Double(neighbour.count) / strongest).squareRoot()))
            edges.append(Edge(a: 0, b: number + 1, relation: .cooccurrence, weight: neighbour.count))
        }
        separateLabels(&nodes, fixed: [0], passes: 400)
        let svg = svg(
            nodes, edges: edges, title: "\(name) and the names mentioned most often with it",
            description: "Each line is as thick as the number of paragraphs that mention both.", root: "../")
        return LazyHTML(.raw(svg)) { svg }
    }

    // MARK: Layout

    static func layout(_ nodes: inout [Node], edges: [Edge], width: Double = 1000, height: Double = 700, steps: Int = 300) {
        let count = nodes.count
        guard count > 1 else { return }
        for i in nodes.indices {
            let angle = 2 * Double.pi * Double(i) / Double(count)
            nodes[i].x = width / 3 * cos(angle)
            nodes[i].y = height / 3 * sin(angle)
        }
        let k = (width * height / Double(count)).squareRoot() * 0.6
        let heaviest = Double(max(1, edges.map(\.weight).max() ?? 1))
        var temperature = width / 8
        for _ in 0..<steps {
            var dx = [Double](repeating: 0, count: count), dy = [Double](repeating: 0, count: count)
            for i in 0..<count {
                for j in (i + 1)..<count {
                    var ex = nodes[i].x - nodes[j].x, ey = nodes[i].y - nodes[j].y
                    var distance = (ex * ex + ey * ey).squareRoot()
                    if distance < 0.01 {
                        ex = 0.01 * Double(i - j)
                        ey = 0.01
                        distance = 0.0142
                    }
                    let force = k * k / distance
                    dx[i] += ex / distance * force
                    dy[i] += ey / distance * force
                    dx[j] -= ex / distance * force
                    dy[j] -= ey / distance * force
                }
            }
            for edge in edges {
                let ex = nodes[edge.a].x - nodes[edge.b].x, ey = nodes[edge.a].y - nodes[edge.b].y
                let distance = max(0.01, (ex * ex + ey * ey).squareRoot())
                let strength = edge.relation == .cooccurrence ? 0.3 + 0.7 * Double(edge.weight) / heaviest : 0.3
                let force = distance * distance / k * strength
                dx[edge.a] -= ex / distance * force
                dy[edge.a] -= ey / distance * force
                dx[edge.b] += ex / distance * force
                dy[edge.b] += ey / distance * force
            }
            for i in 0..<count {
                // A pull to the centre keeps unconnected names on the chart.
                dx[i] -= nodes[i].x * 0.1
                dy[i] -= nodes[i].y * 0.1
                let length = max(0.01, (dx[i] * dx[i] + dy[i] * dy[i]).squareRoot())
                // Kept inside the frame (room for labels on the right).
                nodes[i].x = min(width / 2 - 150, max(-width / 2, nodes[i].x + dx[i] / length * min(length, temperature)))
                nodes[i].y = min(height / 2, max(-height / 2, nodes[i].y + dy[i] / length * min(length, temperature)))
            }
            temperature = max(1, temperature * 0.985)
        }
        // Round so that the SVG's numbers do not depend on the last bits of a float.
        for i in nodes.indices {
            nodes[i].x = (nodes[i].x * 10).rounded() / 10
            nodes[i].y = (nodes[i].y * 10).rounded() / 10
        }
    }

    /// The box a node and its label take: the circle, and the label to its right.
    static func box(_ node: Node) -> (minX: Double, minY: Double, maxX: Double, maxY: Double) {
        Shape(x: node.x, y: node.y, radius: node.radius, labelWidth: node.labelWidth).box
    }

    static func overlap(_ a: Node, _ b: Node, gap: Double = 2) -> (x: Double, y: Double)? {
        overlap(box(a), box(b), gap: gap)
    }

    /// Moves nodes (except `fixed` ones) until no node-and-label box overlaps another.
    ///
    /// The passes work on the nodes' numbers alone, copied out of the nodes: a node holds three strings, and
    /// reading `nodes[i]` for each pair of every pass retained and released all three (7% of the passes'
    /// instructions on the 2,000-article benchmark's chart; the rest is the pairs themselves). Same arithmetic,
    /// same order: the same positions.
    static func separateLabels(_ nodes: inout [Node], fixed: Set<Int> = [], passes: Int = 2000) {
        var shapes = nodes.map { Shape(x: $0.x, y: $0.y, radius: $0.radius, labelWidth: $0.labelWidth) }
        let pinned = nodes.indices.map { fixed.contains($0) }
        defer {
            for index in nodes.indices {
                nodes[index].x = shapes[index].x
                nodes[index].y = shapes[index].y
            }
        }
        shapes.withUnsafeMutableBufferPointer { shapes in
            for _ in 0..<passes {
                var moved = false
                for i in shapes.indices {
                    for j in shapes.indices where j > i {
                        guard let push = overlap(shapes[i].box, shapes[j].box) else { continue }
                        moved = true
                        let (share, other) = pinned[i] ? (0.0, 1.0) : pinned[j] ? (1.0, 0.0) : (0.5, 0.5)
                        if push.y <= push.x {
                            let direction = shapes[i].y < shapes[j].y || (shapes[i].y == shapes[j].y && i < j) ? -1.0 : 1.0
                            shapes[i].y += direction * push.y * share
                            shapes[j].y -= direction * push.y * other
                        } else {
                            let direction = shapes[i].x < shapes[j].x || (shapes[i].x == shapes[j].x && i < j) ? -1.0 : 1.0
                            shapes[i].x += direction * push.x * share
                            shapes[j].x -= direction * push.x * other
                        }
                        shapes[i].x = (shapes[i].x * 10).rounded() / 10
                        shapes[i].y = (shapes[i].y * 10).rounded() / 10
                        shapes[j].x = (shapes[j].x * 10).rounded() / 10
                        shapes[j].y = (shapes[j].y * 10).rounded() / 10
                    }
                }
                if !moved { return }
            }
        }
    }

    /// A node's numbers: where it is and how much room it and its label take.
    struct Shape {
        var x: Double
        var y: Double
        let radius: Double
        let labelWidth: Double

        /// The circle, and the label to its right.
        var box: (minX: Double, minY: Double, maxX: Double, maxY: Double) {
            (x - radius, min(y - radius, y - fontSize * 0.8), x + radius + 4 + labelWidth, max(y + radius, y + fontSize * 0.5))
        }
    }

    static func overlap(
        _ p: (minX: Double, minY: Double, maxX: Double, maxY: Double), _ q: (minX: Double, minY: Double, maxX: Double, maxY: Double), gap: Double = 2
    ) -> (x: Double, y: Double)? {
        let x = min(p.maxX, q.maxX) - max(p.minX, q.minX) + gap
        let y = min(p.maxY, q.maxY) - max(p.minY, q.minY) + gap
        return x > 0 && y > 0 ? (x, y) : nil
    }

    // MARK: SVG

    static func number(_ value: Double) -> String {
        // In tenths, with integers: `String(format:)` was a tenth of the time of a chart.
        let tenths = Int((value * 10).rounded())
        if tenths % 10 == 0 { return String(tenths / 10) }
        return (tenths < 0 ? "-" : "") + String(abs(tenths) / 10) + "." + String(abs(tenths) % 10)
    }

    static func svg(_ nodes: [Node], edges: [Edge], title: String, description: String, root: String) -> String {
        let boxes = nodes.map(box)
        let minX = (boxes.map(\.minX).min() ?? 0) - 10, minY = (boxes.map(\.minY).min() ?? 0) - 10
        let maxX = (boxes.map(\.maxX).max() ?? 0) + 10, maxY = (boxes.map(\.maxY).max() ?? 0) + 10
        let heaviest = Double(max(1, edges.filter { $0.relation == .cooccurrence }.map(\.weight).max() ?? 1))
        var out = "<svg class=\"link-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"\(number(minX)) \(number(minY)) \(number(maxX - minX)) \(number(maxY - minY))\" aria-labelledby=\"chart-title chart-desc\">\n"
        out += "<title id=\"chart-title\">\(SiteText.html(title))</title>\n<desc id=\"chart-desc\">\(SiteText.html(description))</desc>\n<g class=\"edges\" aria-hidden=\"true\">\n"
        for edge in edges {
            let a = nodes[edge.a], b = nodes[edge.b]
            let width = edge.relation == .cooccurrence ? 0.6 + 4 * Double(edge.weight) / heaviest : 1.5
            out += "<line class=\"edge edge-\(edge.relation)\" x1=\"\(number(a.x))\" y1=\"\(number(a.y))\" x2=\"\(number(b.x))\" y2=\"\(number(b.y))\" stroke-width=\"\(number(width))\"/>\n"
        }
        out += "</g>\n<g class=\"nodes\">\n"
        for node in nodes {
            let kind = node.entity.kind == .actors ? "actor" : "location"
            out += "<a href=\"\(root)\(SiteText.html(node.entity.description)).html\" class=\"node node-\(kind)\"><title>\(SiteText.html(node.name)): \(SiteText.plural(node.mentions, "mention"))</title>"
            out += "<circle cx=\"\(number(node.x))\" cy=\"\(number(node.y))\" r=\"\(number(node.radius))\"/>"
            out += "<text x=\"\(number(node.x + node.radius + 4))\" y=\"\(number(node.y + fontSize * 0.35))\">\(SiteText.html(node.label))</text></a>\n"
        }
        out += "</g>\n</svg>"
        return out
    }
}
