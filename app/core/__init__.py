"""Pure domain logic: conversations, harmony, GGUF metadata. Never imports Qt."""
