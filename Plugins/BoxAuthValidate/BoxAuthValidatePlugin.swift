import Foundation
import PackagePlugin

/// `swift package box-auth-validate [--profiles PATH]`: checks a package's profiles.json offline
/// with the same checks as `box-auth profiles validate` (the library's `ProfilesFile.validateAll`),
/// reporting each problem as a diagnostic with its file and JSON path, and each credential file
/// other users can read as a warning.
///
/// A command plugin cannot link the library, so it runs the `box-auth` tool and reads its
/// `--diagnostics` lines (one JSON object each: severity, message, file, jsonPath).
@main
struct BoxAuthValidatePlugin: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        var extractor = ArgumentExtractor(arguments)
        let given = extractor.extractOption(named: "profiles").last
        let root = context.package.directoryURL
        let profiles =
            given.map { $0.hasPrefix("/") ? URL(fileURLWithPath: $0) : root.appending(path: $0) }
            ?? root.appending(path: "profiles.json")

        let process = Process()
        process.executableURL = try context.tool(named: "box-auth").url
        process.arguments = ["profiles", "validate", "--profiles", profiles.path, "--diagnostics"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()

        var problems = 0
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            guard let diagnostic = try? JSONDecoder().decode(ValidationDiagnostic.self, from: Data(line.utf8)) else {
                Diagnostics.remark(String(line))
                continue
            }
            let location = [diagnostic.file, diagnostic.jsonPath].compactMap { $0 }.map { "\($0): " }.joined()
            let text = "\(location)\(diagnostic.message)"
            switch diagnostic.severity {
            case "error":
                problems += 1
                Diagnostics.error(text, file: diagnostic.file)
            case "warning":
                Diagnostics.warning(text, file: diagnostic.file)
            default:
                Diagnostics.remark(text)
            }
        }
        if process.terminationStatus != 0, problems == 0 {
            Diagnostics.error(
                "box-auth profiles validate failed with status \(process.terminationStatus) for \(profiles.path).")
        }
        if problems == 0, process.terminationStatus == 0 {
            print("\(profiles.path): every profile is valid.")
        }
    }
}

/// One line of `box-auth profiles validate --diagnostics`.
struct ValidationDiagnostic: Decodable {
    let severity: String
    let message: String
    let file: String?
    let jsonPath: String?
}
