// mg_fmul: the `mul` unit, res = Q_out(a * b) (arith.md section 3).
// unpack -> significand multiply -> normalise -> round -> pack.
`default_nettype none

module mg_fmul #(
  parameter integer ExpBitsA = 4, FracBitsA = 3, BiasA = 7, SpecialsA = 1, SubA = 1,
  parameter integer ExpBitsB = 4, FracBitsB = 3, BiasB = 7, SpecialsB = 1, SubB = 1,
  parameter integer ExpBitsO = 8, FracBitsO = 23, BiasO = 127, SpecialsO = 0, SubO = 1,
  parameter integer Mode     = 1,  // 0 rtz, 1 rne, 2 sr
  parameter integer RBits    = 1,
  parameter integer OvfSat   = 0,
  parameter integer ExpWidth = 12
) (
  input  wire [ExpBitsA+FracBitsA:0] a_i,
  input  wire [ExpBitsB+FracBitsB:0] b_i,
  input  wire [RBits-1:0]            rand_i,
  output wire [ExpBitsO+FracBitsO:0] res_o,
  output wire [4:0]                  flags_o
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

  wire [ProdWidth-1:0] norm_sig;
  wire [ExpWidth-1:0]  norm_exp;
  mg_normalize #(
    .Width (ProdWidth), .CountWidth (CountWidth), .ExpWidth (ExpWidth)
  ) u_normalize (
    .sig_i (prod), .exp_i (prod_exp), .count_i (count), .sig_o (norm_sig), .exp_o (norm_exp)
  );

  // ---- Specials: NaN operand or Inf*0 -> NaN; sNaN or Inf*0 -> invalid.
  wire inf_times_zero = (inf_a & zero_b) | (zero_a & inf_b);
  wire res_nan  = nan_a | nan_b | inf_times_zero;
  wire res_inf  = (inf_a | inf_b) & ~res_nan;
  wire res_zero = (zero_a | zero_b) & ~res_nan & ~res_inf;
  wire invalid  = snan_a | snan_b | inf_times_zero;

  // ---- Round and pack.
  wire [ExpBitsO+FracBitsO-1:0] mag;
  wire                          ovf;
  wire [4:0]                    round_flags, pack_flags;
  mg_round #(
    .InWidth (ProdWidth), .ExpWidth (ExpWidth), .ExpBits (ExpBitsO), .FracBits (FracBitsO),
    .Bias (BiasO), .Specials (SpecialsO), .Subnormals (SubO), .Mode (Mode), .RBits (RBits)
  ) u_round (
    .exp_i (norm_exp), .sig_i (norm_sig), .sticky_i (1'b0), .rand_i (rand_i),
    .mag_o (mag), .ovf_o (ovf), .flags_o (round_flags)
  );

  mg_pack #(
    .ExpBits (ExpBitsO), .FracBits (FracBitsO), .Specials (SpecialsO), .Mode (Mode),
    .OvfSat (OvfSat)
  ) u_pack (
    .sign_i (sign_a ^ sign_b), .nan_i (res_nan), .inf_i (res_inf), .zero_i (res_zero),
    .ovf_i (ovf), .mag_i (mag), .round_flags_i (round_flags),
    .res_o (res_o), .flags_o (pack_flags)
  );

  assign flags_o = pack_flags | {invalid, 4'b0000};
endmodule

`default_nettype wire
