import BoxAuth
import Foundation
import Hummingbird

extension Response {
    /// A response with `value` as its JSON body and `Content-Type: application/json`.
    static func json(_ value: JSONValue, status: Hummingbird.HTTPResponse.Status, headers: HTTPFields = [:]) -> Response
    {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding fails only for a non-finite number, which the emulator never puts in a body.
        let data = (try? encoder.encode(value)) ?? Data("null".utf8)
        var headers = headers
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
