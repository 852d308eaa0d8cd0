# PyInstaller hook for llama-cpp-python: it loads libllama/libggml from its own package folder
# through ctypes, which PyInstaller cannot see (docs/packaging.md).
from PyInstaller.utils.hooks import collect_data_files, collect_dynamic_libs

binaries = collect_dynamic_libs("llama_cpp")
datas = collect_data_files("llama_cpp")
hiddenimports = ["llama_cpp.llama_cpp", "llama_cpp._ggml"]
