import BoxAuth
import BoxAuthProviders
import BoxAuthTestSupport
import Foundation
import Testing

/// Walks the corpus of broken and hostile inputs in `Fixtures/Corpus` (listed in its
/// `manifest.json`): every input must fail with its documented typed error, located at its file and
/// JSON path, in one paragraph, and never crash.
@Suite("Corpus of broken inputs")
struct CorpusTests {
    @Test("the manifest lists every corpus input, and every listed file exists")
    func manifestIsComplete() throws {
        let cases = try CorpusCase.all()
        #expect(cases.count >= 60)
        #expect(Set(cases.map(\.file)).count == cases.count, "a file is listed twice")
        // Every case is a normal expected case: no key outside the documented ones (such as a
        // tolerated "knownIssue").
        #expect(try CorpusCase.keysInManifest().subtracting(CorpusCase.knownKeys).isEmpty)
        let root = try Fixtures.url("Corpus")
        let listed = Set(cases.map(\.file) + cases.compactMap(\.namesFile))
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        var onDisk: [String] = []
        while let url = enumerator?.nextObject() as? URL {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue
            else { continue }
            onDisk.append(String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1)))
        }
        // Files that only support cases (a secret file, a config.json that must never be read).
        let support: Set = ["manifest.json", "profiles/secrets/not-utf8.bin", "config/valid-but-unused.json"]
        for file in onDisk where !listed.contains(file) && !support.contains(file) {
            Issue.record("\(file) is in the corpus but not in manifest.json")
        }
        for corpusCase in cases where corpusCase.generate == nil {
            #expect(onDisk.contains(corpusCase.file), "\(corpusCase.file) is listed but missing")
        }
    }

    @Test("each broken input fails with its documented error", arguments: try CorpusCase.all())
    func brokenInput(_ corpusCase: CorpusCase) async throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "box-auth-corpus-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let input = try corpusCase.inputURL(scratch: scratch)

        let thrown = await Self.failure(of: corpusCase, input: input)
        let error = try #require(thrown, "\(corpusCase.file) was accepted")
        let description = String(describing: error)
        if let message = corpusCase.message {
            #expect(description.contains(message), "\(description)")
        }

        switch error {
        case let error as ConfigurationError:
            let label = "ConfigurationError.\(error.code)"
            #expect(label == corpusCase.expected || "ConfigurationError" == corpusCase.expected, "\(description)")
            let file = try corpusCase.expectedFilePath(input: input)
            #expect(!Self.hasControlCharacters(description), "not one plain paragraph: \(description)")
            if let file {
                #expect(error.file == file, "\(description)")
                #expect(description.contains(file))
            }
            if let jsonPath = corpusCase.jsonPath {
                #expect(error.jsonPath?.contains(jsonPath) == true, "\(description)")
                #expect(description.contains(jsonPath))
            }
            #expect(error.keyError?.code.description == corpusCase.keyError, "\(description)")
            #expect(error.category == .configuration)
        case let error as TokenEndpointError:
            #expect("TokenEndpointError.\(error.code)" == corpusCase.expected, "\(description)")
            #expect(error.status == corpusCase.status)
            #expect(description.contains("https://api.box.com/oauth2/token"))
            #expect(!Self.hasControlCharacters(description), "not one plain paragraph: \(description)")
            #expect(corpusCase.jsonPath == nil && corpusCase.keyError == nil)
        default:
            Issue.record("\(corpusCase.file): expected \(corpusCase.expected), got \(type(of: error)): \(description)")
        }
    }

    /// Whether `text` has line breaks or other control characters (such as a terminal's ESC).
    static func hasControlCharacters(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }

    /// Runs the input through its reader and returns what it threw, or nil when it was accepted.
    static func failure(of corpusCase: CorpusCase, input: URL) async -> (any Error)? {
        do {
            switch corpusCase.kind {
            case .profiles:
                let file = try ProfilesFile.load(contentsOf: input)
                // Code that must not send anything: every request is a test failure.
                let transport = UnreachableTransport()
                defer {
                    for url in transport.attempts { Issue.record("unexpected request to \(url)") }
                }
                _ = try AuthProviderRegistry.standard.profile(nil, in: file, environment: [:], transport: transport)
            case .config:
                _ = try BoxAppConfig.load(contentsOf: input).loadPrivateKey()
            case .tokenResponse:
                var headers: [String: String] = [:]
                if let contentType = corpusCase.contentType { headers["Content-Type"] = contentType }
                let response = TransportResponse(
                    status: corpusCase.status, headers: headers, body: try Data(contentsOf: input))
                let endpoint = try TokenEndpoint(transport: ScriptedTransport(response))
                _ = try await endpoint.requestToken(form: [("grant_type", "client_credentials")])
            }
            return nil
        } catch {
            return error
        }
    }
}
