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
  // 1: sig_o's leading one at the top.  0: in one of the top two bits
  // (exp_o still the exponent of the top bit), one mux earlier, for an adder
  // that aligns it (the fused mg_fmac; mg_fadd_core's margin takes it).
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

  // ---- Normalise.  The product of significands with la and lb leading
  // zeros has la + lb or la + lb + 1 of them, so the coarse shift by la + lb
  // (counted on the operands, beside the multiplier) leaves the leading one
  // in the top two bits and a 1-bit step finishes: no count on the product.
  wire [CountWidth-1:0] coarse;
  generate
    if (FullNorm != 0) begin : gen_full_norm
      wire [CountWidth-1:0] lz_a, lz_b;
      if (SubA != 0) begin : gen_lz_a
        wire [CountWidth-1:0]  count_a;
        wire                   zero_a_lzc;
        mg_lzc #(.Width (FracBitsA + 1), .CountWidth (CountWidth)) u_lzc_a (
          .in_i (sig_a), .count_o (count_a), .zero_o (zero_a_lzc)
        );
        assign lz_a = count_a;
        wire unused_ok = &{1'b0, zero_a_lzc, 1'b0};
      end else begin : gen_no_lz_a
        assign lz_a = {CountWidth{1'b0}};
      end
      if (SubB != 0) begin : gen_lz_b
        wire [CountWidth-1:0]  count_b;
        wire                   zero_b_lzc;
        mg_lzc #(.Width (FracBitsB + 1), .CountWidth (CountWidth)) u_lzc_b (
          .in_i (sig_b), .count_o (count_b), .zero_o (zero_b_lzc)
        );
        assign lz_b = count_b;
        wire unused_ok = &{1'b0, zero_b_lzc, 1'b0};
      end else begin : gen_no_lz_b
        assign lz_b = {CountWidth{1'b0}};
      end
      assign coarse = lz_a + lz_b;
    end else begin : gen_one_bit_norm
      assign coarse = {CountWidth{1'b0}};
    end
  endgenerate

  wire [ProdWidth-1:0] shifted = prod << coarse;
  wire                 fine    = (FineNorm != 0) & ~shifted[ProdWidth-1];
  wire [ExpWidth-1:0]  exp_hi  = prod_exp - {{(ExpWidth-CountWidth){1'b0}}, coarse};
  wire [ExpWidth-1:0]  exp_lo  = exp_hi - {{(ExpWidth-1){1'b0}}, 1'b1};
  assign sig_o = fine ? {shifted[ProdWidth-2:0], 1'b0} : shifted;
  assign exp_o = fine ? exp_lo : exp_hi;

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
