// An 8-bit adder with carry out: a known-size circuit for the cost model's
// tests (a ripple-carry adder is 8 full adders: about 5 two-input gates each).
`default_nettype none
module adder8 (
    input  wire [7:0] a_i,
    input  wire [7:0] b_i,
    output wire [8:0] sum_o
);
    assign sum_o = {1'b0, a_i} + {1'b0, b_i};
endmodule
`default_nettype wire
