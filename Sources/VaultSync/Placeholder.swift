// VaultSync
