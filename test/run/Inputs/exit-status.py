# Runs a command and prints its output followed by `exit: N` (lit's shell cannot test for a
# specific non-zero status).   usage: exit-status.py CMD [ARGS...]
import subprocess
import sys

p = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
sys.stdout.write(p.stdout.decode(errors="replace"))
print(f"exit: {p.returncode}")
