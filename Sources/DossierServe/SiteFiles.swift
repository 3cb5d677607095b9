// Which file of the output folder a request path names, and what is added to pages as they are served.
// Pure functions, so the rules are tested without a server.
import DossierKit
import Foundation

public enum SiteFiles {
    /// The prefix of the server's own paths (the reload script, the wait endpoint): no site file has it.
    public static let reserved = "/__dossier/"

    /// The file under `root` that `path` (percent-decoded, without the query) names, or nil when it names
    /// nothing there: `..` or `.` segments, hidden names, NUL bytes, and anything whose real path (symbolic
    /// links followed) is outside `root` are refused. A folder serves its index.html.
    public static func file(for path: String, under root: String) -> String? {
        let decoded = path
        guard decoded.hasPrefix("/"), !decoded.contains("\0") else { return nil }
        var segments: [Substring] = []
        for segment in decoded.split(separator: "/", omittingEmptySubsequences: true) {
            guard segment != "..", segment != ".", !segment.hasPrefix("."), !segment.contains("\\") else { return nil }
            segments.append(segment)
        }
        let rootPath = URL(fileURLWithPath: root).standardizedFileURL.resolvingSymlinksInPath().path
        var candidate = ([rootPath] + segments.map(String.init)).joined(separator: "/")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory) else { return nil }
        if isDirectory.boolValue {
            candidate += "/index.html"
            guard FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue else { return nil }
        }
        let real = URL(fileURLWithPath: candidate).resolvingSymlinksInPath().path
        guard real.hasPrefix(rootPath + "/") else { return nil }
        return real
    }

    /// The content type of a file by its extension.
    public static func contentType(of path: String) -> String {
        switch (path as NSString).pathExtension.lowercased() {
        case "html", "htm": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js", "mjs": return "text/javascript; charset=utf-8"
        case "json": return "application/json"
        case "xml": return "application/xml"
        case "svg": return "image/svg+xml"
        case "txt": return "text/plain; charset=utf-8"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "ico": return "image/x-icon"
        case "woff2": return "font/woff2"
        case "pdf": return "application/pdf"
        default: return "application/octet-stream"
        }
    }

    /// The reload script's element, added to every served page (never to the files in the output folder), with
    /// the generation of the build the page is from: a build that ends while the page loads still reloads it.
    public static func scriptTag(generation: Int) -> String {
        "<script src=\"\(reserved)reload.js\" data-generation=\"\(generation)\"></script>"
    }

    /// `page` with the reload script and, when the last build failed, a box listing its errors.
    public static func served(_ page: Data, errors: [String], generation: Int) -> Data {
        var html = String(decoding: page, as: UTF8.self)
        var insert = ""
        if !errors.isEmpty { insert += errorBox(errors) }
        insert += scriptTag(generation: generation) + "\n"
        if let body = html.range(of: "</body>", options: [.backwards, .caseInsensitive]) {
            html.insert(contentsOf: insert, at: body.lowerBound)
        } else {
            html += insert
        }
        return Data(html.utf8)
    }

    /// The errors of a failed build as a box at the top of the page (fixed, above the content).
    static func errorBox(_ errors: [String]) -> String {
        let items = errors.map { "<li><code>\(SiteText.html($0))</code></li>" }.joined(separator: "\n")
        let count = errors.count == 1 ? "1 error" : "\(errors.count) errors"
        return """
            <div id="dossier-build-errors" role="alert" style="position:fixed;inset:0 0 auto 0;z-index:2147483647;max-height:60vh;overflow:auto;margin:0;padding:1em 1.5em;background:#fff4f4;color:#5c0000;border-bottom:3px solid #b00000;font:15px/1.45 system-ui,sans-serif;box-shadow:0 2px 12px rgba(0,0,0,.25)">
            <h2 style="margin:0 0 .5em;font-size:1.1em">The last build failed with \(count); this is the last good site</h2>
            <ul style="margin:0;padding-left:1.2em">
            \(items)
            </ul>
            <p style="margin:.5em 0 0">Fix the file and save: the page reloads by itself.</p>
            </div>

            """
    }

    /// The whole page shown when no build has succeeded yet.
    public static func errorPage(_ errors: [String], generation: Int) -> Data {
        let html = """
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Build failed · dossier serve</title></head>
            <body>
            <main><h1>The dossier does not build yet</h1><p>No build has succeeded, so there is no site to show.</p></main>
            </body>
            </html>

            """
        return served(Data(html.utf8), errors: errors, generation: generation)
    }

    /// The script the pages load: it waits on the server for the next build, then reloads the page.
    public static let reloadScript = """
        // Added by `dossier serve` to the pages it serves; never part of the built site.
        (function () {
          "use strict";
          var script = document.currentScript;
          var generation = script ? Number(script.getAttribute("data-generation")) : null;
          function wait() {
            var url = "\(reserved)wait" + (generation === null ? "" : "?since=" + generation);
            fetch(url, { cache: "no-store" }).then(function (response) {
              if (!response.ok) { throw new Error("status " + response.status); }
              return response.json();
            }).then(function (state) {
              if (generation !== null && state.generation !== generation) { window.location.reload(); return; }
              generation = state.generation;
              wait();
            }).catch(function () {
              // The server is restarting or gone: try again a little later.
              window.setTimeout(wait, 1000);
            });
          }
          wait();
        })();

        """
}
