public import HTTPTypes

/// Which operations go to Box's upload host (`upload.box.com`) rather than `api.box.com`.
///
/// Box's OpenAPI document gives its upload operations a `servers` entry of their own, which
/// swift-openapi-generator ignores (a generated client sends every operation to one server URL).
/// ``BoxAuthMiddleware`` therefore sends these to its `uploadBaseURL`, matching the request's method
/// and path (relative to the server URL, without the query):
///
/// | Method | Path | Operation |
/// | --- | --- | --- |
/// | `POST` | `/files/content` | Upload a file |
/// | `POST` | `/files/{file_id}/content` | Upload a file version |
/// | `POST` | `/files/upload_sessions` | Create an upload session |
/// | `POST` | `/files/{file_id}/upload_sessions` | Create an upload session for a new version |
/// | any | `/files/upload_sessions/…` | Parts, commit, status and abort of an upload session |
///
/// `GET /files/{file_id}/content` (a download) and `OPTIONS /files/content` (the preflight check)
/// stay on the API host.
public enum UploadOperation {
    /// Whether `request` is one of Box's upload operations.
    public static func matches(_ request: HTTPRequest) -> Bool {
        let path = (request.path ?? "").split(separator: "?", maxSplits: 1).first.map(String.init) ?? ""
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        guard parts.count >= 2, parts[0] == "files" else { return false }
        if parts[1] == "upload_sessions" { return parts.count == 2 ? request.method == .post : true }
        guard request.method == .post else { return false }
        switch parts.count {
        case 2: return parts[1] == "content"
        case 3: return parts[2] == "content" || parts[2] == "upload_sessions"
        default: return false
        }
    }
}
