public import BoxAuth
import Foundation
import Logging

/// Checks that a ``TokenStore`` keeps the contracts ``TokenCache`` relies on, with the store's real
/// storage: a stored token is shared, N callers make one fetch between them, a fresh token is read
/// without the lock, a caller re-reads under the lock before fetching, ``TokenStore/remove(_:)``
/// drops only the token it is given, and a cancelled caller leaves no lock held.
///
/// Each check runs on handles made by `makeStore`, one per simulated process or machine. Handles
/// made with the same name must share one stored token and one lock (as two processes opening the
/// same file, or two machines the same database row, would); a name not used before must start
/// empty. The checks wait for events (a fetch started, a stale token read), never for durations.
///
/// ```swift
/// @Test func vaultStoreConforms() async throws {
///     try await TokenStoreConformance { name in VaultTokenStore(vault: vault, path: "box/\(name)") }.run()
/// }
///
/// // One test per contract, to see each one's result:
/// @Test(arguments: TokenStoreConformance.Contract.allCases)
/// func vaultStore(_ contract: TokenStoreConformance.Contract) async throws {
///     try await TokenStoreConformance { name in VaultTokenStore(vault: vault, path: "box/\(name)") }
///         .check(contract)
/// }
/// ```
public struct TokenStoreConformance: Sendable {
    /// Makes a handle on the stored token named `name`, as a new process or machine would open it.
    public typealias MakeStore = @Sendable (_ name: String) async throws -> any TokenStore

    /// One contract of ``TokenStore``.
    public enum Contract: String, CaseIterable, Sendable, CustomStringConvertible {
        /// A fetched token is stored: another handle reads it with ``TokenStore/load()`` and gets it
        /// from ``TokenStore/token(logger:isFresh:fetch:)`` without a fetch; a new name starts empty.
        case sharesStoredToken
        /// Callers on separate handles asking at once make one fetch between them and get its token.
        case singleFlight
        /// A fresh stored token is returned while another caller holds the lock (its fetch is running).
        case freshReadTakesNoLock
        /// A caller that read a stale token and then waited for the lock reads again under it and
        /// returns the token the holder stored, without a fetch of its own.
        case rereadsUnderLock
        /// ``TokenStore/remove(_:)`` with an older token keeps the newer stored one; with the stored
        /// token, removes it.
        case removesOnlyThatToken
        /// A caller cancelled while its fetch runs under the lock throws and leaves the lock free:
        /// the next caller fetches at once.
        case cancellationReleasesLock

        /// The contract in a few words.
        public var description: String {
            switch self {
            case .sharesStoredToken: "a stored token is shared"
            case .singleFlight: "single flight"
            case .freshReadTakesNoLock: "fresh reads take no lock"
            case .rereadsUnderLock: "a fetch under the lock re-reads first"
            case .removesOnlyThatToken: "remove drops only the token it is given"
            case .cancellationReleasesLock: "cancellation leaves no lock held"
            }
        }
    }

    /// How many concurrent callers ``Contract/singleFlight`` runs.
    public var callers: Int
    /// How long one step may wait before the check reports it as hung (see ``init(callers:hangLimit:makeStore:)``).
    public var hangLimit: Duration
    private let makeStore: MakeStore

    /// A check of the stores `makeStore` makes.
    /// - Parameters:
    ///   - callers: How many concurrent callers the single-flight check runs (default 8).
    ///   - hangLimit: How long one step may wait for an event before it is reported as hung (default
    ///     120 s). It never decides a check on speed; it only turns a wait that would last for ever
    ///     (a lock never released) into a ``ConformanceFailure``.
    ///   - makeStore: Returns a handle on the stored token named `name`. Handles with the same name
    ///     share one stored token and one lock; a name not used before starts empty.
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
    /// - Throws: ``ConformanceFailure`` when the store breaks it; what `makeStore` throws.
    public func check(_ contract: Contract) async throws {
        let run = Run(contract: contract, hangLimit: hangLimit, makeStore: makeStore)
        switch contract {
        case .sharesStoredToken: try await run.sharesStoredToken()
        case .singleFlight: try await run.singleFlight(callers: callers)
        case .freshReadTakesNoLock: try await run.freshReadTakesNoLock()
        case .rereadsUnderLock: try await run.rereadsUnderLock()
        case .removesOnlyThatToken: try await run.removesOnlyThatToken()
        case .cancellationReleasesLock: try await run.cancellationReleasesLock()
        }
        try run.expectNoWarnings()
    }
}

extension TokenStoreConformance {
    /// One check's store name, log and helpers.
    private struct Run: Sendable {
        let contract: Contract
        let hangLimit: Duration
        let makeStore: MakeStore
        let name = "box-auth-conformance-\(UUID().uuidString.lowercased())"
        let log = WarningLog()

        init(contract: Contract, hangLimit: Duration, makeStore: @escaping MakeStore) {
            self.contract = contract
            self.hangLimit = hangLimit
            self.makeStore = makeStore
        }

        /// A new handle on this check's stored token.
        func store() async throws -> any TokenStore { try await makeStore(name) }

        func failure(_ observed: String, fix: String) -> ConformanceFailure {
            ConformanceFailure(conformance: "TokenStore", contract: contract.description, observed: observed, fix: fix)
        }

        func hung(_ step: String, fix: String) -> ConformanceFailure {
            failure("\(step) did not finish within \(hangLimit).", fix: fix)
        }

        /// `body` within the hang limit, else a failure naming `step`.
        func limited<Value: Sendable>(
            _ step: String, fix: String, _ body: @escaping @Sendable () async throws -> Value
        ) async throws -> Value {
            try await withinHangLimit(hangLimit, hung(step, fix: fix), body)
        }

        /// The store's answer to `isFresh` and `fetch`, with this check's logger.
        func token(
            _ store: any TokenStore, isFresh: @escaping @Sendable (AccessToken) -> Bool,
            fetch: @escaping @Sendable () async throws -> AccessToken
        ) async throws -> AccessToken {
            try await store.token(logger: log.logger, isFresh: { isFresh($0) }, fetch: fetch)
        }

        func expectNoWarnings() throws {
            guard let warning = log.warnings.first else { return }
            throw failure(
                "the store logged \"\(warning)\" in a run where nothing failed.",
                fix: "Wait for the lock rather than fall back, and log warnings only when storage or the lock fails.")
        }

        // MARK: The checks

        func sharesStoredToken() async throws {
            let first = try await store()
            if await first.load() != nil {
                throw failure(
                    "a handle on a new name loaded a token.",
                    fix: "Give every name passed to makeStore storage of its own (a key, a file, a row).")
            }
            let fetches = Counter()
            let issued = Tokens.fresh("shared")
            let got = try await token(first, isFresh: Tokens.isFresh) {
                fetches.increment()
                return issued
            }
            guard got.value == issued.value, fetches.value == 1 else {
                throw failure(
                    "with nothing stored, token(logger:isFresh:fetch:) made \(fetches.value) fetches and returned \(got.value == issued.value ? "the fetched token" : "another token").",
                    fix: "Call fetch once when no fresh token is stored, store its token and return it.")
            }
            let second = try await store()
            guard let loaded = await second.load(), loaded.value == issued.value else {
                throw failure(
                    "another handle on the same name did not load the stored token.",
                    fix: "Store the fetched token where every handle of that name reads it, before returning it.")
            }
            let again = try await token(second, isFresh: Tokens.isFresh) {
                fetches.increment()
                return Tokens.fresh("unwanted")
            }
            guard again.value == issued.value, fetches.value == 1 else {
                throw failure(
                    "another handle fetched again although the stored token was fresh.",
                    fix: "Return the stored token when isFresh accepts it; call fetch only when it does not.")
            }
        }

        func singleFlight(callers: Int) async throws {
            let fetches = Counter()
            let calling = Counter()
            let allCalledIn = Event()
            let handles = try await withThrowingTaskGroup(of: (any TokenStore).self) { group in
                for _ in 0..<callers { group.addTask { try await store() } }
                return try await group.reduce(into: [any TokenStore]()) { $0.append($1) }
            }
            let values = try await limited(
                "\(callers) concurrent callers",
                fix: "Release the lock when token(logger:isFresh:fetch:) returns or throws."
            ) { [self] in
                try await withThrowingTaskGroup(of: String.self) { group in
                    for handle in handles {
                        group.addTask {
                            if calling.increment() == callers { allCalledIn.signal() }
                            return try await token(handle, isFresh: Tokens.isFresh) {
                                let number = fetches.increment()
                                // The first fetch stays open until every caller has called in
                                // (an event, not a duration): a store without a lock lets the
                                // callers that reach fetch meanwhile start fetches of their own,
                                // while a correct store's callers wait on its lock. It can miss a flaw when
                                // callers suspend before fetching, never fail a correct store.
                                if number == 1 { await allCalledIn.wait() }
                                return Tokens.fresh("flight-\(number)")
                            }.value
                        }
                    }
                    return try await group.reduce(into: [String]()) { $0.append($1) }
                }
            }
            guard fetches.value == 1, Set(values).count == 1 else {
                throw failure(
                    "\(callers) callers on separate handles made \(fetches.value) fetches, not 1, and got \(Set(values).count) different tokens.",
                    fix: "Take the store's lock, read the token again under it, and call fetch only when that token is not fresh; store the result before releasing the lock.")
            }
        }

        func freshReadTakesNoLock() async throws {
            let stored = Tokens.fresh("stored")
            _ = try await token(try await store(), isFresh: { _ in false }) { stored }
            let holder = try await store()
            let entered = Event()
            let gate = Event()
            defer { gate.signal() }
            let holding = Task { [self] in
                try await token(holder, isFresh: { _ in false }) {
                    entered.signal()
                    await gate.wait()
                    return Tokens.fresh("holder")
                }
            }
            try await limited(
                "the lock holder's fetch",
                fix: "Call fetch when isFresh rejects the token read under the lock."
            ) { await entered.wait() }

            let reader = try await store()
            let loaded = try await limited(
                "load() while another caller held the lock",
                fix: "Read the stored token in load() without taking the store's lock."
            ) { await reader.load() }
            guard loaded?.value == stored.value else {
                throw failure(
                    "load() while another caller held the lock returned \(loaded == nil ? "nothing" : "another token").",
                    fix: "Read the stored token in load() without taking the store's lock.")
            }
            let fetches = Counter()
            let read = try await limited(
                "token(logger:isFresh:fetch:) for a fresh stored token while another caller held the lock",
                fix: "Read the stored token first, without the lock, and return it when isFresh accepts it."
            ) { [self] in
                try await token(reader, isFresh: Tokens.isFresh) {
                    fetches.increment()
                    return Tokens.fresh("reader")
                }
            }
            guard read.value == stored.value, fetches.value == 0 else {
                throw failure(
                    "with a fresh token stored and another caller holding the lock, a caller \(fetches.value > 0 ? "fetched" : "got another token").",
                    fix: "Read the stored token first, without the lock, and return it when isFresh accepts it.")
            }
            gate.signal()
            _ = try await holding.value
        }

        func rereadsUnderLock() async throws {
            let stale = Tokens.stale("stale")
            _ = try await token(try await store(), isFresh: { _ in false }) { stale }
            let holder = try await store()
            let entered = Event()
            let gate = Event()
            defer { gate.signal() }
            let renewed = Tokens.fresh("renewed")
            let holding = Task { [self] in
                try await token(holder, isFresh: { _ in false }) {
                    entered.signal()
                    await gate.wait()
                    return renewed
                }
            }
            try await limited(
                "the lock holder's fetch",
                fix: "Call fetch when isFresh rejects the token read under the lock."
            ) { await entered.wait() }

            let waiter = try await store()
            let sawStale = Event()
            let fetches = Counter()
            let waiting = Task { [self] in
                try await token(
                    waiter,
                    isFresh: { token in
                        if token.value == stale.value { sawStale.signal() }
                        return Tokens.isFresh(token)
                    },
                    fetch: {
                        fetches.increment()
                        return Tokens.fresh("waiter")
                    })
            }
            try await limited(
                "a caller's read of the stale stored token",
                fix: "Read the stored token first, without the lock, and ask isFresh about it."
            ) { await sawStale.wait() }
            gate.signal()
            _ = try await holding.value
            let got = try await limited(
                "the waiting caller, after the holder released the lock",
                fix: "Release the lock when token(logger:isFresh:fetch:) returns."
            ) { try await waiting.value }
            guard got.value == renewed.value, fetches.value == 0 else {
                throw failure(
                    "a caller that waited for the lock \(fetches.value > 0 ? "fetched again" : "returned another token") instead of using the token the holder had stored.",
                    fix: "Once the lock is taken, read the stored token again and return it when isFresh accepts it; call fetch only when it does not.")
            }
        }

        func removesOnlyThatToken() async throws {
            let writer = try await store()
            let older = Tokens.fresh("older")
            let newer = Tokens.fresh("newer")
            _ = try await token(writer, isFresh: { _ in false }) { older }
            _ = try await token(writer, isFresh: { _ in false }) { newer }
            let other = try await store()
            other.remove(older)
            guard await other.load()?.value == newer.value else {
                throw failure(
                    "remove(_:) with an older token dropped the newer stored token.",
                    fix: "Remove the stored token only when its value is the value of the token given.")
            }
            other.remove(newer)
            // A store may remove in the background ("does not wait for slow storage"): wait for it.
            try await limited(
                "the removal of the stored token",
                fix: "Remove the stored token when remove(_:) is given it (in the background if storage is slow)."
            ) {
                while await other.load()?.value == newer.value {
                    try await Task.sleep(for: .milliseconds(10))
                }
            }
        }

        func cancellationReleasesLock() async throws {
            let holder = try await store()
            let entered = Event()
            let cancelled = Task { [self] in
                try await token(holder, isFresh: { _ in false }) {
                    entered.signal()
                    try await Event().waitOrCancel()
                    return Tokens.fresh("never")
                }
            }
            try await limited(
                "the first caller's fetch",
                fix: "Call fetch when isFresh rejects the token read under the lock."
            ) { await entered.wait() }
            cancelled.cancel()
            let outcome = try await limited(
                "the cancelled caller",
                fix: "Let the error fetch throws (here CancellationError) end the call, releasing the lock."
            ) { await cancelled.result }
            if case .success = outcome {
                throw failure(
                    "a caller whose fetch threw CancellationError returned a token.",
                    fix: "Rethrow what fetch throws, after releasing the lock.")
            }
            let fetches = Counter()
            let next = try await store()
            let got = try await limited(
                "the next caller after a cancelled one",
                fix: "Release the lock on every path out of token(logger:isFresh:fetch:), cancellation included (use defer)."
            ) { [self] in
                try await token(next, isFresh: Tokens.isFresh) { Tokens.fresh("next-\(fetches.increment())") }
            }
            guard fetches.value == 1, got.value.hasPrefix("conformance-next-1-") else {
                throw failure(
                    "after a cancelled caller, the next caller made \(fetches.value) fetches and did not return its token.",
                    fix: "Store nothing when fetch throws, and release the lock on every path (use defer).")
            }
        }
    }
}
