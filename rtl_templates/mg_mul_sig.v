// mg_mul_sig: the significand multiplier, an unsigned WidthA x WidthB product.
`default_nettype none

module mg_mul_sig #(
  parameter integer WidthA = 4,
  parameter integer WidthB = 4
) (
  input  wire [WidthA-1:0]        a_i,
  input  wire [WidthB-1:0]        b_i,
  output wire [WidthA+WidthB-1:0] prod_o
);
  assign prod_o = {{WidthB{1'b0}}, a_i} * {{WidthA{1'b0}}, b_i};
endmodule

`default_nettype wire
