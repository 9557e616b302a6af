// Known-answer timing (tests/test_cost_timing.c): an N-bit ripple-carry
// adder written as a chain of full adders.  Its critical path is the carry
// chain, so its delay grows with N.
`default_nettype none
module fa (input wire a, input wire b, input wire ci, output wire s, output wire co);
  assign s = a ^ b ^ ci;
  assign co = (a & b) | (ci & (a ^ b));
endmodule

module ripple #(parameter N = 4) (input wire [N-1:0] a, input wire [N-1:0] b, output wire [N:0] s);
  wire [N:0] c;
  assign c[0] = 1'b0;
  genvar i;
  generate
    for (i = 0; i < N; i = i + 1) begin : g_bit
      fa u_fa (.a(a[i]), .b(b[i]), .ci(c[i]), .s(s[i]), .co(c[i + 1]));
    end
  endgenerate
  assign s[N] = c[N];
endmodule

module ripple4 (input wire [3:0] a, input wire [3:0] b, output wire [4:0] s);
  ripple #(.N(4)) u (.a(a), .b(b), .s(s));
endmodule

module ripple8 (input wire [7:0] a, input wire [7:0] b, output wire [8:0] s);
  ripple #(.N(8)) u (.a(a), .b(b), .s(s));
endmodule

module ripple16 (input wire [15:0] a, input wire [15:0] b, output wire [16:0] s);
  ripple #(.N(16)) u (.a(a), .b(b), .s(s));
endmodule
