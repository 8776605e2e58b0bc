""" "Something has happened" in the app: the list of situations, one page of help for each
(`window.py`, `page_view.py`), the note to the line manager (`note_dialog.py`), and how it opens
from the dashboard and the first page at any point of start-up (`launcher.py`)."""
