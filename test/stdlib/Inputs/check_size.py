#!/usr/bin/env python3
"""usage: check_size.py FILE.wasm LIMIT -- prints `NAME: N bytes (< LIMIT)` or `too large`."""
import os
import sys

n = os.path.getsize(sys.argv[1])
limit = int(sys.argv[2])
name = os.path.basename(sys.argv[1])
print(f"{name}: {n} bytes {'(< %d)' % limit if n < limit else 'too large, limit %d' % limit}")
sys.exit(0 if n < limit else 1)
