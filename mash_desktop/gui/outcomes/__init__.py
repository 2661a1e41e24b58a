"""The Outcomes feature: compact assessment entry, outcome table and graphs."""
