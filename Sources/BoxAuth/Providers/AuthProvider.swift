/// Something that hands out Box access tokens: the one protocol every provider implements.
///
/// Conforming types return a token valid for at least their refresh margin, fetch only when
/// needed, and let many concurrent callers share one in-flight fetch (``TokenCache`` does all of
/// this for providers built on a ``TokenFetcher``).
///
/// ```swift
/// let token = try await provider.accessToken()
/// request.setValue("Bearer \(token.value)", forHTTPHeaderField: "Authorization")
/// // ... the API answered 401:
/// await provider.invalidate(token)
/// ```
public protocol AuthProvider: Sendable {
    /// The provider kind, as written in profiles (`jwt`, `client-credentials`, ...).
    var kind: String { get }
    /// Whom tokens act for, when the provider knows it.
    var subject: BoxSubject? { get }
    /// A token with at least the refresh margin left, fetched only when needed.
    func accessToken() async throws -> AccessToken
    /// Forgets `token` (call after the API refused it with 401) so the next call fetches anew.
    func invalidate(_ token: AccessToken) async
}
