"""GraphML for yEd and Gephi."""
