// Three instances of two blocks plus wrapper logic and registers:
// mg_and4 x2 (8 AND gates), mg_xor2 x1 (2 XOR gates), 4 flip-flops.
`default_nettype none
module hier_top (
    input  wire       clk_i,
    input  wire [3:0] a_i,
    input  wire [3:0] b_i,
    input  wire [3:0] c_i,
    output reg  [3:0] q_o,
    output wire [1:0] x_o
);
    wire [3:0] ab, abc;
    mg_and4 #(.W(4)) u_and_ab (.a_i(a_i), .b_i(b_i), .y_o(ab));
    mg_and4 #(.W(4)) u_and_abc (.a_i(ab), .b_i(c_i), .y_o(abc));
    mg_xor2 u_xor (.a_i(a_i[1:0]), .b_i(c_i[3:2]), .y_o(x_o));
    always @(posedge clk_i) q_o <= abc | {a_i[0], a_i[3:1]};
endmodule
`default_nettype wire
