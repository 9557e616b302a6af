// mg_align: the aligner.  Shifts a significand right by any amount (amounts
// of Width or more give 0) and reports whether a set bit was shifted out.
`default_nettype none

module mg_align #(
  parameter integer Width      = 16,
  parameter integer ShiftWidth = 8
) (
  input  wire [Width-1:0]      sig_i,
  input  wire [ShiftWidth-1:0] shift_i,
  output wire [Width-1:0]      sig_o,
  output wire                  sticky_o  // OR of the bits shifted out
);
  wire [Width-1:0] kept_mask = {Width{1'b1}} << shift_i;

  assign sig_o    = sig_i >> shift_i;
  assign sticky_o = |(sig_i & ~kept_mask);
endmodule

`default_nettype wire
