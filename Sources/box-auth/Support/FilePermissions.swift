import BoxAuthProviders
import Foundation

/// Warns when a file holding credentials can be read by other users.
enum FilePermissions {
    /// The warning for `url`, or nil when only its owner can read it (or it does not exist).
    static func sharedFileWarning(_ url: URL) -> String? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
            let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue, mode & 0o077 != 0
        else { return nil }
        return "\(url.path) is readable by other users (mode \(String(mode, radix: 8))); run `chmod 600 \(url.path)`."
    }

    /// The files a profile reads credentials from: `configFile` and every `{"file": ...}` secret.
    static func credentialFiles(of settings: ProfileSettings) -> [URL] {
        var files: [URL] = []
        for (key, value) in settings.members.sorted(by: { $0.key < $1.key }) {
            if key == "configFile", case .string(let path) = value {
                files.append(FilePaths.resolve(path, relativeTo: settings.baseDirectory))
            } else if case .object(let members) = value, case .string(let path)? = members["file"], members.count == 1 {
                files.append(FilePaths.resolve(path, relativeTo: settings.baseDirectory))
            }
        }
        return files
    }

    /// Warnings for the profiles file and the credential files of `profile` (or of every profile).
    static func warnings(for file: ProfilesFile, profile: String?) -> [(file: URL, text: String)] {
        var urls = [file.url]
        for name in profile.map({ [$0] }) ?? file.profileNames {
            if let settings = try? file.settings(for: name, environment: [:]) { urls += credentialFiles(of: settings) }
        }
        var seen = Set<String>()
        return urls.filter { seen.insert($0.path).inserted }.compactMap { url in
            sharedFileWarning(url).map { (url, $0) }
        }
    }
}
