"""The vault's windows and their flows: start-up (which key, first run, recovery, damage;
`startup.py`), the single-instance lock and the running app (`running_app.py`,
`single_instance.py`), autosave, and what Settings asks of the vault (`controller.py`)."""
