// VaultTUI
