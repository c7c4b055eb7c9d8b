# callgrind format
version: 1
creator: wasmdbg 0.1.0
cmd: golden.wasm
part: 1
positions: instr line
events: Instructions Samples
summary: 2033003 2033

ob=(1) golden.wasm
fl=(3) golden.wasm
fn=(1) main
cfn=(2) hot
calls=1520 0x37 0
0xa4 0 1520013 1520
cfn=(3) warm
calls=380 0x5e 0
0xa8 0 380002 380
cfn=(4) rec
calls=133 0x83 0
0xad 0 132988 133

fn=(2)
0x53 0 1615004 1615

fn=(3)
0x7a 0 417999 418

fn=(4)
cfn=(3)
calls=38 0x5e 0
0x8b 0 37997 38
cfn=(2)
calls=95 0x37 0
0x98 0 94991 95

totals: 2033003 2033
