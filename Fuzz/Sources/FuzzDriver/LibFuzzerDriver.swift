/// Starts libFuzzer from a fuzz target's entry point.
///
/// SwiftPM links every executable (tools version 5.5 and later) with `--defsym main=NAME_main`, so
/// that tests can link it. The fuzz targets are built with `-parse-as-library`, so Swift emits no
/// `main` of its own; each target instead defines `NAME_main` with `@_cdecl` and hands over here,
/// and libFuzzer runs exactly as from its own `main`.
///
/// ```swift
/// @_cdecl("FuzzProfiles_main")
/// public func fuzzProfilesMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
///     LibFuzzerDriver.run(argc, argv, fuzzProfiles)
/// }
/// ```
public enum LibFuzzerDriver {
    /// The signature of `LLVMFuzzerTestOneInput`.
    public typealias TestOneInput = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

    /// Runs libFuzzer with the process's arguments; returns its exit status.
    public static func run(
        _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ testOneInput: TestOneInput
    ) -> CInt {
        var argc = argc
        var argv = argv
        return LLVMFuzzerRunDriver(&argc, &argv, testOneInput)
    }
}

/// libFuzzer's driver (`FuzzerInterface.h`), linked in by `-sanitize=fuzzer`.
@_extern(c, "LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt
