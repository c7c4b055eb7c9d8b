# callgrind format
version: 1
creator: wasmdbg 0.1.0
cmd: golden.wasm
part: 1
positions: instr line
events: Instructions Samples
summary: 2033136 2033

ob=(1) golden.wasm
fl=(3) golden.wasm
fn=(1) main
cfn=(2) hot
calls=1519 0x37 0
0xa4 0 1519139 1519
cfn=(3) warm
calls=381 0x5e 0
0xa8 0 380895 381
cfn=(4) rec
calls=133 0x83 0
0xad 0 133102 133

fn=(2)
0x3b 0 357538 356
0x42 0 364652 363
0x47 0 301359 302
0x4a 0 283254 284
0x51 0 307384 309

fn=(3)
0x62 0 95515 96
0x69 0 79705 79
0x6e 0 80807 81
0x71 0 82001 83
0x78 0 80921 80

fn=(4)
cfn=(3)
calls=38 0x5e 0
0x8b 0 38054 38
cfn=(2)
calls=95 0x37 0
0x98 0 95048 95

totals: 2033136 2033
