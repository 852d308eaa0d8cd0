# PyInstaller hook for ziamath (math in answers): its STIX Two Math font is package data, and
# latex2mathml reads its symbol table from a text file beside its code.
from PyInstaller.utils.hooks import collect_data_files

datas = collect_data_files("ziamath") + collect_data_files("ziafont") + collect_data_files("latex2mathml")
