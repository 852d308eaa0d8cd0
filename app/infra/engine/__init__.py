"""The engine child and the GUI side's handle on it: protocol, llama.cpp session, CPU check, load errors."""
