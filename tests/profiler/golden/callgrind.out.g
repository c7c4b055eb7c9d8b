# callgrind format
version: 1
creator: wasmdbg 0.1.0
cmd: golden.wasm
part: 1
positions: instr line
events: Instructions Samples
summary: 2033136 2019

ob=(1) golden.wasm
fl=(3) golden.wasm
fn=(1) main
cfn=(2) hot
calls=1509 0x37 0
0xa4 0 1519557 1509
cfn=(3) warm
calls=377 0x5e 0
0xa8 0 379641 377
cfn=(4) rec
calls=133 0x83 0
0xad 0 133938 133

fn=(2)
0x40 0 1615232 1604

fn=(3)
0x67 0 417904 415

fn=(4)
cfn=(3)
calls=38 0x5e 0
0x8b 0 38263 38
cfn=(2)
calls=95 0x37 0
0x98 0 95675 95

totals: 2033136 2019
