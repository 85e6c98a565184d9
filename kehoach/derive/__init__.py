"""Drafting a unit's plan from the plan of the level above, one unit or a batch."""
