// mg_normalize: shifts a significand left by a leading-zero count and lowers
// its exponent by the same amount.
`default_nettype none

module mg_normalize #(
  parameter integer Width      = 16,
  parameter integer CountWidth = 5,
  parameter integer ExpWidth   = 12  // > CountWidth
) (
  input  wire [Width-1:0]      sig_i,
  input  wire [ExpWidth-1:0]   exp_i,
  input  wire [CountWidth-1:0] count_i,
  output wire [Width-1:0]      sig_o,
  output wire [ExpWidth-1:0]   exp_o
);
  assign sig_o = sig_i << count_i;
  assign exp_o = exp_i - {{(ExpWidth-CountWidth){1'b0}}, count_i};
endmodule

`default_nettype wire
