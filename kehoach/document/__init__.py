"""Plan → DOCX: template context, prose of indicators, rendering, OOXML, PDF."""
