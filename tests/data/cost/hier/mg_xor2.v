// A plain template block: W XOR gates.
`default_nettype none
module mg_xor2 (
    input  wire [1:0] a_i,
    input  wire [1:0] b_i,
    output wire [1:0] y_o
);
    assign y_o = a_i ^ b_i;
endmodule
`default_nettype wire
