public import BoxAuth
public import Foundation

/// One request the token endpoint received, as kept in ``BoxEmulator/tokenRequestLog`` for tests:
/// what it asked for and which fault it got. It holds no secret: neither the client secret nor the
/// assertion, only the assertion's `jti` and `exp`, which are not credentials.
public struct RecordedTokenRequest: Sendable, Hashable, CustomStringConvertible {
    /// When it arrived, on the emulator's clock.
    public let receivedAt: Date
    /// `grant_type`, if the form had one.
    public let grantType: String?
    /// `client_id`, if the form had one.
    public let clientID: String?
    /// The subject asked for: the assertion's `box_sub_type` and `sub`, or the client credentials
    /// grant's `box_subject_type` and `box_subject_id`; nil when absent or unreadable.
    public let subject: BoxSubject?
    /// The assertion's `jti`, when the form had a readable assertion with one.
    public let jwtID: String?
    /// The assertion's `exp` (Unix seconds), when it had an integer one.
    public let expiresAt: Int64?
    /// The fault the request got, or nil when it was answered normally.
    public let fault: EmulatorFault?

    /// Reads what may be kept of `request`.
    init(_ request: TokenRequest, fault: EmulatorFault?, receivedAt: Date) {
        self.receivedAt = receivedAt
        self.fault = fault
        grantType = request.value("grant_type")
        clientID = request.clientID
        let claims = try? request.assertion?.get().claims
        if let claims {
            jwtID = claims["jti"]?.stringValue
            if case .integer(let exp)? = claims["exp"] { expiresAt = exp } else { expiresAt = nil }
            subject = Self.subject(kind: claims["box_sub_type"]?.stringValue, id: claims["sub"]?.stringValue)
        } else {
            jwtID = nil
            expiresAt = nil
            subject = Self.subject(kind: request.value("box_subject_type"), id: request.value("box_subject_id"))
        }
    }

    private static func subject(kind: String?, id: String?) -> BoxSubject? {
        guard let kind = kind.flatMap(BoxSubject.Kind.init(rawValue:)), let id else { return nil }
        return BoxSubject(kind, id: id)
    }

    /// One line: grant, client, subject, `jti` and fault.
    public var description: String {
        "\(grantType ?? "no grant_type") for \(subject?.description ?? "no subject") from \(clientID ?? "no client_id")"
            + (jwtID.map { ", jti \($0)" } ?? "") + ", " + (fault.map { "fault \($0)" } ?? "answered normally")
    }
}
