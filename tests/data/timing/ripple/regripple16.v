// The 16-bit ripple adder between an input and an output register: its
// clock period is the register-to-register path (clock-to-Q, the carry
// chain, setup), not a path from the input ports.
`default_nettype none
module regripple16 (input wire clk, input wire [15:0] a, input wire [15:0] b,
                    output reg [16:0] s);
  reg [15:0] a_q, b_q;
  wire [16:0] sum;
  ripple #(.N(16)) u (.a(a_q), .b(b_q), .s(sum));
  always @(posedge clk) begin
    a_q <= a;
    b_q <= b;
    s <= sum;
  end
endmodule
