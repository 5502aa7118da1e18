"""Renderers: Rich for people, JSON for programs, files for exports."""
