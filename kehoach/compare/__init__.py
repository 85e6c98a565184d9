"""Compare two drafts of a plan: by element id as a list of changes (`changes`), and as
the NEW document with Word revisions (`tracked`)."""
