import BoxAuth
import Foundation
import Logging

/// Everything the emulator remembers, in one place: the `jti`s already used, the tokens issued,
/// the counters, the faults waiting for the next requests and the request log.
///
/// It guards state, not work: the routes decode and verify assertions outside it, against
/// ``apps``, and hand it a ``TokenVerdict``; it keeps the replay check, issuing and counting.
actor EmulatorState {
    /// `expires_in` of the next access tokens; ``setTokenLifetime(_:)`` changes it.
    private(set) var tokenLifetime: Int
    /// How long refresh tokens work.
    let refreshTokenLifetime: TimeInterval
    /// How long authorization codes work.
    let authorizationCodeLifetime: TimeInterval
    /// The emulator's clock, readable without the actor.
    nonisolated let clock: EmulatorClock
    let logger: Logger
    /// The registered apps, readable without the actor.
    nonisolated let apps = AppRegistry()
    private var seenJWTIDs = SeenJWTIDs()
    // Internal rather than private: EmulatorState+AuthorizationCode.swift uses them.
    var tokens = IssuedTokenStore()
    /// Authorization codes not yet redeemed.
    var authorizationCodes = ExpiringValueStore<AuthorizationCode>()
    /// Refresh tokens not yet spent or revoked.
    var refreshTokens = ExpiringValueStore<RefreshToken>()
    private var faults = FaultQueue()

    /// What the token endpoint has seen so far.
    var counters = EmulatorCounters()
    /// The latest token requests, oldest first (at most ``requestLogLimit``).
    private(set) var requestLog: [RecordedTokenRequest] = []
    /// How many requests ``requestLog`` keeps.
    static let requestLogLimit = 1000

    /// A state with no apps, telling time by `clock`.
    init(configuration: BoxEmulator.Configuration, clock: EmulatorClock) {
        tokenLifetime = configuration.tokenLifetime
        refreshTokenLifetime = configuration.refreshTokenLifetime
        authorizationCodeLifetime = configuration.authorizationCodeLifetime
        self.clock = clock
        logger = configuration.logger
    }

    /// The emulator's clock: the system clock plus the offset.
    var now: Date { clock.now }

    /// Sets `expires_in` of the access tokens issued from now on (negative is 0).
    func setTokenLifetime(_ seconds: Int) {
        tokenLifetime = max(0, seconds)
        logger.info("Token lifetime set", metadata: ["seconds": "\(tokenLifetime)"])
    }

    /// Adds `app`, replacing any app with the same client ID.
    func register(_ app: EmulatedApp) {
        apps.register(app)
        logger.debug("Registered app", metadata: ["client_id": "\(app.clientID)", "keys": "\(app.publicKeys.count)"])
    }

    /// Counts and logs a token request as it arrives, and hands out the fault it gets, if any.
    func receive(_ request: TokenRequest) -> EmulatorFault? {
        counters.tokenRequests += 1
        let fault = faults.next()
        if requestLog.count >= Self.requestLogLimit { requestLog.removeFirst() }
        requestLog.append(RecordedTokenRequest(request, fault: fault, receivedAt: now))
        if let fault {
            logger.info(
                "Injected fault", metadata: ["client_id": "\(request.clientID ?? "none")", "fault": "\(fault)"])
        }
        return fault
    }

    /// Queues `injection` for the next token requests, after the faults already waiting.
    func inject(_ injection: FaultInjection) {
        faults.append(injection)
    }

    /// Drops every waiting fault.
    func clearFaults() {
        faults.removeAll()
    }

    /// How many token requests will still get a fault.
    var pendingFaults: Int { faults.count }

    /// Counts a refusal made by a fault (``EmulatorFault/replayedJWTID``) and returns it.
    func refuseByFault(_ rejection: TokenRejection) -> TokenRejection {
        counters.rejections[rejection.reason, default: 0] += 1
        return rejection
    }

    /// Answers a token request that ``receive(_:)`` counted and the routes checked (`verdict`): a
    /// new token, or why it was refused. An assertion's `jti` is refused here when used before.
    func exchange(_ request: TokenRequest, verdict: TokenVerdict) -> Result<TokenGrantResponse, TokenRejection> {
        let now = self.now
        let grant: TokenRequest.Grant
        switch verdict {
        case .downscope: return downscope(request, now: now)
        case .refused(let rejection): return .failure(refuse(request, rejection))
        case .authorizationCode(let check): return redeem(check, request: request, now: now)
        case .refresh(let check): return refresh(check, request: request, now: now)
        case .granted(let granted): grant = granted
        }
        if let assertion = grant.assertion {
            guard !seenJWTIDs.contains(assertion.jwtID) else { return .failure(refuse(request, .jwtIDReused)) }
            seenJWTIDs.insert(assertion.jwtID, expiresAt: assertion.expiresAt, now: Int64(now.timeIntervalSince1970))
        }
        let value = issue(to: grant.app.clientID, for: grant.subject, now: now)
        counters.tokensIssued += 1
        logger.info(
            "Issued token",
            metadata: ["client_id": "\(grant.app.clientID)", "subject": "\(grant.subject)"])
        return .success(TokenGrantResponse(accessToken: value, expiresIn: tokenLifetime))
    }

    /// Counts and logs `rejection` of `request`, and returns it.
    func refuse(_ request: TokenRequest, _ rejection: TokenRejection) -> TokenRejection {
        counters.rejections[rejection.reason, default: 0] += 1
        logger.info(
            "Refused token request",
            metadata: [
                "client_id": "\(request.clientID ?? "none")", "reason": "\(rejection.reason)",
                "error_description": "\(rejection.description)",
            ])
        return rejection
    }

    /// A token restricted to the requested scopes, exchanged from a valid token.
    private func downscope(_ request: TokenRequest, now: Date) -> Result<TokenGrantResponse, TokenRejection> {
        do {
            let subject = request.value("subject_token").flatMap { tokens.token(for: $0) }
            let token = try TokenExchangeGrantCheck.check(request, subject: subject, now: now)
            let value = IssuedToken.randomValue()
            tokens.insert(token, value: value, now: now)
            counters.tokensIssued += 1
            counters.tokensDownscoped += 1
            logger.info(
                "Issued downscoped token",
                metadata: ["subject": "\(token.subject)", "scopes": "\(token.restrictedTo.count)"])
            let expiresIn = max(0, Int(token.expiresAt.timeIntervalSince(now)))
            return .success(
                TokenGrantResponse(accessToken: value, expiresIn: expiresIn, restrictedTo: token.restrictedTo))
        } catch {
            counters.rejections[error.reason, default: 0] += 1
            logger.info("Refused downscoping", metadata: ["reason": "\(error.reason)"])
            return .failure(error)
        }
    }

    /// Revokes `token` for the app whose credentials the form carries: an access token, or a
    /// refresh token of that app (the access tokens issued with it keep working until they
    /// expire). Unknown tokens are ignored, as Box does. Returns false when the client credentials
    /// are wrong.
    func revoke(_ request: TokenRequest) -> Bool {
        guard request.isAuthenticated(apps: apps.snapshot) else { return false }
        guard let value = request.value("token") else { return true }
        if tokens.remove(value) {
            counters.tokensRevoked += 1
        } else if refreshTokens.entry(value)?.value.clientID == request.clientID {
            refreshTokens.remove(value)
            counters.refreshTokensRevoked += 1
        }
        return true
    }

    /// Revokes every access token issued so far (refresh tokens stay); returns how many were live.
    func revokeAccessTokens() -> Int {
        let now = self.now
        let live = tokens.liveCount(at: now)
        tokens.removeAll()
        counters.tokensRevoked += live
        logger.info("Revoked every access token", metadata: ["count": "\(live)"])
        return live
    }

    /// The token sent as `bearer`, when it is known, unrevoked and unexpired.
    func validToken(bearer: String?) -> IssuedToken? {
        guard let bearer, let token = tokens.token(for: bearer), token.isValid(at: now) else { return nil }
        return token
    }

    /// Answers `/2.0/users/me` for the bearer token `bearer` (nil when none was sent).
    func currentUser(bearer: String?, asUser: String?) -> CurrentUserAnswer {
        guard let bearer else { return .missingToken }
        guard let token = tokens.token(for: bearer), token.isValid(at: now) else { return .invalidToken }
        return CurrentUserAnswer(token: token, app: token.clientID.flatMap { apps.app(clientID: $0) }, asUser: asUser)
    }

    /// Issues a token for user `userID` that belongs to no app, as a developer token does.
    func issueDeveloperToken(userID: String) -> String {
        issue(to: nil, for: .user(userID), now: now)
    }

    /// Issues and stores an access token lasting ``tokenLifetime`` (not counted here).
    func issue(to clientID: String?, for subject: BoxSubject, now: Date) -> String {
        let value = IssuedToken.randomValue()
        let token = IssuedToken(
            clientID: clientID, subject: subject, expiresAt: now.addingTimeInterval(TimeInterval(tokenLifetime)))
        tokens.insert(token, value: value, now: now)
        return value
    }
}
