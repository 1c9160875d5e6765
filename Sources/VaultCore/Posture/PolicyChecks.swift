enum PolicyChecks {
    static func accountResults(_ inputs: GuardrailInputs) -> [PostureResult] { [] }
    static func results(for vault: Vault, inputs: GuardrailInputs) -> [PostureResult] { [] }
}
