import Foundation
import Hummingbird

extension Response {
    /// A response with `html` as its body, `Content-Type: text/html; charset=utf-8`, not to be
    /// cached.
    static func html(_ html: String, status: Hummingbird.HTTPResponse.Status) -> Response {
        Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: Array(html.utf8))))
    }
}
