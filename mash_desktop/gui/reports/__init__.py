"""Report preview, save and print."""
