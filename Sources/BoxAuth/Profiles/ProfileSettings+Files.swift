import Foundation

extension ProfileSettings {
    /// A file the entry names: through a setting declared ``ProviderSetting/ValueType/path``, or a
    /// ``ProviderSetting/ValueType/secret`` written `{"file": ...}`.
    struct NamedFile: Sendable, Hashable {
        /// The path resolved against ``ProfileSettings/baseDirectory``.
        let url: URL
        /// The JSON path of the setting (`profiles.NAME.configFile`).
        let jsonPath: JSONPath
    }

    /// The files the entry names through `declared` settings, in the order of the settings' names.
    /// Values of the wrong shape are skipped (``validate(against:)`` reports them).
    func namedFiles(declared: [ProviderSetting]) -> [NamedFile] {
        let byName = Dictionary(declared.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var files: [NamedFile] = []
        for (key, value) in members.sorted(by: { $0.key < $1.key }) {
            guard let setting = byName[key] else { continue }
            switch (setting.type, value) {
            case (.path, .string(let path)) where !path.isEmpty:
                files.append(
                    NamedFile(
                        url: FilePaths.resolve(path, relativeTo: baseDirectory), jsonPath: self.path.appending(key)))
            case (.secret, .object(let object)):
                if object.count == 1, case .string(let path)? = object["file"], !path.isEmpty {
                    files.append(
                        NamedFile(
                            url: FilePaths.resolve(path, relativeTo: baseDirectory), jsonPath: self.path.appending(key))
                    )
                }
            default:
                continue
            }
        }
        return files
    }

    /// Refuses a named file that exists but is a folder, device, FIFO or socket, before anything
    /// opens it. Missing files are left to whoever reads them.
    /// - Throws: ``ConfigurationError`` (``ConfigurationError/Code/notRegularFile``) naming the
    ///   profiles file and the setting's JSON path.
    func requireRegularFiles(declared: [ProviderSetting]) throws(ConfigurationError) {
        for named in namedFiles(declared: declared) {
            if let status = FileStatus(path: named.url.path), !status.isRegularFile {
                throw .notRegularFile(
                    named.url.path, kind: status.kindDescription, referencedFrom: file,
                    jsonPath: named.jsonPath.description)
            }
        }
    }

    /// Warnings for the files the entry names through `declared` settings (each `.path` setting and
    /// each `{"file": ...}` secret) that other users can read or write, each file once.
    ///
    /// Custom providers get these warnings from their own declarations. The profiles file itself is
    /// not included; see `ProfilesFile.permissionWarnings(for:declared:)`.
    /// - Parameter declared: The settings the entry's provider declares (with ``AuthProviderRegistry/commonSettings``).
    package func permissionWarnings(declared: [ProviderSetting]) -> [PermissionWarning] {
        var seen = Set<String>()
        return namedFiles(declared: declared).compactMap { named in
            guard seen.insert(named.url.path).inserted else { return nil }
            return FilePermissionCheck.warning(
                for: named.url, referencedFrom: file, jsonPath: named.jsonPath.description)
        }
    }
}
