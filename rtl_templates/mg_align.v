// mg_align: the aligner.  Shifts a significand right by any amount (amounts
// of Width or more give 0) and reports whether a set bit was shifted out.
//
// The sticky bit does not need a second (mask) shifter: a set bit leaves
// exactly when the shift exceeds the trailing-zero count of sig_i, which a
// leading-zero tree on the reversed input counts beside the shift amount.
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
  localparam integer CountWidth = $clog2(Width + 1);

  wire [Width-1:0] reversed;
  genvar b;
  generate
    for (b = 0; b < Width; b = b + 1) begin : gen_reverse
      assign reversed[b] = sig_i[Width-1-b];
    end
  endgenerate

  wire [CountWidth-1:0] trailing;
  wire                  all_zero;
  mg_lzc #(.Width (Width), .CountWidth (CountWidth)) u_tzc (
    .in_i (reversed), .count_o (trailing), .zero_o (all_zero)
  );

  // shift_i > trailing, in the wider of the two widths.
  localparam integer CmpWidth = (ShiftWidth > CountWidth) ? ShiftWidth : CountWidth;
  wire [CmpWidth:0] shift_ext = {{(CmpWidth-ShiftWidth+1){1'b0}}, shift_i};
  wire [CmpWidth:0] trail_ext = {{(CmpWidth-CountWidth+1){1'b0}}, trailing};

  assign sig_o    = sig_i >> shift_i;
  assign sticky_o = ~all_zero & (shift_ext > trail_ext);
endmodule

`default_nettype wire
