// The preview server: the output folder over HTTP on one address, each page with the reload script added,
// and the server's own two paths (the script, and the wait for the next build). FlyingFox does the HTTP.
import FlyingFox
import FlyingSocks
import Foundation

public final class PreviewServer: Sendable {
    let server: HTTPServer
    /// `waitLimit`: the longest a wait for the next build is held open before the script asks again.
    /// `host`: an IPv4 or IPv6 address literal (127.0.0.1 unless the user means otherwise); port 0 picks a free one.
    public init(root: String, state: PreviewState, host: String, port: UInt16, waitLimit: Duration = .seconds(25)) throws {
        let handler = Handler(root: root, state: state, waitLimit: waitLimit)
        if host.contains(":") {
            server = HTTPServer(address: try sockaddr_in6.inet6(ip6: host, port: port), timeout: 60, logger: .disabled, handler: handler)
        } else {
            server = HTTPServer(address: try sockaddr_in.inet(ip4: host, port: port), timeout: 60, logger: .disabled, handler: handler)
        }
    }

    /// Serves until `stop()`.
    public func run() async throws { try await server.run() }

    public func waitUntilListening() async throws { try await server.waitUntilListening(timeout: 10) }

    /// The port it listens on (the one chosen when asked for port 0).
    public var port: UInt16? {
        get async {
            switch await server.listeningAddress {
            case .ip4(_, let port)?, .ip6(_, let port)?: return port
            default: return nil
            }
        }
    }

    public func stop() async { await server.stop(timeout: 1) }

    struct Handler: HTTPHandler {
        let root: String
        let state: PreviewState
        let waitLimit: Duration

        func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
            guard request.method == .GET || request.method == .HEAD else {
                return HTTPResponse(statusCode: .methodNotAllowed, headers: [HTTPHeader("Allow"): "GET, HEAD"], body: Data("only GET and HEAD\n".utf8))
            }
            let path = request.path
            if path.hasPrefix(SiteFiles.reserved) { return await own(path, request) }
            let snapshot = state.snapshot
            guard snapshot.hasSite else {
                return HTTPResponse(
                    statusCode: .internalServerError, headers: html(),
                    body: SiteFiles.errorPage(snapshot.errors, generation: snapshot.generation))
            }
            guard let file = SiteFiles.file(for: path, under: root), let data = FileManager.default.contents(atPath: file) else {
                let notFound = SiteFiles.file(for: "/404.html", under: root).flatMap { FileManager.default.contents(atPath: $0) }
                    ?? Data("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title></head><body><p>Not found.</p></body></html>\n".utf8)
                return HTTPResponse(
                    statusCode: .notFound, headers: html(), body: SiteFiles.served(notFound, errors: snapshot.errors, generation: snapshot.generation))
            }
            let type = SiteFiles.contentType(of: file)
            let body = type.hasPrefix("text/html") ? SiteFiles.served(data, errors: snapshot.errors, generation: snapshot.generation) : data
            return HTTPResponse(statusCode: .ok, headers: [.contentType: type, .cacheControl: "no-store"], body: body)
        }

        private func html() -> HTTPHeaders { [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"] }

        private func own(_ path: String, _ request: HTTPRequest) async -> HTTPResponse {
            switch path {
            case SiteFiles.reserved + "reload.js":
                return HTTPResponse(
                    statusCode: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "no-store"],
                    body: Data(SiteFiles.reloadScript.utf8))
            case SiteFiles.reserved + "wait":
                var snapshot = state.snapshot
                if let since = request.query.first(where: { $0.name == "since" }).flatMap({ Int($0.value) }) {
                    snapshot = await state.wait(after: since, timeout: waitLimit)
                }
                return HTTPResponse(statusCode: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"], body: Self.json(snapshot))
            default:
                return HTTPResponse(statusCode: .notFound, headers: [.contentType: "text/plain; charset=utf-8"], body: Data("not found\n".utf8))
            }
        }

        /// `{"generation":3,"ok":false,"errors":["…"]}`.
        static func json(_ snapshot: PreviewState.Snapshot) -> Data {
            struct Body: Encodable {
                let generation: Int
                let ok: Bool
                let errors: [String]
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            return (try? encoder.encode(Body(generation: snapshot.generation, ok: snapshot.errors.isEmpty, errors: snapshot.errors))) ?? Data("{}".utf8)
        }
    }
}
