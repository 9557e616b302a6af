// mg_add_sig: the significand adder.  Adds or subtracts two aligned
// magnitudes; a negative difference comes out as its magnitude with neg_o set.
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
  wire [Width+1:0] a_ext = {2'b00, a_i};
  wire [Width+1:0] b_ext = {2'b00, b_i};
  wire [Width+1:0] b_op  = sub_i ? ~b_ext : b_ext;
  wire [Width+1:0] raw   = a_ext + b_op + {{(Width+1){1'b0}}, sub_i};
  wire             neg   = sub_i & raw[Width+1];
  wire [Width+1:0] mag   = neg ? (~raw + {{(Width+1){1'b0}}, 1'b1}) : raw;

  assign sum_o = mag[Width:0];
  assign neg_o = neg;

  wire unused_ok = &{1'b0, mag[Width+1], 1'b0};
endmodule

`default_nettype wire
