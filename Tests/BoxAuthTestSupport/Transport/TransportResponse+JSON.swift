public import BoxAuth
import Foundation

extension TransportResponse {
    /// The body as a JSON object.
    /// - Throws: When the body is not a JSON object.
    public func jsonObject() throws -> [String: JSONValue] {
        guard let object = try JSONDecoder().decode(JSONValue.self, from: body).objectValue else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "not a JSON object"))
        }
        return object
    }
}
