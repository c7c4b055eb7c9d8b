// node --no-warnings run-node.mjs MODULE.wasm DATADIR [ARGS...]: the same program under node:wasi
import { WASI } from 'node:wasi';
import { readFileSync } from 'node:fs';
const [, , file, dir, ...args] = process.argv;
const wasi = new WASI({ version: 'preview1', args: [file, ...args], env: {},
                        preopens: { '/data': dir }, returnOnExit: true });
const mod = await WebAssembly.compile(readFileSync(file));
const inst = await WebAssembly.instantiate(mod, { wasi_snapshot_preview1: wasi.wasiImport });
process.exitCode = wasi.start(inst);
