// `dossier serve` as a user runs it: a real server on 127.0.0.1 and a free port, a real folder watched,
// every wait bounded. And the rules for which file a request names, without a server.
import DossierServe
import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif

/// A `dossier serve` process on a free port of 127.0.0.1, stopped with SIGINT (or killed) when done.
final class ServeProcess: @unchecked Sendable {
    let process = Process()
    let port: Int
    private let output = Pipe()

    init(in folder: URL) throws {
        process.executableURL = dossierBinary()
        process.arguments = ["serve", "--port", "0"]
        process.currentDirectoryURL = folder
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The address line, within 60 seconds.
        let handle = output.fileHandleForReading
        var text = ""
        let deadline = Date().addingTimeInterval(60)
        var found: Int?
        while found == nil, Date() < deadline, process.isRunning {
            var poller = pollfd(fd: handle.fileDescriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 200) > 0 else { continue }
            let data = handle.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
            if let range = text.range(of: #"http://127\.0\.0\.1:(\d+)/"#, options: .regularExpression) {
                found = Int(text[range].dropFirst("http://127.0.0.1:".count).dropLast())
            }
        }
        guard let found else {
            process.terminate()
            throw ServeTestError.noAddress(text)
        }
        port = found
    }

    /// SIGINT, then the exit status (nil if it had to be killed after 15 seconds).
    func interrupt() -> Int32? {
        kill(process.processIdentifier, SIGINT)
        let deadline = Date().addingTimeInterval(15)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return nil
        }
        return process.terminationStatus
    }

    deinit { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

    /// GET on the server: status and body, within `timeout` seconds.
    func get(_ path: String, timeout: TimeInterval = 10) -> (status: Int, body: String, type: String) {
        guard let url = URL(string: "http://127.0.0.1:\(port)\(path)") else { return (0, "", "") }
        var request = URLRequest(url: url)
        request.timeoutInterval = timeout
        let box = ResultBox()
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { data, response, _ in
            let http = response as? HTTPURLResponse
            box.set(http?.statusCode ?? 0, String(decoding: data ?? Data(), as: UTF8.self), http?.value(forHTTPHeaderField: "Content-Type") ?? "")
            done.signal()
        }.resume()
        _ = done.wait(timeout: .now() + timeout + 1)
        return box.value
    }

    /// The bytes a raw HTTP/1.1 request gets back (paths sent exactly as written, `..` and all).
    func raw(_ requestLine: String) throws -> String {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw ServeTestError.socket }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw ServeTestError.socket }
        let request = requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        _ = request.withCString { send(socket, $0, strlen($0), 0) }
        var response = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(socket, &buffer, buffer.count, 0)
            if count <= 0 { break }
            response.append(contentsOf: buffer[0..<count])
        }
        return String(decoding: response, as: UTF8.self)
    }
}

final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: (Int, String, String) = (0, "", "")
    func set(_ status: Int, _ body: String, _ type: String) {
        lock.lock()
        stored = (status, body, type)
        lock.unlock()
    }
    var value: (status: Int, body: String, type: String) {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}

enum ServeTestError: Error {
    case noAddress(String)
    case socket
}

/// Polls `condition` every 50 ms for at most `seconds`.
func eventually(_ seconds: TimeInterval, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if condition() { return true }
        Thread.sleep(forTimeInterval: 0.05)
    }
    return condition()
}

@Suite(.serialized) struct Serve {
    static let article = "articles/mia-2023-11-21-no-imminent-threat"

    @Test func anEditIsServedAndAnnouncedABrokenFileShowsItsErrorsAndAFixBringsTheSiteBack() throws {
        let folder = try EmptyFolder()
        defer { folder.remove() }
        #expect(try runDossier(["init"], in: folder.url).status == 0)
        let server = try ServeProcess(in: folder.url)

        // The first page, with the reload script added as served.
        let page = server.get("/\(Self.article).html")
        #expect(page.status == 200)
        #expect(page.type == "text/html; charset=utf-8")
        #expect(page.body.contains("<script src=\"/__dossier/reload.js\" data-generation=\"1\"></script>\n</body>"))
        #expect(server.get("/__dossier/reload.js").body.contains("location.reload()"))
        // public/ on disk is what `dossier build` writes: no reload script there.
        let onDisk = try String(contentsOf: folder.url.appendingPathComponent("public/\(Self.article).html"), encoding: .utf8)
        #expect(!onDisk.contains("__dossier"))

        // An edit: the wait for the next build returns, and the page has the new text.
        let articleFile = folder.url.appendingPathComponent("content/\(Self.article).md")
        let original = try String(contentsOf: articleFile, encoding: .utf8)
        let box = ResultBox()
        let waited = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            let response = server.get("/__dossier/wait?since=1", timeout: 30)
            box.set(response.status, response.body, response.type)
            waited.signal()
        }
        Thread.sleep(forTimeInterval: 0.2)
        try Data((original + "\nA paragraph the preview must show: quillwort.\n").utf8).write(to: articleFile)
        #expect(waited.wait(timeout: .now() + 30) == .success, "no reload event within 30 s")
        #expect(box.value.status == 200)
        #expect(box.value.body == #"{"errors":[],"generation":2,"ok":true}"#)
        #expect(server.get("/\(Self.article).html").body.contains("quillwort"))

        // A broken file: the last good site stays, with the error (file:line:column) on every page.
        let location = folder.url.appendingPathComponent("content/locations/skopje.md")
        let good = try String(contentsOf: location, encoding: .utf8)
        try Data(good.replacingOccurrences(of: "kind: city", with: "kind: citty").utf8).write(to: location)
        #expect(eventually(20) { server.get("/").body.contains("dossier-build-errors") })
        let broken = server.get("/index.html").body
        #expect(broken.contains("locations/skopje.md:4:7: error: &#39;kind&#39; must be one of country, region, city, place, not &#39;citty&#39;"))
        #expect(broken.contains("quillwort") || server.get("/\(Self.article).html").body.contains("quillwort"))
        let state = server.get("/__dossier/wait").body
        #expect(state.contains(#""ok":false"#) && state.contains("skopje.md:4:7"))

        // Fixed: the site is back without the box.
        try Data(good.utf8).write(to: location)
        #expect(eventually(20) { !server.get("/").body.contains("dossier-build-errors") })
        #expect(server.get("/locations/skopje.html").status == 200)

        // While serving, the previous build's tree is kept beside public/ for the next build; gone on Ctrl-C.
        let twin = folder.url.appendingPathComponent(".public.dossier-staging").path
        #expect(FileManager.default.fileExists(atPath: twin))
        #expect(server.interrupt() == 0)
        #expect(!FileManager.default.fileExists(atPath: twin))
    }

    @Test func onlyFilesUnderTheOutputFolderAreServed() throws {
        let folder = try EmptyFolder()
        defer { folder.remove() }
        #expect(try runDossier(["init"], in: folder.url).status == 0)
        // Something outside public/ that a traversal would reach.
        try Data("secret\n".utf8).write(to: folder.url.appendingPathComponent("secret.txt"))
        let server = try ServeProcess(in: folder.url)
        for path in ["/../secret.txt", "/../../../../etc/passwd", "/assets/../../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt", "/.dossier-manifest"] {
            let response = try server.raw("GET \(path) HTTP/1.1")
            #expect(!response.contains("secret\n") && !response.contains("root:"), "\(path) leaked")
            #expect(response.hasPrefix("HTTP/1.1 404") || response.hasPrefix("HTTP/1.1 400"), "\(path): \(response.prefix(40))")
        }
        #expect(server.get("/nothing-here.html").status == 404)
        #expect(server.get("/assets/style.css").type == "text/css; charset=utf-8")
        #expect(server.get("/assets/icon.svg").type == "image/svg+xml")
        #expect(server.get("/dossier.json").type == "application/json")
        // A folder serves its index page.
        #expect(server.get("/claims/").body.contains("<h1>"))
        #expect(try server.raw("POST / HTTP/1.1").hasPrefix("HTTP/1.1 405"))
        // An open page's wait for the next build does not hold up Ctrl-C.
        let waited = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            _ = server.get("/__dossier/wait?since=1", timeout: 30)
            waited.signal()
        }
        Thread.sleep(forTimeInterval: 0.3)
        let stopping = Date()
        #expect(server.interrupt() == 0)
        #expect(Date().timeIntervalSince(stopping) < 5)
        #expect(waited.wait(timeout: .now() + 5) == .success)
    }

    @Test func requestPathsMapOnlyToFilesInsideTheRoot() throws {
        let folder = try EmptyFolder()
        defer { folder.remove() }
        let root = folder.url.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("a"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: root.appendingPathComponent("a/index.html"))
        try Data("y".utf8).write(to: root.appendingPathComponent("page.html"))
        try Data("z".utf8).write(to: folder.url.appendingPathComponent("outside.html"))
        try FileManager.default.createSymbolicLink(
            at: root.appendingPathComponent("link.html"), withDestinationURL: folder.url.appendingPathComponent("outside.html"))
        let real = root.resolvingSymlinksInPath().path
        #expect(SiteFiles.file(for: "/page.html", under: root.path) == real + "/page.html")
        #expect(SiteFiles.file(for: "/a/", under: root.path) == real + "/a/index.html")
        #expect(SiteFiles.file(for: "/a", under: root.path) == real + "/a/index.html")
        for refused in ["/../outside.html", "/a/../../outside.html", "/./page.html", "/link.html", "/.hidden", "page.html", "/page.html\0.txt", "/missing.html"] {
            #expect(SiteFiles.file(for: refused, under: root.path) == nil, "\(refused)")
        }
    }

    @Test func servedPagesGetTheScriptAndTheErrorsEscaped() {
        let page = Data("<html><body><p>x</p></body></html>".utf8)
        let clean = String(decoding: SiteFiles.served(page, errors: [], generation: 7), as: UTF8.self)
        #expect(clean == "<html><body><p>x</p><script src=\"/__dossier/reload.js\" data-generation=\"7\"></script>\n</body></html>")
        let failed = String(decoding: SiteFiles.served(page, errors: ["a.md:1:2: error: <b>&'\""], generation: 8), as: UTF8.self)
        #expect(failed.contains("<li><code>a.md:1:2: error: &lt;b&gt;&amp;&#39;&quot;</code></li>"))
        #expect(failed.contains("The last build failed with 1 error;"))
    }
}
