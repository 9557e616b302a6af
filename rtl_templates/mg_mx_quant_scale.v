// mg_mx_quant_scale: the E8M0 scale of one MX block from amax = max |x_i|
// (FP32 magnitude bits, docs/spec/mx.md section 3):
//   floor: X = floor(log2 amax) - EMax + 127
//   ceil : X = floor X + 1 when amax / 2^(X-127) exceeds the largest element
// both clamped to [0, 254].  For a normal amax = 1.f * 2^(ef-127) the floor X
// is ef - EMax, and amax / 2^(X-127) = 1.f * 2^EMax, so ceil compares f with
// the largest element's fraction MaxFrac (MaxFracBits bits).  A subnormal
// amax always gives a floor X <= 0 (clamped to 0); then amax / 2^-127 =
// f * 2^-22, above the largest element only when that is below 2 (int8), so
// ceil compares f with the largest element in units of 2^-22 (SubLimit).
// zero_o: every element is +-0; special_o: some element is Inf or NaN.
`default_nettype none

module mg_mx_quant_scale #(
  parameter integer EMax        = 8,
  parameter integer MaxFrac     = 6,   // fraction bits of the largest element
  parameter integer MaxFracBits = 3,
  parameter integer SubLimit    = 8388608,  // largest element * 2^22, capped at 2^23
  parameter integer Ceil        = 0
) (
  input  wire [30:0] amax_i,
  output wire [7:0]  scale_o,
  output wire        zero_o,
  output wire        special_o
);
  localparam [31:0] FracLimitVec = MaxFrac << (23 - MaxFracBits);
  localparam [31:0] SubLimitVec  = SubLimit;
  localparam [31:0] EMaxVec      = EMax;
  wire [22:0] frac_limit = FracLimitVec[22:0];
  wire [23:0] sub_limit  = SubLimitVec[23:0];
  wire [9:0]  emax       = EMaxVec[9:0];

  wire [7:0]  ef   = amax_i[30:23];
  wire [22:0] frac = amax_i[22:0];
  wire        sub  = (ef == 8'd0);
  wire        bump = (Ceil != 0) & (sub ? ({1'b0, frac} > sub_limit) : (frac > frac_limit));
  // 10-bit two's complement: ef - EMax + bump lies in [-15, 255].
  wire [9:0]  x_n  = sub ? {9'd0, bump} : ({2'b00, ef} - emax + {9'd0, bump});
  wire        neg  = x_n[9];
  wire        high = ~neg & (x_n[8:0] > 9'd254);

  assign scale_o   = neg ? 8'd0 : (high ? 8'd254 : x_n[7:0]);
  assign zero_o    = (amax_i == 31'd0);
  assign special_o = (ef == 8'hff);
endmodule

`default_nettype wire
