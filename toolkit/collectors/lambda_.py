"""Placeholder: tables of this service are declared here (see s3.py for the pattern)."""
