// A template-style block: 4 AND gates, parameterised so that Yosys names
// its instance $paramod\mg_and4\W=...
`default_nettype none
module mg_and4 #(
    parameter integer W = 4
) (
    input  wire [W-1:0] a_i,
    input  wire [W-1:0] b_i,
    output wire [W-1:0] y_o
);
    assign y_o = a_i & b_i;
endmodule
`default_nettype wire
