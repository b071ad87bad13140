"""An example toolkit plugin: the identity each account is read with, and a check on it."""
