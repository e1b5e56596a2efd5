@_spi(Plumbing) import BoxAuth
public import Foundation

/// One broken input of the corpus in `Fixtures/Corpus`, as `manifest.json` lists it: the file, what
/// reads it, and the typed error it must produce.
public struct CorpusCase: Decodable, Sendable, CustomStringConvertible {
    /// Which reader the input goes through.
    public enum Kind: String, Decodable, Sendable {
        /// `ProfilesFile.load` then `AuthProviderRegistry.standard.profile`.
        case profiles
        /// `BoxAppConfig.load` then `loadPrivateKey()`.
        case config
        /// The body of a token endpoint answer, through `TokenEndpoint` and a canned transport.
        case tokenResponse = "token-response"
    }

    /// The input's path inside `Fixtures/Corpus`.
    public let file: String
    public let kind: Kind
    /// `Type.code` (e.g. `ConfigurationError.unknownKey`), or just `Type` when either code is right.
    public let expected: String
    /// Text the error's JSON path must contain, when the error has one.
    public let jsonPath: String?
    /// The ``RSAKeyError`` code behind a `ConfigurationError.invalidKey`.
    public let keyError: String?
    /// Text the error's description must contain.
    public let message: String?
    /// The corpus file the error must name, when it is not ``file`` (a config.json a profile points at).
    public let namesFile: String?
    /// `oversize`: the input is generated at test time rather than committed.
    public let generate: String?
    /// The answer's HTTP status (token responses; default 200).
    public let status: Int
    /// The answer's Content-Type (token responses; default `application/json`, nil for none).
    public let contentType: String?
    /// Why the case exists, when the name does not say.
    public let note: String?

    /// The input's path, as test output names the case.
    public var description: String { file }

    private enum CodingKeys: String, CodingKey {
        case file, kind, expected, jsonPath, keyError, message, namesFile, generate, status, contentType, note
    }

    /// Reads one manifest entry.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        file = try container.decode(String.self, forKey: .file)
        kind = try container.decode(Kind.self, forKey: .kind)
        expected = try container.decode(String.self, forKey: .expected)
        jsonPath = try container.decodeIfPresent(String.self, forKey: .jsonPath)
        keyError = try container.decodeIfPresent(String.self, forKey: .keyError)
        message = try container.decodeIfPresent(String.self, forKey: .message)
        namesFile = try container.decodeIfPresent(String.self, forKey: .namesFile)
        generate = try container.decodeIfPresent(String.self, forKey: .generate)
        status = try container.decodeIfPresent(Int.self, forKey: .status) ?? 200
        // An explicit null means "no Content-Type header"; absent means JSON.
        contentType =
            container.contains(.contentType)
            ? try container.decodeIfPresent(String.self, forKey: .contentType) : "application/json"
        note = try container.decodeIfPresent(String.self, forKey: .note)
    }

    private struct Manifest: Decodable {
        let cases: [CorpusCase]
    }

    /// Every case in the manifest.
    public static func all() throws -> [CorpusCase] {
        let data = try Data(contentsOf: Fixtures.url("Corpus/manifest.json"))
        return try JSONDecoder().decode(Manifest.self, from: data).cases
    }

    /// The keys every case of the manifest uses, in the file as written (unknown keys included).
    public static func keysInManifest() throws -> Set<String> {
        let data = try Data(contentsOf: Fixtures.url("Corpus/manifest.json"))
        guard case .object(let root) = try JSONDecoder().decode(JSONValue.self, from: data),
            case .array(let cases)? = root["cases"]
        else { throw CorpusError(message: "manifest.json has no cases array") }
        return Set(cases.flatMap { $0.objectValue?.keys.map { $0 } ?? [] })
    }

    /// The keys a case may have.
    public static let knownKeys: Set<String> = Set(
        [
            "file", "kind", "expected", "jsonPath", "keyError", "message", "namesFile", "generate", "status",
            "contentType", "note",
        ])

    /// The input file: the committed fixture, or one generated into `scratch`.
    public func inputURL(scratch: URL) throws -> URL {
        switch generate {
        case nil:
            return try Fixtures.url("Corpus/" + file)
        case "oversize"?:
            let url = scratch.appendingPathComponent((file as NSString).lastPathComponent)
            try Self.oversizeProfiles().write(to: url)
            return url
        case let other?:
            throw CorpusError(message: "unknown generator '\(other)' for \(file)")
        }
    }

    /// A valid profiles file padded one byte past ``JSONDocument/maximumSize`` with a long `$schema`.
    public static func oversizeProfiles() -> Data {
        let head = #"{"profiles": {"dev": {"provider": "developer-token", "token": "x"}}, "$schema": ""#
        let tail = "\"}\n"
        let padding = JSONDocument.maximumSize + 1 - head.utf8.count - tail.utf8.count
        return Data((head + String(repeating: "a", count: padding) + tail).utf8)
    }

    /// The file the error must name, or nil for inputs that are not files (token responses).
    public func expectedFilePath(input: URL) throws -> String? {
        switch kind {
        case .tokenResponse: return nil
        case .profiles, .config:
            return try namesFile.map { try Fixtures.url("Corpus/" + $0).standardizedFileURL.path } ?? input.path
        }
    }
}
