print("vaultwatch")
