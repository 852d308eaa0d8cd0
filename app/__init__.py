"""Hearth: private, offline chat with OpenAI's gpt-oss models through llama.cpp.

This module is the single source of the application's name, identifier and version.
"""

__version__ = "0.1.0"
APP_NAME = "Hearth"
APP_ID = "org.hearth.Hearth"
