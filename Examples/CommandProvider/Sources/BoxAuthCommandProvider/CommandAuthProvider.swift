public import BoxAuth

/// Tokens from an external program, cached and refreshed early like any other provider's.
public struct CommandAuthProvider: AuthProvider {
    /// Runs the program.
    public let fetcher: CommandTokenFetcher
    private let cache: TokenCache

    /// A provider in front of `fetcher`.
    public init(fetcher: CommandTokenFetcher, cache: TokenCache) {
        self.fetcher = fetcher
        self.cache = cache
    }

    /// `command`.
    public var kind: String { CommandProviderFactory.kind }
    /// Unknown: whoever the program's token belongs to.
    public var subject: BoxSubject? { nil }
    /// A cached token, or the program's output when one is due.
    public func accessToken() async throws -> AccessToken { try await cache.token() }
    /// Forgets a token the API refused; the next call runs the program again.
    public func invalidate(_ token: AccessToken) async { cache.invalidate(token) }
}
