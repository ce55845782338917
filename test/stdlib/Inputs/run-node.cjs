// Runs a WASI command module on node (node:wasi) with the current directory preopened as "."
// and stdin inherited: node run-node.cjs FILE.wasm [ARGS...]. Exit status is the module's.
const { WASI } = require('node:wasi');
const fs = require('node:fs');
const file = process.argv[2];
const wasi = new WASI({ version: 'preview1', args: [file, ...process.argv.slice(3)],
                        env: { MINICC_TEST: 'hello' }, preopens: { '.': '.' },
                        returnOnExit: true });
const mod = new WebAssembly.Module(fs.readFileSync(file));
const instance = new WebAssembly.Instance(mod, { wasi_snapshot_preview1: wasi.wasiImport });
process.exitCode = wasi.start(instance);
