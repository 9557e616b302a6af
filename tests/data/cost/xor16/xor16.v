// The parity of 16 bits: 15 two-input XOR gates whatever the structure,
// and at best ceil(log2 16) = 4 levels deep.
`default_nettype none
module xor16 (
    input  wire [15:0] x_i,
    output wire        parity_o
);
    assign parity_o = ^x_i;
endmodule
`default_nettype wire
