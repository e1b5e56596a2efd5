package import Foundation

/// Where a profile that sets no `"cache"` keeps its tokens after `box-auth login --store keyring`:
/// a small 0600 file in the state folder that names the store kind, so that later commands and
/// apps resolving the same profile find the sign-in where it was put.
///
/// The file holds only the kind (`{"store": "keyring"}`), is named by a hash of base URL and
/// profile name, and is read with the same ownership checks as the token files (a link, or a file
/// another user owns or may write, is refused). A profile's own `"cache"` always wins over it.
package struct SignInStoreChoice: Sendable {
    /// The choice's file.
    package let url: URL

    /// The choice for profile `profile` at `baseURL`, in the state folder of `environment`.
    package init(profile: String, baseURL: URL, environment: [String: String]) {
        let name = "store-\(CacheKeyHash.hex(baseURL.absoluteString + "\n" + profile)).json"
        url = FileTokenPairStore.defaultDirectory(environment: environment).appendingPathComponent(name)
    }

    /// The recorded store kind; nil when none is recorded or the file cannot be read as one.
    /// - Throws: ``ConfigurationError`` when the file is refused.
    package func load() throws(ConfigurationError) -> String? {
        guard let data = try OwnedDescriptor.contents(of: url, limit: 4096, hint: Self.hint) else { return nil }
        return (try? JSONDecoder().decode(Record.self, from: data))?.store
    }

    /// Records `kind` (0600, written atomically).
    /// - Throws: ``ConfigurationError`` when the folder or file cannot be written.
    package func record(_ kind: String) throws(ConfigurationError) {
        try PrivateFolder.create(url.deletingLastPathComponent(), name: "the state folder", hint: Self.hint)
        do throws(FileWriteError) {
            try SecureFileWriter.write(Data(#"{"store":"\#(kind)"}"#.utf8), to: url)
        } catch {
            throw ConfigurationError(
                code: .fileUnreadable,
                message: "cannot \(error.operation) \(MessageText.escaped(url.path)) (\(error.reason)).", hint: Self.hint)
        }
    }

    /// Forgets the choice (the profile's own `"cache"`, or its default, applies again).
    package func remove() {
        try? FileManager.default.removeItem(at: url)
    }

    private struct Record: Decodable {
        var store: String
    }

    private static let hint = "Check the folder's permissions, or set XDG_STATE_HOME to a folder you own."
}
