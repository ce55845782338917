// Runs a WASI command module on node (node:wasi): node run-wasi.cjs FILE.wasm [ARGS...].
// The exit status is the module's (proc_exit or 0 when _start returns).
const { WASI } = require('node:wasi');
const fs = require('node:fs');
const file = process.argv[2];
const wasi = new WASI({ version: 'preview1', args: [file, ...process.argv.slice(3)], env: {},
                        returnOnExit: true });
const mod = new WebAssembly.Module(fs.readFileSync(file));
const instance = new WebAssembly.Instance(mod, { wasi_snapshot_preview1: wasi.wasiImport });
process.exitCode = wasi.start(instance);
