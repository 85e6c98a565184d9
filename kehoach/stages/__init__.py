"""Each job of kehoach as one plain function (render, build, derive, update, forms,
aggregate, import, check, compare, validate): typed arguments, a typed result (files
written, notes, problems, places to review), the project's own errors. The click commands
and the web pages are thin callers of these; neither re-implements a step, and the rules on
what a caller gives (a period, a year, a units list, files not written over) are here, once.

Modules import what is heavy inside the function that needs it, so that `kehoach --help`
and `kehoach render` start as fast as before."""
