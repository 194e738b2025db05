"""Stakemap's window, canvas and command line. Imports Qt lazily so ``stakemap check`` needs no display."""
