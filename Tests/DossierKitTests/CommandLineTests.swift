// The `dossier` executable as a user runs it: exit codes, diagnostics on standard error, JSON output.
import Foundation
import Testing

@testable import DossierKit

struct CommandRun {
    let status: Int32
    let output: String
    let errors: String
}

/// The debug `dossier` binary that `swift build --build-tests` produced: next to the tests whatever the build
/// folder (`--scratch-path`), else in the default one.
func dossierBinary() -> URL {
    let beside = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).deletingLastPathComponent().appendingPathComponent("dossier")
    return FileManager.default.isExecutableFile(atPath: beside.path) ? beside : SiteFixture.repositoryRoot.appendingPathComponent(".build/debug/dossier")
}

/// Runs the debug `dossier` binary that `swift build --build-tests` produced next to the tests.
/// `directory`: the working folder (the test process's own when nil).
func runDossier(_ arguments: [String], in directory: URL? = nil) throws -> CommandRun {
    let binary = dossierBinary()
    #expect(FileManager.default.isExecutableFile(atPath: binary.path), "build the package first: \(binary.path) is missing")
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    let output = Pipe(), errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    let err = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CommandRun(status: process.terminationStatus, output: String(decoding: out, as: UTF8.self), errors: String(decoding: err, as: UTF8.self))
}

@Suite(.serialized) struct CommandLine {
    @Test func aGoodBuildExitsZeroWithASummaryLine() throws {
        let fixture = try SiteFixture()
        let run = try runDossier(["build", "--content", fixture.content.path, "--templates", SiteFixture.templates, "--output", fixture.output.path])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.hasPrefix("built 21 pages: "))
        #expect(run.output.contains(" written, ") && run.output.contains(" unchanged, ") && run.output.contains(" removed in "))
    }

    @Test func contentErrorsExitOneAndNameFileAndLine() throws {
        var files = SiteFixture.standard
        files["actors/nato.md"] = "---\nname: NATO\nkind: alliance\n---\n"
        let fixture = try SiteFixture(files)
        let run = try runDossier(["build", "--content", fixture.content.path, "--templates", SiteFixture.templates, "--output", fixture.output.path])
        #expect(run.status == 1)
        #expect(run.errors.contains("\(fixture.content.path)/actors/nato.md:3:7: error: 'kind' must be one of person, organization, state, not 'alliance' [field.invalid-choice]"))
        #expect(run.errors.contains("build failed with"))
        #expect(!FileManager.default.fileExists(atPath: fixture.output.path))
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try runDossier(["build", "--no-such-option"]).status == 2)
        #expect(try runDossier(["frobnicate"]).status == 2)
        #expect(try runDossier(["check", "--format", "yaml"]).status == 2)
    }

    @Test func helpIsThereForEveryCommand() throws {
        for arguments in [["--help"], ["build", "--help"], ["check", "--help"]] {
            let run = try runDossier(arguments)
            #expect(run.status == 0)
            #expect(run.output.contains("USAGE:"), "\(arguments)")
        }
    }

    @Test func checkWritesNothingAndPrintsJSONDiagnostics() throws {
        var files = SiteFixture.standard
        files["claims/threat.md"] = files["claims/threat.md", default: ""].replacingOccurrences(of: "claimant: vucic", with: "claimant: vucik")
        let fixture = try SiteFixture(files)
        let run = try runDossier(["check", "--content", fixture.content.path, "--format", "json"])
        #expect(run.status == 1)
        let lines = run.output.split(separator: "\n")
        #expect(lines.count == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(object["file"] as? String == "\(fixture.content.path)/claims/threat.md")
        #expect(object["line"] as? Int == 2)
        #expect(object["column"] as? Int == 11)
        #expect(object["severity"] as? String == "error")
        #expect(object["message"] as? String == "claimant 'vucik' is not an actor in this dossier; did you mean 'vucic'?")
        #expect(object["code"] as? String == "reference.unknown-actor")
        #expect(object["fix"] as? String == "write 'vucic'")
        #expect(!FileManager.default.fileExists(atPath: fixture.output.path))
    }

    @Test func checkFormatGithubPrintsWorkflowCommandsAndExitsOne() throws {
        var files = SiteFixture.standard
        files["claims/threat.md"] = files["claims/threat.md", default: ""].replacingOccurrences(of: "claimant: vucic", with: "claimant: vucik")
        let fixture = try SiteFixture(files)
        let run = try runDossier(["check", "--content", fixture.content.path, "--format", "github"])
        #expect(run.status == 1)
        let path = Diagnostic.githubProperty("\(fixture.content.path)/claims/threat.md")
        #expect(
            run.output
                == "::error file=\(path),line=2,col=11,title=reference.unknown-actor::claimant 'vucik' is not an actor in this dossier; did you mean 'vucic'? (fix: write 'vucic')\n"
        )
    }

    @Test func checkExitsZeroOnWarningsAlone() throws {
        var files = SiteFixture.standard
        files["articles/notes.txt"] = "scratch"
        let fixture = try SiteFixture(files)
        let run = try runDossier(["check", "--content", fixture.content.path])
        #expect(run.status == 0)
        #expect(run.errors.hasSuffix("[content.ignored-file]\ncontent is valid (1 warning)\n"))
        let github = try runDossier(["check", "--content", fixture.content.path, "--format", "github"])
        #expect(github.status == 0)
        #expect(github.output.hasPrefix("::warning file="))
    }

    @Test func checkOnTheSeedDossierIsClean() throws {
        let run = try runDossier(["check", "--content", SiteFixture.repositoryRoot.appendingPathComponent("content").path])
        #expect(run.status == 0)
        #expect(run.errors == "content is valid\n")
    }
}
