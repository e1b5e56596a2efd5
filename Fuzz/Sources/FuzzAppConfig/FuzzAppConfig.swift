@_spi(Plumbing) import BoxAuth
import Foundation
import FuzzDriver

/// The process entry point (see ``LibFuzzerDriver``).
@_cdecl("FuzzAppConfig_main")
public func fuzzAppConfigMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    LibFuzzerDriver.run(argc, argv, fuzzAppConfig)
}

/// libFuzzer entry point: one input is the bytes of a Box `config.json`.
///
/// Every input must end in a ``BoxAppConfig`` and a key, or a ``ConfigurationError``; anything else
/// (a crash, a sanitizer report, another error type) is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAppConfig(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let data = start.map { Data(bytes: $0, count: count) } ?? Data()
    do {
        let config = try BoxAppConfig(json: JSONDocument.parse(data, file: "config.json"), file: "config.json")
        _ = config.description
        _ = try config.loadPrivateKey()
    } catch {
        // Typed throws: every failure here is a ConfigurationError.
        FuzzCheck.locatedConfigurationError(error)
    }
    return 0
}

/// Checks the errors the config.json reader throws.
enum FuzzCheck {
    static func locatedConfigurationError(_ error: ConfigurationError) {
        // Every error names the file and renders as one paragraph.
        let text = error.description
        let plain = !text.unicodeScalars.contains { $0.properties.generalCategory == .control }
        guard error.file == "config.json", plain else {
            fatalError("badly formed error: \(text)")
        }
        if error.code == .invalidKey, error.keyError == nil { fatalError("invalidKey without a keyError: \(text)") }
    }
}
