"""The evidence log window: the list of incidents, the incident editor, the deleted items and the
guidance beside them. `image_check` is imported on its own by the command line, through
`ui/app.py: picture_check` (QtGui only)."""
