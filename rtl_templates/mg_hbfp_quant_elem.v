// mg_hbfp_quant_elem: one element of the FP32 -> HBFP converter (docs/spec/hbfp.md
// section 2): q = clamp(round(x * 2^(M-E)), -(2^M-1), 2^M-1), M = N-1, for a
// finite x and the block's shared exponent E.  (NaN / Inf and zero blocks
// are the block's business: mg_hbfp_quant forces q = 0 for them.)
//
// x = sig * 2^(e - 23) (mg_unpack: a subnormal reads as e = -126 with a
// hidden 0), so t = x * 2^(M-E) = sig * 2^(M - 23 - k), k = E - e.  Since
// |x| <= amax, k >= 0 for normal x; only a subnormal x in a block whose E
// was clamped up to -128 has k = -1 or -2.  So the aligner shifts
// {sig, Pad+2 zeros} right by k + 2 (0..255; mg_align gives 0 beyond its
// width, with the lost bits in sticky), and the result reads as t in fixed
// point: IntW = M+3 integer bits, FracW = 23-M+Pad fraction bits, sticky.
//
// Rounding onto the integer grid.  This is a fixed-point round (a fixed
// binary point, no exponent, no normal / subnormal grids, no Inf, no
// tininess), not a second float rounder: mg_round needs a normalised
// significand and produces a float encoding, which would cost a
// leading-zero count and a normaliser per element here and a decode after.
// The increment follows mg_round's rules:
//   rtz: never
//   rne: half bit & (lower fraction bits | sticky | integer LSB)
//   sr : carry out of (top RBits fraction bits + rand_i), i.e. the magnitude
//        plus rand/2^RBits, truncated (Pad zeros make room when RBits is
//        wider than the fraction)
// Then the symmetric clamp to 2^M - 1 (ovf_o, always with inexact_o).
`default_nettype none

module mg_hbfp_quant_elem #(
  parameter integer N     = 4,  // mantissa bits including the sign
  parameter integer Mode  = 1,  // 0 rtz, 1 rne, 2 sr
  parameter integer RBits = 1   // random word width (Mode 2)
) (
  input  wire [31:0]      x_i,      // FP32 encoding (finite)
  input  wire [7:0]       exp_i,    // shared exponent E, two's complement
  input  wire [RBits-1:0] rand_i,   // Mode 2 only
  output wire [N-1:0]     q_o,      // n-bit two's complement, never -2^M
  output wire             inexact_o,
  output wire             ovf_o     // clamped to +-(2^M - 1)
);
  localparam integer M      = N - 1;
  localparam integer FracW0 = 23 - M;
  localparam integer Pad    = (Mode == 2 && RBits > FracW0) ? RBits - FracW0 : 0;
  localparam integer FracW  = FracW0 + Pad;
  localparam integer IntW   = M + 3;
  localparam integer WorkW  = 26 + Pad;

  wire        sign;
  wire [9:0]  e;
  wire [23:0] sig;
  wire        zero, inf, nan, snan;
  mg_unpack #(
    .ExpBits    (8),
    .FracBits   (23),
    .Bias       (127),
    .Specials   (0),
    .Subnormals (1),
    .ExpWidth   (10)
  ) u_unpack (
    .x_i    (x_i),
    .sign_o (sign),
    .exp_o  (e),
    .sig_o  (sig),
    .zero_o (zero),
    .inf_o  (inf),
    .nan_o  (nan),
    .snan_o (snan)
  );

  // k + 2 = E - e + 2, in 0..255 for every finite x of the block.
  wire [9:0] shift = {{2{exp_i[7]}}, exp_i} - e + 10'd2;

  wire [WorkW-1:0] aligned;
  wire             sticky;
  mg_align #(
    .Width      (WorkW),
    .ShiftWidth (8)
  ) u_align (
    .sig_i    ({sig, {(Pad+2){1'b0}}}),
    .shift_i  (shift[7:0]),
    .sig_o    (aligned),
    .sticky_o (sticky)
  );

  wire [IntW-1:0]  ip   = aligned[WorkW-1:FracW];
  wire [FracW-1:0] frac = aligned[FracW-1:0];

  wire inc;
  generate
    if (Mode == 1) begin : gen_rne
      assign inc = frac[FracW-1] & ((|frac[FracW-2:0]) | sticky | ip[0]);
      wire unused_rand = &{1'b0, rand_i, 1'b0};
    end else if (Mode == 2) begin : gen_sr
      wire [RBits:0] sr_sum = {1'b0, frac[FracW-1 -: RBits]} + {1'b0, rand_i};
      assign inc = sr_sum[RBits];
    end else begin : gen_rtz
      assign inc = 1'b0;
      wire unused_rand = &{1'b0, rand_i, 1'b0};
    end
  endgenerate

  wire [IntW:0]  mag  = {1'b0, ip} + {{IntW{1'b0}}, inc};
  wire           over = |mag[IntW:M];                      // mag > 2^M - 1
  wire [M-1:0]   kept = over ? {M{1'b1}} : mag[M-1:0];
  wire [N-1:0]   pos  = {1'b0, kept};

  assign q_o       = sign ? (~pos + {{(N-1){1'b0}}, 1'b1}) : pos;
  assign inexact_o = (|frac) | sticky | over;
  assign ovf_o     = over;

  wire unused_ok = &{1'b0, shift[9:8], zero, inf, nan, snan, 1'b0};
endmodule

`default_nettype wire
