"""The encrypted store of the person's data (the vault) and its key."""
