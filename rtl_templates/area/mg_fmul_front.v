// mg_fmul_front, area-lean variant (arch=area; docs/float_speed.md): the
// same module and ports as rtl_templates/mg_fmul_front.v, the exact half of
// a multiplication (unpack, multiply the significands, add the exponents,
// normalise, classify), built for the fewest gates at narrow widths:
//   - a subnormal operand is normalised before the multiplier, by a count of
//     its fraction bits only (a leading-zero counter exactly FracBits wide)
//     and a shift of the fraction: both significands then have a hidden one,
//     the product's leading one is in one of its top two bits, and the
//     product needs no normalising shift, only the 1-bit step (FineNorm);
//   - the hidden ones are constants, so the multiplier is the direct product
//     1.f_a * 1.f_b (the fraction product and two shifted addends);
//   - the exponent is one sum of the biased fields and the two counts.
// The result is exact: sig_o * 2^(exp_o - (ProdWidth-1)), as the fast
// variant's; sig_o is 0 for a zero product (the fused MAC adds it).
`default_nettype none

module mg_fmul_front #(
  parameter integer ExpBitsA = 4, FracBitsA = 3, BiasA = 7, SpecialsA = 1, SubA = 1,
  parameter integer ExpBitsB = 4, FracBitsB = 3, BiasB = 7, SpecialsB = 1, SubB = 1,
  // 1: sig_o's leading one at the top.  0: in one of the top two bits.
  parameter integer FineNorm = 1,
  parameter integer ExpWidth = 12
) (
  input  wire [ExpBitsA+FracBitsA:0]     a_i,
  input  wire [ExpBitsB+FracBitsB:0]     b_i,
  output wire                            sign_o,
  output wire [ExpWidth-1:0]             exp_o,     // exponent of sig_o's MSB
  output wire [FracBitsA+FracBitsB+1:0]  sig_o,
  output wire                            zero_o,
  output wire                            inf_o,
  output wire                            nan_o,
  output wire                            invalid_o  // sNaN operand or Inf*0
);
  localparam integer ProdWidth = FracBitsA + FracBitsB + 2;
  localparam integer CountA    = $clog2(FracBitsA + 1);
  localparam integer CountB    = $clog2(FracBitsB + 1);
  localparam [31:0]  ExpBase   = 1 - BiasA - BiasB;  // exponent of the product's MSB, fields 0

  // Classes (the unpacked exponents and significands are not used).
  wire                  sign_a, zero_a, inf_a, nan_a, snan_a;
  wire                  sign_b, zero_b, inf_b, nan_b, snan_b;
  wire [ExpWidth-1:0]   exp_a, exp_b;
  wire [FracBitsA:0]    sig_a;
  wire [FracBitsB:0]    sig_b;
  mg_unpack #(
    .ExpBits (ExpBitsA), .FracBits (FracBitsA), .Bias (BiasA), .Specials (SpecialsA),
    .Subnormals (SubA), .ExpWidth (ExpWidth)
  ) u_unpack_a (
    .x_i (a_i), .sign_o (sign_a), .exp_o (exp_a), .sig_o (sig_a),
    .zero_o (zero_a), .inf_o (inf_a), .nan_o (nan_a), .snan_o (snan_a)
  );
  mg_unpack #(
    .ExpBits (ExpBitsB), .FracBits (FracBitsB), .Bias (BiasB), .Specials (SpecialsB),
    .Subnormals (SubB), .ExpWidth (ExpWidth)
  ) u_unpack_b (
    .x_i (b_i), .sign_o (sign_b), .exp_o (exp_b), .sig_o (sig_b),
    .zero_o (zero_b), .inf_o (inf_b), .nan_o (nan_b), .snan_o (snan_b)
  );

  wire [ExpBitsA-1:0]  field_a = a_i[ExpBitsA+FracBitsA-1:FracBitsA];
  wire [ExpBitsB-1:0]  field_b = b_i[ExpBitsB+FracBitsB-1:FracBitsB];
  wire [FracBitsA-1:0] frac_a  = a_i[FracBitsA-1:0];
  wire [FracBitsB-1:0] frac_b  = b_i[FracBitsB-1:0];

  // ---- Normalised fractions and the exponent decrements.  A subnormal
  // 0.f * 2^(1-bias) with l leading zeros in f is 1.(f << (l+1)) *
  // 2^(-bias-l): the field reads 0, so the decrement is l.
  wire [FracBitsA-1:0] norm_a;
  wire [FracBitsB-1:0] norm_b;
  wire [CountA-1:0]    dec_a;
  wire [CountB-1:0]    dec_b;
  generate
    if (SubA != 0) begin : gen_norm_a
      wire [CountA-1:0] lz;
      wire              frac_zero;
      mg_lzc #(.Width (FracBitsA), .CountWidth (CountA)) u_lzc_a (
        .in_i (frac_a), .count_o (lz), .zero_o (frac_zero)
      );
      wire sub = ~|field_a;
      wire [FracBitsA:0] shifted = {frac_a, 1'b0} << lz;
      assign norm_a = sub ? shifted[FracBitsA-1:0] : frac_a;
      assign dec_a  = sub ? lz : {CountA{1'b0}};
      wire unused_ok = &{1'b0, frac_zero, shifted[FracBitsA], 1'b0};
    end else begin : gen_ftz_a
      assign norm_a = frac_a;
      assign dec_a  = {CountA{1'b0}};
    end
    if (SubB != 0) begin : gen_norm_b
      wire [CountB-1:0] lz;
      wire              frac_zero;
      mg_lzc #(.Width (FracBitsB), .CountWidth (CountB)) u_lzc_b (
        .in_i (frac_b), .count_o (lz), .zero_o (frac_zero)
      );
      wire sub = ~|field_b;
      wire [FracBitsB:0] shifted = {frac_b, 1'b0} << lz;
      assign norm_b = sub ? shifted[FracBitsB-1:0] : frac_b;
      assign dec_b  = sub ? lz : {CountB{1'b0}};
      wire unused_ok = &{1'b0, frac_zero, shifted[FracBitsB], 1'b0};
    end else begin : gen_ftz_b
      assign norm_b = frac_b;
      assign dec_b  = {CountB{1'b0}};
    end
  endgenerate

  // ---- Direct product of 1.norm_a and 1.norm_b, zero for a zero operand.
  wire [ProdWidth-1:0] prod = {{(FracBitsB+1){1'b0}}, 1'b1, norm_a} * {{(FracBitsA+1){1'b0}}, 1'b1, norm_b};
  wire                 any_zero = zero_a | zero_b;
  wire [ExpWidth-1:0]  prod_exp = {{(ExpWidth-ExpBitsA){1'b0}}, field_a} + {{(ExpWidth-ExpBitsB){1'b0}}, field_b}
                                  - {{(ExpWidth-CountA){1'b0}}, dec_a} - {{(ExpWidth-CountB){1'b0}}, dec_b}
                                  + ExpBase[ExpWidth-1:0];

  wire fine = (FineNorm != 0) & ~prod[ProdWidth-1];
  assign sig_o = (fine ? {prod[ProdWidth-2:0], 1'b0} : prod) & {ProdWidth{~any_zero}};
  assign exp_o = fine ? prod_exp - {{(ExpWidth-1){1'b0}}, 1'b1} : prod_exp;

  // ---- Specials: NaN operand or Inf*0 -> NaN; sNaN or Inf*0 -> invalid.
  wire inf_times_zero = (inf_a & zero_b) | (zero_a & inf_b);
  wire res_nan = nan_a | nan_b | inf_times_zero;
  wire res_inf = (inf_a | inf_b) & ~res_nan;

  assign sign_o    = sign_a ^ sign_b;
  assign nan_o     = res_nan;
  assign inf_o     = res_inf;
  assign zero_o    = any_zero & ~res_nan & ~res_inf;
  assign invalid_o = snan_a | snan_b | inf_times_zero;

  wire unused_ok = &{1'b0, exp_a, exp_b, sig_a, sig_b, 1'b0};
endmodule

`default_nettype wire
