// Runs a wasm32-wasi program under node's WASI (node:wasi, preview1), with the same options as
// `mwasm run`: run_node.mjs [--dir HOST::GUEST]... [--env K=V]... -- FILE.wasm [ARGS...].
// Only what the options give is visible to the guest; a trap exits with status 134.
import { WASI } from 'node:wasi';
import { readFileSync } from 'node:fs';

const argv = process.argv.slice(2);
const preopens = {};
const env = {};
let i = 0;
for (; i < argv.length && argv[i] !== '--'; i += 2) {
  const value = argv[i + 1];
  if (argv[i] === '--dir') {
    const sep = value.indexOf('::');
    if (sep < 0) preopens[value] = value;
    else preopens[value.slice(sep + 2)] = value.slice(0, sep);
  } else if (argv[i] === '--env') {
    const eq = value.indexOf('=');
    env[value.slice(0, eq)] = value.slice(eq + 1);
  } else {
    console.error(`run_node.mjs: unknown option ${argv[i]}`);
    process.exit(2);
  }
}
const [file, ...args] = argv.slice(i + 1);
const wasi = new WASI({ version: 'preview1', args: [file, ...args], env, preopens,
                        returnOnExit: true });
const module = await WebAssembly.compile(readFileSync(file));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
try {
  process.exitCode = wasi.start(instance);
} catch (e) {
  if (!(e instanceof WebAssembly.RuntimeError)) throw e;
  console.error(`trap: ${e.message}`);
  process.exitCode = 134;
}
