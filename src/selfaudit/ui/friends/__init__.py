"""The service-user friend check's widgets: one reusable FriendCheckWidget, shown as a wizard
page (ui/pages/friend_check.py) or on its own in FriendCheckDialog (for the dashboard)."""
