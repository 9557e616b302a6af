// mg_add_sig, area-lean variant (arch=area; docs/float_speed.md): the same
// module and ports as rtl_templates/mg_add_sig.v.  Adds or subtracts two
// aligned magnitudes; a negative difference comes out as its magnitude with
// neg_o set.  One plain adder (a + ~b + 1 for a difference) and, for a
// negative difference, its two's complement: two carry chains in series
// instead of the fast variant's compound Sklansky tree, which forms both
// sums at once.  The chains are written as `+` and left to the synthesis
// tool (Yosys maps them to its Brent-Kung carry unit, ABC restructures it):
// an explicit ripple chain measured 2% more gates in the lba12 MAC.
`default_nettype none

module mg_add_sig #(
  parameter integer Width = 16
) (
  input  wire [Width-1:0] a_i,
  input  wire [Width-1:0] b_i,
  input  wire             sub_i,
  output wire [Width:0]   sum_o,
  output wire             neg_o
);
  wire [Width-1:0] bb  = sub_i ? ~b_i : b_i;
  wire [Width:0]   sum = {1'b0, a_i} + {1'b0, bb} + {{Width{1'b0}}, sub_i};
  // A difference carries out exactly when a >= b.
  wire             neg = sub_i & ~sum[Width];
  wire [Width-1:0] mag = neg ? (~sum[Width-1:0] + {{(Width-1){1'b0}}, 1'b1}) : sum[Width-1:0];
  assign sum_o = {sum[Width] & ~sub_i, mag};
  assign neg_o = neg;
endmodule

`default_nettype wire
