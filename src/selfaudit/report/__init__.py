"""Documents made from what the person recorded: the plan and the completion receipt (Markdown,
HTML, PDF) and the evidence report (HTML, PDF).

Plain Python except the PDF modules, which import QtGui only inside their functions, so the
command line can render Markdown and HTML without loading Qt.
"""
