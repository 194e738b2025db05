"""FollowTheMoney entities (JSON Lines), as Aleph and OpenSanctions publish them."""
