public import BoxAuth
import Foundation

/// Checks that a ``TokenPairStore`` keeps the contracts OAuth 2.0 refreshes rely on (a refresh
/// token is single use, so two holders must never refresh with the same one): a stored pair is
/// shared, concurrent ``TokenPairStore/update(_:)`` calls run one at a time on the pair as read
/// under the lock, ``TokenPairStore/load()`` takes no lock, a body that throws changes nothing, and
/// a cancelled update leaves no lock held.
///
/// As for ``TokenStoreConformance``, `makeStore` returns a handle on the pair named `name`: handles
/// with the same name share one pair and one lock; a name not used before starts empty.
///
/// ```swift
/// @Test(arguments: TokenPairStoreConformance.Contract.allCases)
/// func userRowStore(_ contract: TokenPairStoreConformance.Contract) async throws {
///     try await TokenPairStoreConformance { name in UserRowStore(database: database, userID: name) }
///         .check(contract)
/// }
/// ```
public struct TokenPairStoreConformance: Sendable {
    /// Makes a handle on the pair named `name`, as a new process or machine would open it.
    public typealias MakeStore = @Sendable (_ name: String) async throws -> any TokenPairStore

    /// One contract of ``TokenPairStore``.
    public enum Contract: String, CaseIterable, Sendable, CustomStringConvertible {
        /// A new name starts empty; a replaced pair is loaded by another handle and given to its
        /// update's body; `.remove` deletes it.
        case sharesStoredPair
        /// Concurrent updates on separate handles, each refreshing only the pair it found, refresh
        /// once between them: each body gets the pair as read under the lock.
        case updatesOneAtATime
        /// ``TokenPairStore/load()`` returns while another update holds the lock.
        case loadTakesNoLock
        /// An update whose body throws rethrows and leaves the stored pair as it was.
        case failedUpdateKeepsPair
        /// An update cancelled while its body runs throws, changes nothing, and leaves the lock free.
        case cancellationReleasesLock

        /// The contract in a few words.
        public var description: String {
            switch self {
            case .sharesStoredPair: "a stored pair is shared"
            case .updatesOneAtATime: "updates run one at a time on the pair read under the lock"
            case .loadTakesNoLock: "load takes no lock"
            case .failedUpdateKeepsPair: "a failed update keeps the pair"
            case .cancellationReleasesLock: "cancellation leaves no lock held"
            }
        }
    }

    /// How many concurrent updates ``Contract/updatesOneAtATime`` runs.
    public var callers: Int
    /// How long one step may wait before the check reports it as hung (it never decides on speed).
    public var hangLimit: Duration
    private let makeStore: MakeStore

    /// A check of the stores `makeStore` makes.
    /// - Parameters:
    ///   - callers: How many concurrent updates the one-at-a-time check runs (default 8).
    ///   - hangLimit: How long one step may wait before it is reported as hung (default 120 s); it
    ///     only turns a wait that would last for ever into a ``ConformanceFailure``.
    ///   - makeStore: Returns a handle on the pair named `name`.
    public init(callers: Int = 8, hangLimit: Duration = .seconds(120), makeStore: @escaping MakeStore) {
        self.callers = max(callers, 2)
        self.hangLimit = hangLimit
        self.makeStore = makeStore
    }

    /// Checks `contracts` (all of them by default), one after the other.
    /// - Throws: ``ConformanceFailure`` for the first broken contract; what `makeStore` throws.
    public func run(_ contracts: [Contract] = Contract.allCases) async throws {
        for contract in contracts { try await check(contract) }
    }

    /// Checks one contract on handles of a name no other check uses.
    /// - Throws: ``ConformanceFailure`` when the store breaks it; what `makeStore` or the store throws.
    public func check(_ contract: Contract) async throws {
        let run = Run(contract: contract, hangLimit: hangLimit, makeStore: makeStore)
        switch contract {
        case .sharesStoredPair: try await run.sharesStoredPair()
        case .updatesOneAtATime: try await run.updatesOneAtATime(callers: callers)
        case .loadTakesNoLock: try await run.loadTakesNoLock()
        case .failedUpdateKeepsPair: try await run.failedUpdateKeepsPair()
        case .cancellationReleasesLock: try await run.cancellationReleasesLock()
        }
    }
}

extension TokenPairStoreConformance {
    /// One check's pair name and helpers.
    private struct Run: Sendable {
        let contract: Contract
        let hangLimit: Duration
        let makeStore: MakeStore
        let name = "box-auth-conformance-\(UUID().uuidString.lowercased())"

        func store() async throws -> any TokenPairStore { try await makeStore(name) }

        func failure(_ observed: String, fix: String) -> ConformanceFailure {
            ConformanceFailure(
                conformance: "TokenPairStore", contract: contract.description, observed: observed, fix: fix)
        }

        func limited<Value: Sendable>(
            _ step: String, fix: String, _ body: @escaping @Sendable () async throws -> Value
        ) async throws -> Value {
            try await withinHangLimit(hangLimit, failure("\(step) did not finish within \(hangLimit).", fix: fix), body)
        }

        /// Stores `pair` through a new handle.
        func replace(with pair: TokenPair) async throws {
            try await store().update { _ in TokenPairUpdate((), change: .replace(pair)) }
        }

        /// What a new handle loads.
        func loaded() async throws -> TokenPair? {
            try await limited("load()", fix: "Read the stored pair in load() without taking the lock.") {
                try await store().load()
            }
        }

        // MARK: The checks

        func sharesStoredPair() async throws {
            if try await loaded() != nil {
                throw failure(
                    "a handle on a new name loaded a pair.",
                    fix: "Give every name passed to makeStore storage of its own (a key, a file, a row).")
            }
            let pair = Tokens.pair("shared")
            try await replace(with: pair)
            guard Tokens.same(try await loaded(), pair) else {
                throw failure(
                    "after update(_:) replaced the pair, another handle did not load it.",
                    fix: "Write the pair .replace gives before update(_:) returns, where every handle of that name reads it.")
            }
            let seen = try await store().update { current in TokenPairUpdate(current, change: .keep) }
            guard Tokens.same(seen, pair) else {
                throw failure(
                    "update(_:)'s body did not get the stored pair.",
                    fix: "Read the stored pair under the lock and pass it to the body.")
            }
            guard Tokens.same(try await loaded(), pair) else {
                throw failure("a .keep update changed the stored pair.", fix: "Write nothing for .keep.")
            }
            try await store().update { _ in TokenPairUpdate((), change: .remove) }
            if try await loaded() != nil {
                throw failure("after a .remove update, load() still returned a pair.", fix: "Delete the pair for .remove.")
            }
        }

        func updatesOneAtATime(callers: Int) async throws {
            let original = Tokens.pair("original")
            try await replace(with: original)
            let handles = try await withThrowingTaskGroup(of: (any TokenPairStore).self) { group in
                for _ in 0..<callers { group.addTask { try await store() } }
                return try await group.reduce(into: [any TokenPairStore]()) { $0.append($1) }
            }
            let refreshes = Counter()
            let refreshed = Tokens.pair("refreshed")
            let results = try await limited(
                "\(callers) concurrent updates", fix: "Release the lock when update(_:) returns or throws."
            ) {
                try await withThrowingTaskGroup(of: String.self) { group in
                    for handle in handles {
                        group.addTask {
                            try await handle.update { current in
                                // Refresh only the pair first stored, as a refresh spends its refresh token.
                                guard Tokens.same(current, original) else {
                                    return TokenPairUpdate(current?.accessToken.value ?? "", change: .keep)
                                }
                                refreshes.increment()
                                return TokenPairUpdate(refreshed.accessToken.value, change: .replace(refreshed))
                            }
                        }
                    }
                    return try await group.reduce(into: [String]()) { $0.append($1) }
                }
            }
            guard refreshes.value == 1, Set(results) == [refreshed.accessToken.value] else {
                throw failure(
                    "\(callers) concurrent updates refreshed \(refreshes.value) times, not once, and saw \(Set(results).count) different pairs.",
                    fix: "Hold one exclusive lock, across every handle, while update(_:) reads the pair, runs the body and writes; pass the body the pair read under the lock.")
            }
        }

        func loadTakesNoLock() async throws {
            let original = Tokens.pair("original")
            try await replace(with: original)
            let entered = Event()
            let gate = Event()
            defer { gate.signal() }
            let holder = try await store()
            let holding = Task {
                try await holder.update { _ in
                    entered.signal()
                    await gate.wait()
                    return TokenPairUpdate((), change: .replace(Tokens.pair("holder")))
                }
            }
            try await limited("update(_:)'s body", fix: "Run the body once the lock is taken.") { await entered.wait() }
            guard Tokens.same(try await loaded(), original) else {
                throw failure(
                    "load() while another update held the lock did not return the stored pair.",
                    fix: "Read the stored pair in load() without taking the lock.")
            }
            gate.signal()
            try await holding.value
        }

        func failedUpdateKeepsPair() async throws {
            let original = Tokens.pair("original")
            try await replace(with: original)
            struct BodyFailure: Error {}
            do {
                try await store().update { _ -> TokenPairUpdate<Void> in throw BodyFailure() }
                throw failure(
                    "update(_:) returned although its body threw.", fix: "Rethrow what the body throws.")
            } catch is BodyFailure {
                // As promised.
            }
            guard Tokens.same(try await loaded(), original) else {
                throw failure(
                    "after a body threw, the stored pair had changed.",
                    fix: "Write nothing when the body throws (roll back), and release the lock.")
            }
            let next = Tokens.pair("next")
            try await limited(
                "the update after a failed one", fix: "Release the lock when the body throws (use defer)."
            ) { try await replace(with: next) }
            guard Tokens.same(try await loaded(), next) else {
                throw failure("an update after a failed one was not stored.", fix: "Write what .replace gives.")
            }
        }

        func cancellationReleasesLock() async throws {
            let original = Tokens.pair("original")
            try await replace(with: original)
            let entered = Event()
            let holder = try await store()
            let cancelled = Task {
                try await holder.update { _ -> TokenPairUpdate<Void> in
                    entered.signal()
                    try await Event().waitOrCancel()
                    return TokenPairUpdate((), change: .replace(Tokens.pair("never")))
                }
            }
            try await limited("update(_:)'s body", fix: "Run the body once the lock is taken.") { await entered.wait() }
            cancelled.cancel()
            let outcome = try await limited(
                "the cancelled update", fix: "Let the body's error (here CancellationError) end update(_:)."
            ) { await cancelled.result }
            if case .success = outcome {
                throw failure("an update whose body threw CancellationError returned.", fix: "Rethrow what the body throws.")
            }
            guard Tokens.same(try await loaded(), original) else {
                throw failure("a cancelled update changed the stored pair.", fix: "Write nothing when the body throws.")
            }
            let next = Tokens.pair("next")
            try await limited(
                "the update after a cancelled one",
                fix: "Release the lock on every path out of update(_:), cancellation included (use defer)."
            ) { try await replace(with: next) }
            guard Tokens.same(try await loaded(), next) else {
                throw failure("an update after a cancelled one was not stored.", fix: "Write what .replace gives.")
            }
        }
    }
}
