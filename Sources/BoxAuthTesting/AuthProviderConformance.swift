public import BoxAuth
import Foundation

/// Checks that an ``AuthProvider`` keeps the protocol's promises: a fresh token is reused,
/// concurrent callers share one fetch, ``AuthProvider/invalidate(_:)`` drops the token it is given
/// and only that one, and cancelled callers leave the provider usable.
///
/// `makeProvider` returns a new provider with nothing cached (its own memory, and its own storage
/// if it has a store); its token source must issue a new token on every fetch, as Box does. Pass
/// `fetches` (how many tokens the source has issued so far: a counting fetcher's calls, the
/// requests a scripted endpoint answered, the runs of a command) and the checks count fetches
/// exactly; without it they compare tokens only.
///
/// ```swift
/// import BoxAuthTesting
///
/// @Test func vaultProviderConforms() async throws {
///     let vault = FakeVault()   // issues a new token per request and counts the requests
///     try await AuthProviderConformance(fetches: { await vault.requests }) {
///         CachedAuthProvider(kind: "vault", grant: VaultGrant(vault: vault), subject: nil)
///     }.run()
/// }
/// ```
///
/// A provider that hands out one fixed token (a developer token) cannot renew one, so it runs only
/// ``Contract/reusesFreshToken``, ``Contract/singleFlight`` and ``Contract/invalidateDropsThatToken``.
public struct AuthProviderConformance: Sendable {
    /// Makes a new provider with nothing cached.
    public typealias MakeProvider = @Sendable () async throws -> any AuthProvider
    /// How many tokens the providers' source has issued so far, over every provider made.
    public typealias CountFetches = @Sendable () async throws -> Int

    /// One promise of ``AuthProvider``.
    public enum Contract: String, CaseIterable, Sendable, CustomStringConvertible {
        /// A second call returns the first call's token, without a fetch.
        case reusesFreshToken
        /// Callers asking a new provider at once share one fetch and get its token.
        case singleFlight
        /// After ``AuthProvider/invalidate(_:)`` with the current token, the next call returns
        /// another (one fetch), or throws when the provider cannot renew.
        case invalidateDropsThatToken
        /// ``AuthProvider/invalidate(_:)`` with an older token keeps the newer one: no fetch.
        case invalidateKeepsNewerToken
        /// Callers cancelled while they wait end, and the next caller gets a token.
        case cancellationLeavesProviderUsable

        /// The contract in a few words.
        public var description: String {
            switch self {
            case .reusesFreshToken: "a fresh token is reused"
            case .singleFlight: "single flight"
            case .invalidateDropsThatToken: "invalidate drops the token it is given"
            case .invalidateKeepsNewerToken: "invalidate keeps a newer token"
            case .cancellationLeavesProviderUsable: "cancellation leaves the provider usable"
            }
        }
    }

    /// How many concurrent callers ``Contract/singleFlight`` and
    /// ``Contract/cancellationLeavesProviderUsable`` run.
    public var callers: Int
    /// How long one step may wait before the check reports it as hung (it never decides on speed).
    public var hangLimit: Duration
    private let fetches: CountFetches?
    private let makeProvider: MakeProvider

    /// A check of the providers `makeProvider` makes.
    /// - Parameters:
    ///   - callers: How many concurrent callers the single-flight and cancellation checks run.
    ///   - hangLimit: How long one step may wait before it is reported as hung (default 120 s); it
    ///     only turns a wait that would last for ever into a ``ConformanceFailure``.
    ///   - fetches: How many tokens the source has issued so far, or nil to compare tokens only.
    ///   - makeProvider: Returns a new provider with nothing cached.
    public init(
        callers: Int = 8, hangLimit: Duration = .seconds(120), fetches: CountFetches? = nil,
        makeProvider: @escaping MakeProvider
    ) {
        self.callers = max(callers, 2)
        self.hangLimit = hangLimit
        self.fetches = fetches
        self.makeProvider = makeProvider
    }

    /// Checks `contracts` (all of them by default), one after the other.
    /// - Throws: ``ConformanceFailure`` for the first broken contract; what `makeProvider` throws.
    public func run(_ contracts: [Contract] = Contract.allCases) async throws {
        for contract in contracts { try await check(contract) }
    }

    /// Checks one contract on a new provider.
    /// - Throws: ``ConformanceFailure`` when the provider breaks it; what `makeProvider` or the
    ///   provider throws where a token is needed.
    public func check(_ contract: Contract) async throws {
        let provider = try await makeProvider()
        let before = try await fetches?()
        let run = Run(contract: contract, provider: provider, hangLimit: hangLimit) { [fetches] in
            guard let fetches, let before else { return nil }
            return try await fetches() - before
        }
        switch contract {
        case .reusesFreshToken: try await run.reusesFreshToken()
        case .singleFlight: try await run.singleFlight(callers: callers)
        case .invalidateDropsThatToken: try await run.invalidateDropsThatToken()
        case .invalidateKeepsNewerToken: try await run.invalidateKeepsNewerToken()
        case .cancellationLeavesProviderUsable: try await run.cancellationLeavesProviderUsable(callers: callers)
        }
    }
}

extension AuthProviderConformance {
    /// One check's provider and fetch count.
    private struct Run: Sendable {
        let contract: Contract
        let provider: any AuthProvider
        let hangLimit: Duration
        /// Fetches since the check began, when counted.
        let fetched: @Sendable () async throws -> Int?

        func failure(_ observed: String, fix: String) -> ConformanceFailure {
            ConformanceFailure(
                conformance: "AuthProvider", contract: contract.description,
                observed: observed + " (provider kind \(provider.kind))", fix: fix)
        }

        func limited<Value: Sendable>(
            _ step: String, fix: String, _ body: @escaping @Sendable () async throws -> Value
        ) async throws -> Value {
            try await withinHangLimit(hangLimit, failure("\(step) did not finish within \(hangLimit).", fix: fix), body)
        }

        func token(_ step: String) async throws -> AccessToken {
            try await limited(step, fix: "Let accessToken() finish once its fetch has.") { [provider] in
                try await provider.accessToken()
            }
        }

        /// Throws unless the fetch count (when counted) is `expected`.
        func expectFetches(_ expected: Int, _ observed: String, fix: String) async throws {
            guard let count = try await fetched(), count != expected else { return }
            throw failure("\(observed): \(count) fetches, not \(expected).", fix: fix)
        }

        // MARK: The checks

        func reusesFreshToken() async throws {
            let first = try await token("the first accessToken()")
            let second = try await token("the second accessToken()")
            guard second.value == first.value else {
                throw failure(
                    "a second accessToken() returned another token although the first was fresh.",
                    fix: "Cache the token (a TokenCache in front of a TokenFetcher does) and return it while it is fresh.")
            }
            try await expectFetches(
                1, "two calls", fix: "Return the cached token while it is fresh; fetch only when it is due.")
        }

        func singleFlight(callers: Int) async throws {
            let values = try await limited(
                "\(callers) concurrent accessToken() calls", fix: "Let every waiting caller have the fetch's token."
            ) { [provider] in
                try await withThrowingTaskGroup(of: String.self) { group in
                    for _ in 0..<callers { group.addTask { try await provider.accessToken().value } }
                    return try await group.reduce(into: Set<String>()) { $0.insert($1) }
                }
            }
            guard values.count == 1 else {
                throw failure(
                    "\(callers) concurrent callers got \(values.count) different tokens.",
                    fix: "Let callers that arrive while a fetch runs wait for it (a TokenCache does) rather than fetch their own.")
            }
            try await expectFetches(
                1, "\(callers) concurrent callers",
                fix: "Let callers that arrive while a fetch runs wait for it (a TokenCache does) rather than fetch their own.")
        }

        func invalidateDropsThatToken() async throws {
            let first = try await token("accessToken()")
            await provider.invalidate(first)
            let next: AccessToken
            do {
                next = try await token("accessToken() after invalidate(_:)")
            } catch let failure as ConformanceFailure {
                throw failure
            } catch {
                return  // The provider cannot renew (a fixed token): throwing is the promise kept.
            }
            guard next.value != first.value else {
                throw failure(
                    "after invalidate(_:) with the current token, accessToken() returned it again.",
                    fix: "Drop the cached token in invalidate(_:) when it is the token given (TokenCache.invalidate does), so the next call fetches.")
            }
            try await expectFetches(
                2, "a call, invalidate(_:) and a call",
                fix: "Fetch once after invalidate(_:), and share that fetch between the callers.")
        }

        func invalidateKeepsNewerToken() async throws {
            let older = try await token("accessToken()")
            await provider.invalidate(older)
            let newer = try await token("accessToken() after invalidate(_:)")
            guard newer.value != older.value else {
                throw failure(
                    "after invalidate(_:) the provider returned the same token again.",
                    fix: "Drop the cached token in invalidate(_:); and let the test's source issue a new token per fetch.")
            }
            await provider.invalidate(older)
            let kept = try await token("accessToken() after invalidate(_:) with the older token")
            guard kept.value == newer.value else {
                throw failure(
                    "invalidate(_:) with an older token dropped the newer cached token.",
                    fix: "In invalidate(_:), drop the cached token only when its value is the value of the token given: another caller may have renewed it already.")
            }
            try await expectFetches(
                2, "two invalidations of the same token",
                fix: "In invalidate(_:), drop the cached token only when it is the token given.")
        }

        func cancellationLeavesProviderUsable(callers: Int) async throws {
            let tasks = (0..<callers).map { _ in Task { [provider] in try await provider.accessToken() } }
            for task in tasks { task.cancel() }
            for task in tasks {
                // A cancelled caller may still get a token, or throw: either way, it must end.
                _ = try await limited(
                    "a cancelled accessToken() call",
                    fix: "End a cancelled caller's wait (TokenCache.token() does) rather than wait for the fetch."
                ) { await task.result }
            }
            _ = try await token("accessToken() after cancelled callers")
        }
    }
}
