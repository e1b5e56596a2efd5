package import BoxAuth
package import Foundation

extension ChildProgram {
    /// A program the test fixtures start (a Debian package's): `name` on the test process's `PATH`,
    /// else in `/usr/bin` or `/usr/sbin` (where daemons live that a `PATH` may leave out).
    package static func findInstalled(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"].map { $0 + ":" } ?? ""
        return find(name, searchPath: path + "/usr/bin:/usr/sbin")
    }
}
