""" "Something has happened": what to do now, what not to do and who to tell, for each situation
the code of practice is about (§5, §7). Plain Python: the app (ui/situations/) and the command
line (`selfaudit now`) build the same page from the content (content/situations.py) and the
policy in force. Nothing here is stored: a situation is kept only when the person records an
incident or adds an action to their plan.
"""
