"""The plan and the completion receipt as documents: Markdown, HTML and PDF.

Plain Python except `pdf.py`, which imports QtGui only inside its functions, so the command line
can render Markdown and HTML without loading Qt.
"""
