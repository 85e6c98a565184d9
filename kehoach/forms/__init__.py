"""Report forms from a plan (outline, indicator table DOCX/XLSX) and their summary."""
