# lit configuration: tool tests for minicc and mwasm. A test is a .mc/.c/.wat/.wast/.test file
# whose RUN: lines use the substitutions below; FileCheck checks the output.
import os
import shutil

import lit.formats

config.name = "minicc"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".mc", ".c", ".wat", ".wast", ".test"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.minicc_build_dir, "test")
# Inputs that are not tests themselves.
config.excludes = ["unit", "Inputs", "spec", "lit.cfg.py", "CMakeLists.txt"]

bin_dir = config.minicc_bin_dir
config.substitutions.append(("%minicc", os.path.join(bin_dir, "minicc")))
config.substitutions.append(("%mwasm", os.path.join(bin_dir, "mwasm")))
config.substitutions.append(("%srcroot", config.minicc_source_dir))
config.substitutions.append(("%builddir", config.minicc_build_dir))
config.substitutions.append(("%testsuite20", config.testsuite20_dir))
config.substitutions.append(("%testsuite", config.testsuite_dir))
config.substitutions.append(
    ("%clang-wasm", "clang-14 --target=wasm32-wasi -fuse-ld=lld"))
config.substitutions.append(("FileCheck", config.filecheck))
config.substitutions.append(("%python", "python3"))
# `not` is a lit builtin in internal-shell mode.

config.environment["PATH"] = os.pathsep.join(
    [bin_dir, os.path.dirname(config.filecheck), config.environment.get("PATH", "")])
if config.sanitize in ("ON", "1", "TRUE"):
    config.environment["ASAN_OPTIONS"] = "detect_leaks=1:abort_on_error=0"
    config.environment["UBSAN_OPTIONS"] = "print_stacktrace=1:halt_on_error=1"
    config.available_features.add("sanitize")

for tool in ["wat2wasm", "wasm2wat", "wasm-objdump", "wasm-validate", "wast2json", "node", "clang-14", "gcc",
             "csmith"]:
    if shutil.which(tool):
        config.available_features.add(tool)
