"""A register store in the window: open one, search it as you type, open a company's neighbourhood as a
document whose facts cite their statements, and expand or collapse the "+N" beyond each entity.
"""
