"""What a view draws: lines routed round boxes and labels placed clear of them."""
