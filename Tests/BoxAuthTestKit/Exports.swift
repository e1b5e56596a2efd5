// The conformance checks come with the kit, so the built-in providers and stores run them with
// one import, as a custom provider's tests would with `import BoxAuthTesting`.
@_exported import BoxAuthTesting
