import BoxAuthTestSupport
import Foundation

/// The Python interpreter the broker client tests run `Examples/BrokerClients/python` with:
/// `$BOX_AUTH_PYTHON`, a Python that can import box-sdk-gen (`.ci/run` makes one in a venv).
///
/// As the browser and PostgreSQL tests do, the tests skip where no such Python is named and fail
/// under CI, where a missing interpreter is a broken machine, not a reason to skip.
enum BoxSDKPython {
    /// No usable Python, for a test that must run.
    struct Missing: Error, CustomStringConvertible {
        /// What is missing and how to get it.
        let description: String
    }

    /// `$BOX_AUTH_PYTHON`, if set and not empty.
    static var configured: URL? {
        ProcessInfo.processInfo.environment["BOX_AUTH_PYTHON"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
    }

    /// Whether the tests run here: always under CI (where ``interpreter()`` then throws without a
    /// usable Python), elsewhere when `$BOX_AUTH_PYTHON` names a Python that imports box-sdk-gen.
    ///
    /// Use it as `.enabled("needs BOX_AUTH_PYTHON") { await BoxSDKPython.shouldRun() }`.
    static func shouldRun() async -> Bool {
        if WebDriverSession.isCI { return true }
        return (try? await interpreter()) != nil
    }

    /// The interpreter, checked by importing box-sdk-gen with it.
    /// - Throws: ``Missing`` saying how to make one when `$BOX_AUTH_PYTHON` is unset or its Python
    ///   cannot import box-sdk-gen.
    static func interpreter() async throws -> URL {
        let setUp = "python3 -m venv /tmp/venv-boxsdk && /tmp/venv-boxsdk/bin/pip install box-sdk-gen, "
            + "then BOX_AUTH_PYTHON=/tmp/venv-boxsdk/bin/python swift test"
        guard let python = configured else {
            throw Missing(description: "BOX_AUTH_PYTHON is not set, and CI requires the Python broker client tests. \(setUp)")
        }
        let probe = try await ProductProcess.run(executable: python, ["-c", "import box_sdk_gen"])
        guard probe.status == 0 else {
            throw Missing(
                description: "BOX_AUTH_PYTHON (\(python.path)) cannot import box_sdk_gen (exit \(probe.status)): "
                    + "\(probe.stderr.suffix(300)) \(setUp)")
        }
        return python
    }

    /// `Examples/BrokerClients/python` of this repository.
    static let examplesFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Examples/BrokerClients/python")

    /// Runs `python` with `arguments` in an environment holding only `environment` (`env -i`), in
    /// the examples folder, writing no `__pycache__` there (`-B`).
    static func run(
        _ python: URL, _ arguments: [String], environment: [String: String]
    ) async throws -> ProductProcess.Result {
        let assignments = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        return try await ProductProcess.run(
            executable: URL(fileURLWithPath: "/usr/bin/env"), ["-i"] + assignments + [python.path, "-B"] + arguments,
            in: examplesFolder)
    }
}
