"""Reading and writing files: the project file, BODS, FollowTheMoney, GraphML, the fact sheet."""
