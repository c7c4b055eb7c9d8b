# callgrind format
version: 1
creator: wasmdbg 0.1.0
cmd: golden.wasm
part: 1
positions: instr line
events: Instructions Samples
summary: 1605012 1605

ob=(1) golden.wasm
fl=(3) golden.wasm
fn=(1) main
cfn=(2) hot
calls=1200 0x37 0
0xa4 0 1200013 1200
cfn=(3) warm
calls=300 0x5e 0
0xa8 0 299987 300
cfn=(4) rec
calls=105 0x83 0
0xad 0 105012 105

fn=(2)
0x53 0 1275023 1275

fn=(3)
0x7a 0 329989 330

fn=(4)
cfn=(3)
calls=30 0x5e 0
0x8b 0 30002 30
cfn=(2)
calls=75 0x37 0
0x98 0 75010 75

totals: 1605012 1605
