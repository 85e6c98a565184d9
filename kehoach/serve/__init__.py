"""`kehoach serve`: a local web editor for clerks who will not edit YAML. Every change
goes through `kehoach.plan.edit.PlanFile`; every job calls the same stage function the
command calls (`kehoach/stages/`)."""
