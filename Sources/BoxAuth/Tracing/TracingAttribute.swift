/// The names of the spans, attributes and events swift-box-auth records (the Tracing article lists
/// them). Values are fixed words, kinds, names and numbers: never a token, secret, assertion or the
/// subject's ID.
package enum TracingAttribute {
    /// The internal span of one token request that memory could not answer.
    package static let tokenSpan = "box_auth.token"

    /// The profile's name.
    package static let profile = "box_auth.profile"
    /// The provider kind (`jwt`, `client-credentials`, ...).
    package static let provider = "box_auth.provider"
    /// Whom the token acts for: `enterprise` or `user` (never the ID).
    package static let subjectType = "box_auth.subject.type"
    /// The tier that answered: `file`, `postgres`, `store` (a custom store), `broker` or `network`.
    package static let tier = "box_auth.tier"
    /// Whether the request took a store's lock.
    package static let lockWaited = "box_auth.lock.waited"
    /// Seconds spent waiting for store locks (the span's total; each event has its own).
    package static let lockWaitDuration = "box_auth.lock.wait_duration"
    /// The store of a lock or fallback event: `file` or `postgres`.
    package static let store = "box_auth.store"
    /// Why a store was bypassed: `lock-timeout`, `unreachable` or `error`.
    package static let fallbackReason = "box_auth.fallback.reason"

    /// The event of a store lock taken.
    package static let lockAcquiredEvent = "box_auth.lock.acquired"
    /// The event of a store bypassed.
    package static let storeFallbackEvent = "box_auth.store.fallback"

    /// The token endpoint's path template, OpenTelemetry's `url.template`.
    package static let tokenURLTemplate = "/oauth2/token"
}

/// A ``TokenFetcher`` whose tokens come from somewhere other than Box's token endpoint (the token
/// broker): names the `box_auth.tier` of the requests it answers.
package protocol TokenSourceNaming {
    /// The tier's name (`broker`).
    var tokenSource: String { get }
}
