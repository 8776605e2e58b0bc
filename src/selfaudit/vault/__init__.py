"""The encrypted store of the person's data (the vault) and its key.

Modules, inside out: `keys` (data key, recovery code, passphrase), `fileformat` (header +
AES-256-GCM), `document` (the JSON inside, migrations, exports), `atomic` (crash-safe writes),
`backups` (which previous versions to keep), `layout` (the files in the data folder), `vault`
(open, save, quarantine, delete), `keystore` (the OS keyring, vetted), `lock` (one writer),
`portable` (backup and restore), `blobs` (encrypted attachments). Qt-free.
"""
