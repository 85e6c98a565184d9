"""Generated inputs shared by every suite: plans over the whole format (`plans.py`)."""
