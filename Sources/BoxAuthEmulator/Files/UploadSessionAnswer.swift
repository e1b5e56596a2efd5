import BoxAuth
import Foundation

/// How `POST /api/2.0/files/upload_sessions` (Box's upload host) answers: an upload session for a
/// valid token and a well-formed body, nothing is stored.
enum UploadSessionAnswer: Sendable, Hashable {
    /// 201 with the session.
    case created(id: String, totalParts: Int)
    /// 401 with a challenge, as `/2.0/users/me` answers a missing, expired or revoked token.
    case unauthorized(challenge: String)
    /// 400 with Box's error JSON: `folder_id`, `file_size` or `file_name` missing or wrong.
    case badRequest

    /// The part size Box picks for sessions of this size (8 MiB).
    static let partSize = 8 * 1024 * 1024

    /// The answer for `body` from the holder of `token` (nil when the token is missing or not valid).
    init(token: IssuedToken?, bearerSent: Bool, body: Data) {
        guard token != nil else {
            self = bearerSent ? Self.invalid : .unauthorized(challenge: "Bearer realm=\"Service\"")
            return
        }
        guard case .object(let fields)? = try? JSONDecoder().decode(JSONValue.self, from: body),
            case .string(let folderID)? = fields["folder_id"], !folderID.isEmpty,
            case .string(let fileName)? = fields["file_name"], !fileName.isEmpty,
            let size = fields["file_size"].flatMap(Self.integer), size > 0
        else {
            self = .badRequest
            return
        }
        let id = (0..<16).map { _ in String(format: "%02X", UInt8.random(in: 0...255)) }.joined()
        self = .created(id: id, totalParts: (size + Self.partSize - 1) / Self.partSize)
    }

    /// The answer for a token that was sent but is unknown, expired or revoked.
    private static let invalid = UploadSessionAnswer.unauthorized(
        challenge:
            "Bearer realm=\"Service\", error=\"invalid_token\", error_description=\"The access token provided is invalid.\""
    )

    /// `value` as a whole number, when it is one.
    private static func integer(_ value: JSONValue) -> Int? {
        switch value {
        case .integer(let number): return Int(exactly: number)
        case .number(let number) where number == number.rounded() && abs(number) < 1e15: return Int(number)
        default: return nil
        }
    }

    /// The session in Box's shape, for `.created`.
    static func json(id: String, totalParts: Int) -> JSONValue {
        .object([
            "type": .string("upload_session"), "id": .string(id), "total_parts": .integer(Int64(totalParts)),
            "part_size": .integer(Int64(partSize)), "num_parts_processed": .integer(0),
        ])
    }
}
