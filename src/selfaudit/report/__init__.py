"""Reports: rendering what the person recorded into files they can print or hand over (HTML;
PDF through QtGui, imported lazily)."""
