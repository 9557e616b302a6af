// mg_hbfp_quant_exp: the shared exponent of one HBFP block (docs/spec/hbfp.md
// section 2), from the block's largest magnitude amax_i (the 31 low bits of
// an FP32 encoding: for finite values they order like the magnitudes, and
// NaN / Inf sort above every finite value, so the caller's unsigned maximum
// of x[30:0] is amax and tells whether the block holds a NaN or an Inf).
//
//   floor(log2 amax) = field - 127           (normal)
//                    = -127 - lzc(fraction)  (subnormal; field 0)
//   E = floor(log2 amax) + 1                 (ExpCeil = 0, "floor1")
//     = floor(log2 amax) + (amax not 2^k)    (ExpCeil = 1, "ceil")
// E is clamped to [-128, 127]; a clamp at 127 raises ovf_o.  A zero block
// (amax = 0) and an invalid block (NaN or Inf) give E = -128, no ovf_o.
`default_nettype none

module mg_hbfp_quant_exp #(
  parameter integer ExpCeil = 0  // 0: floor1, 1: ceil
) (
  input  wire [30:0] amax_i,     // |x| of the largest element, FP32 bits 30..0
  output wire [7:0]  exp_o,      // shared exponent E, two's complement
  output wire        ovf_o,      // E was clamped at 127
  output wire        zero_o,     // every element is +-0
  output wire        invalid_o   // some element is NaN or Inf
);
  wire [7:0]  field = amax_i[30:23];
  wire [22:0] frac  = amax_i[22:0];
  wire        field_zero = (field == 8'd0);

  // Leading zeros of the fraction: the position of a subnormal's leading one.
  wire [4:0] lz;
  wire       frac_zero;
  mg_lzc #(
    .Width      (23),
    .CountWidth (5)
  ) u_lzc (
    .in_i    (frac),
    .count_o (lz),
    .zero_o  (frac_zero)
  );

  // floor(log2 amax) and E before clamping, 10-bit two's complement:
  // floor lies in [-149, 127], E in [-149, 128].
  wire [9:0] floor_log2 = field_zero ? (10'h381 - {5'd0, lz})       // -127 - lz
                                     : ({2'b00, field} - 10'd127);
  wire       pow2 = field_zero ? ((frac & (frac - 23'd1)) == 23'd0) : frac_zero;
  wire [9:0] e_nat = floor_log2 + ((ExpCeil != 0) ? {9'd0, ~pow2} : 10'd1);

  wire above = ~e_nat[9] & (e_nat[8:7] != 2'b00);  // e_nat > 127
  wire below = e_nat[9] & (e_nat[8:7] != 2'b11);   // e_nat < -128

  assign zero_o    = (amax_i == 31'd0);
  assign invalid_o = &field;
  wire   special   = zero_o | invalid_o;
  assign exp_o = (special | below) ? 8'h80 : (above ? 8'h7f : e_nat[7:0]);
  assign ovf_o = above & ~special;
endmodule

`default_nettype wire
