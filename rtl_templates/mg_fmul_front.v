// mg_fmul_front: the exact half of a multiplication of two encodings: unpack,
// multiply the significands, add the exponents, normalise, classify.  The
// result is exact: sig_o * 2^(exp_o - (ProdWidth-1)), ProdWidth =
// FracBitsA + FracBitsB + 2, leading one at the top unless zero_o/inf_o/nan_o.
// mg_fmul rounds it (mg_round_pack); the fused mg_fmac adds it to the
// accumulator first.
`default_nettype none

module mg_fmul_front #(
  parameter integer ExpBitsA = 4, FracBitsA = 3, BiasA = 7, SpecialsA = 1, SubA = 1,
  parameter integer ExpBitsB = 4, FracBitsB = 3, BiasB = 7, SpecialsB = 1, SubB = 1,
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
  // Normal significands give a product with its leading one in one of the top
  // two bits; subnormal operands need a full leading-zero count.
  localparam integer FullNorm   = ((SubA != 0) || (SubB != 0)) ? 1 : 0;
  localparam integer CountWidth = (FullNorm != 0) ? $clog2(ProdWidth + 1) : 1;

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

  // ---- Exact product: prod * 2^(prod_exp - (ProdWidth-1)).
  wire [ProdWidth-1:0] prod;
  mg_mul_sig #(
    .WidthA (FracBitsA + 1), .WidthB (FracBitsB + 1)
  ) u_mul_sig (
    .a_i (sig_a), .b_i (sig_b), .prod_o (prod)
  );
  wire [ExpWidth-1:0] prod_exp = exp_a + exp_b + {{(ExpWidth-1){1'b0}}, 1'b1};

  // ---- Normalise.
  wire [CountWidth-1:0] count;
  generate
    if (FullNorm != 0) begin : gen_full_norm
      wire prod_zero;
      mg_lzc #(
        .Width (ProdWidth), .CountWidth (CountWidth)
      ) u_lzc (
        .in_i (prod), .count_o (count), .zero_o (prod_zero)
      );
      wire unused_ok = &{1'b0, prod_zero, 1'b0};
    end else begin : gen_one_bit_norm
      assign count = ~prod[ProdWidth-1];
    end
  endgenerate

  mg_normalize #(
    .Width (ProdWidth), .CountWidth (CountWidth), .ExpWidth (ExpWidth)
  ) u_normalize (
    .sig_i (prod), .exp_i (prod_exp), .count_i (count), .sig_o (sig_o), .exp_o (exp_o)
  );

  // ---- Specials: NaN operand or Inf*0 -> NaN; sNaN or Inf*0 -> invalid.
  wire inf_times_zero = (inf_a & zero_b) | (zero_a & inf_b);
  wire res_nan = nan_a | nan_b | inf_times_zero;
  wire res_inf = (inf_a | inf_b) & ~res_nan;

  assign sign_o    = sign_a ^ sign_b;
  assign nan_o     = res_nan;
  assign inf_o     = res_inf;
  assign zero_o    = (zero_a | zero_b) & ~res_nan & ~res_inf;
  assign invalid_o = snan_a | snan_b | inf_times_zero;
endmodule

`default_nettype wire
