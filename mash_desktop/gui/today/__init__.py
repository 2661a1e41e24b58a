"""The Today screen: the signed-in clinician's visits for the day and what is due."""
