// run-node.mjs: runs one export of a wasm module without imports in node (V8) and prints
// its result; bench/run.sh uses it with node's default tiering, --liftoff-only and
// --no-liftoff.
//
//   node [V8 flags] bench/run-node.mjs FILE.wasm EXPORT N
//
// An i64 result arrives as a BigInt; it is printed as an unsigned decimal, like the native
// driver does.
import { readFileSync } from 'node:fs';

const [file, name, arg] = process.argv.slice(2);
if (!file || !name || arg === undefined) {
  console.error('usage: node run-node.mjs FILE.wasm EXPORT N');
  process.exit(2);
}
const { instance } = await WebAssembly.instantiate(readFileSync(file), {});
const fn = instance.exports[name];
if (typeof fn !== 'function') {
  console.error(`run-node.mjs: ${file} exports no function '${name}'`);
  process.exit(1);
}
const result = fn(Number(arg));
console.log(typeof result === 'bigint' ? BigInt.asUintN(64, result).toString() : String(result));
