public import Foundation

/// Reads small JSON files (profiles, Box `config.json`) with a size limit and located errors.
@_spi(Plumbing) public enum JSONDocument {
    /// The largest file read: anything bigger is refused before parsing.
    public static let maximumSize = 1 << 20

    /// Reads and parses the JSON file at `url` (a regular file only: see `RegularFileReader`).
    /// - Throws: ``ConfigurationError`` when the file is unreadable, not a regular file, too large
    ///   or not JSON.
    public static func load(contentsOf url: URL) throws(ConfigurationError) -> JSONValue {
        try parse(RegularFileReader.contents(of: url, limit: maximumSize), file: url.path)
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
