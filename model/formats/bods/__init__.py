"""The Beneficial Ownership Data Standard (0.2 to 0.4): reading, checking and writing statements."""
