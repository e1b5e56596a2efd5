@_spi(Plumbing) import BoxAuth
import BoxAuthTestKit
import Foundation
import Testing

/// The one caching provider type keeps the ``AuthProvider`` promises, with tokens in memory (the
/// `memory` store) and in a shared file (the `file` store).
@Suite("CachedAuthProvider")
struct CachedAuthProviderTests {
    /// Where the provider's cache keeps its token besides memory.
    enum Storage: String, CaseIterable, Sendable {
        case memory, file
    }

    @Test(
        "keeps the AuthProvider contracts (BoxAuthTesting)",
        arguments: Storage.allCases, AuthProviderConformance.Contract.allCases)
    func conformance(storage: Storage, contract: AuthProviderConformance.Contract) async throws {
        let fetcher = CountingFetcher()
        try await TemporaryDirectory.with { directory in
            try await AuthProviderConformance(fetches: { fetcher.calls }) {
                let store: (any TokenStore)? =
                    switch storage {
                    case .memory: nil
                    // A new file per provider: each starts with nothing cached.
                    case .file: FileTokenStore(directory: directory.url, key: [UUID().uuidString])
                    }
                return CachedAuthProvider(kind: "counting", grant: fetcher, subject: nil, store: store)
            }
            .check(contract)
        }
    }
}
