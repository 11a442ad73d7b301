"""The human front door: server-rendered HTML pages of the timeline, pledges and sources."""
