import BoxAuthTestSupport
import Foundation
import Testing

/// `box-auth token --profiles FILE` on every broken profiles file of the corpus
/// (`Fixtures/Corpus/manifest.json`): a configuration error, exit code 2, and one stderr paragraph
/// naming the file.
@Suite("box-auth on the corpus of broken profiles files")
struct CorpusExitCodeTests {
    @Test(
        "exit code 2 and one paragraph naming the file", arguments: try CorpusCase.all().filter { $0.kind == .profiles }
    )
    func brokenProfiles(_ corpusCase: CorpusCase) async throws {
        let workspace = try Self.copyOfFixtures()
        defer { try? FileManager.default.removeItem(at: workspace) }
        let corpus = workspace.appendingPathComponent("Corpus")
        let profiles = corpus.appendingPathComponent(corpusCase.file)
        switch corpusCase.generate {
        case nil: break
        case "oversize"?: try CorpusCase.oversizeProfiles().write(to: profiles)
        case let other?: Issue.record("unknown generator \(other)")
        }
        try Self.restrictPermissions(under: workspace)

        let result = try await ProductProcess.boxAuth(["token", "--profiles", profiles.path])
        let named = corpus.appendingPathComponent(corpusCase.namesFile ?? corpusCase.file).path
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stdout.isEmpty, "\(result.stdout)")
        let paragraph = result.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(paragraph.hasPrefix("box-auth: error: "), "\(result.stderr)")
        #expect(
            !paragraph.unicodeScalars.contains { $0.properties.generalCategory == .control },
            "not one plain paragraph: \(result.stderr)")
        #expect(paragraph.contains(named), "\(result.stderr)")
    }

    /// A private copy of the fixtures' `Corpus` and `Keys` folders (profiles refer to keys by
    /// relative paths), so permissions can be tightened without touching the bundle.
    static func copyOfFixtures() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "box-auth-corpus-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["Corpus", "Keys"] {
            try FileManager.default.copyItem(at: Fixtures.url(name), to: folder.appendingPathComponent(name))
        }
        return folder
    }

    /// Makes every file 0600 and every folder 0700, so that `box-auth` has no permission warning to
    /// add to the error paragraph.
    static func restrictPermissions(under folder: URL) throws {
        let manager = FileManager.default
        try manager.setAttributes([.posixPermissions: 0o700], ofItemAtPath: folder.path)
        guard let enumerator = manager.enumerator(at: folder, includingPropertiesForKeys: nil) else { return }
        while let url = enumerator.nextObject() as? URL {
            var isDirectory: ObjCBool = false
            _ = manager.fileExists(atPath: url.path, isDirectory: &isDirectory)
            try manager.setAttributes(
                [.posixPermissions: isDirectory.boolValue ? 0o700 : 0o600], ofItemAtPath: url.path)
        }
    }
}
