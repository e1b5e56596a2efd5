import Foundation

/// Reads small JSON files (profiles, Box `config.json`) with a size limit and located errors.
public enum JSONDocument {
    /// The largest file read: anything bigger is refused before parsing.
    public static let maximumSize = 1 << 20

    /// Reads and parses the JSON file at `url`.
    /// - Throws: ``ConfigurationError`` when the file is unreadable, too large or not JSON.
    public static func load(contentsOf url: URL) throws(ConfigurationError) -> JSONValue {
        let path = url.path
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        if let size = (attributes?[.size] as? NSNumber)?.intValue, size > maximumSize {
            throw .fileTooLarge(path, size: size, limit: maximumSize)
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .fileUnreadable(path)
        }
        return try parse(data, file: path)
    }

    /// Parses JSON bytes; `file` names the source in errors.
    public static func parse(_ data: Data, file: String) throws(ConfigurationError) -> JSONValue {
        if data.count > maximumSize {
            throw .fileTooLarge(file, size: data.count, limit: maximumSize)
        }
        do {
            return try JSONDecoder().decode(JSONValue.self, from: data)
        } catch let DecodingError.dataCorrupted(context) {
            let detail = (context.underlyingError as? NSError)?.userInfo[NSDebugDescriptionErrorKey] as? String
            throw .invalidJSON(file, detail: MessageText.escaped(detail ?? context.debugDescription))
        } catch {
            throw .invalidJSON(file, detail: "unreadable JSON")
        }
    }
}
