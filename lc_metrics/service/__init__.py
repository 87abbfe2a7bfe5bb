"""The intake service: the one way to publish a report or keep a district's submission."""
