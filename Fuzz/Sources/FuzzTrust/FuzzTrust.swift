@_spi(Plumbing) import BoxAuth
import Foundation
import FuzzDriver

/// The process entry point (see ``LibFuzzerDriver``).
@_cdecl("FuzzTrust_main")
public func fuzzTrustMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    LibFuzzerDriver.run(argc, argv, fuzzTrust)
}

/// libFuzzer entry point: the profiles locator and the trust check. One input is two files split at
/// the first NUL byte: the trusted-profiles list, then a `profiles.json` (no NUL: the list is empty).
///
/// The profiles file is written as `./profiles.json` of a scratch "repository", found with
/// ``ProfilesFile/find(explicitPath:environment:currentDirectory:homeDirectory:)`` and loaded with
/// ``ProfilesFile/load(_:trusting:)`` against the list. Findings (`fatalError`):
/// - the file is found anywhere but in the current folder, or as not needing trust;
/// - a file is loaded although the list does not hold its real path with the hash of its bytes;
/// - an error that is not a ``ConfigurationError`` naming a file, or not one plain paragraph;
/// - after `trust`, the same bytes are refused (other than as bad JSON), or one changed byte is
///   accepted.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTrust(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let input = start.map { Data(bytes: $0, count: count) } ?? Data()
    let split = input.firstIndex(of: 0)
    let list = split.map { input[input.startIndex..<$0] } ?? Data()
    let profiles = split.map { input[input.index(after: $0)...] } ?? input
    TrustScratch.reset(list: Data(list), profiles: Data(profiles))

    let location: ProfilesFile.Location
    do {
        location = try ProfilesFile.find(
            explicitPath: nil, environment: [:], currentDirectory: TrustScratch.repository,
            homeDirectory: TrustScratch.home)
    } catch {
        fatalError("the written ./profiles.json was not found: \(error)")
    }
    guard location.origin == .currentDirectory, location.requiresTrust else {
        fatalError("a found ./profiles.json needs no trust: \(location)")
    }
    let trusted = TrustScratch.trusted
    do {
        _ = try ProfilesFile.load(location, trusting: trusted)
        guard (try? trusted.status(of: location.url, contents: Data(profiles))) == .trusted else {
            fatalError("loaded a file the list does not trust")
        }
    } catch {
        // load(_:trusting:) throws only ConfigurationError (typed throws).
        TrustScratch.check(error)
    }

    // Trusting the bytes makes them load (or fail as a profiles file, never as untrusted); one
    // changed byte is refused as changed.
    do throws(ConfigurationError) {
        try trusted.trust(location.url)
    } catch {
        // A list that does not parse cannot be written to: that is the documented refusal.
        TrustScratch.check(error)
        return 0
    }
    do throws(ConfigurationError) {
        _ = try ProfilesFile.load(location, trusting: trusted)
    } catch where error.code == .untrustedFile {
        fatalError("refused right after trust: \(error)")
    } catch {
        TrustScratch.check(error)
    }
    var changed = Data(profiles)
    if changed.isEmpty { changed.append(0x20) } else { changed[changed.startIndex] ^= 0x01 }
    TrustScratch.write(changed, to: location.url)
    do throws(ConfigurationError) {
        _ = try ProfilesFile.load(location, trusting: trusted)
        fatalError("loaded a file whose bytes changed after trust")
    } catch where error.code == .untrustedFile {
        guard error.message.contains("changed") else { fatalError("a changed file not called changed: \(error)") }
    } catch {
        fatalError("a changed file refused for another reason: \(error)")
    }
    return 0
}

enum TrustScratch {
    /// The scratch "repository" (the current folder) and "home" (holding the list).
    static let root: URL = FileManager.default.temporaryDirectory.appendingPathComponent("box-auth-fuzz-trust-\(getpid())")
    static var repository: URL { root.appendingPathComponent("repository") }
    static var home: URL { root.appendingPathComponent("home") }
    static var trusted: TrustedProfiles { TrustedProfiles(file: home.appendingPathComponent("state/trusted-profiles.json")) }

    /// Writes the list (none when empty) and the profiles file, 0600 each.
    static func reset(list: Data, profiles: Data) {
        let manager = FileManager.default
        try? manager.createDirectory(at: repository, withIntermediateDirectories: true)
        try? manager.createDirectory(
            at: trusted.file.deletingLastPathComponent(), withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
        if list.isEmpty { try? manager.removeItem(at: trusted.file) } else { write(list, to: trusted.file) }
        write(profiles, to: repository.appendingPathComponent("profiles.json"))
    }

    static func write(_ data: Data, to url: URL) {
        guard FileManager.default.createFile(atPath: url.path, contents: data, attributes: [.posixPermissions: 0o600])
        else { fatalError("cannot write the scratch file \(url.path)") }
    }

    /// An error is a finding unless it is a ConfigurationError in one plain paragraph naming a file.
    static func check(_ error: ConfigurationError) {
        let text = error.description
        if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            fatalError("not one plain paragraph: \(text)")
        }
        if error.file == nil { fatalError("names no file: \(text)") }
    }
}
