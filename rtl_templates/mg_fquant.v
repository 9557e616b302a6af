// mg_fquant: the `quant` unit, res = Q_out(a): one encoding converted to
// another format with one rounding (docs/spec/operations.md, quant).
// mg_unpack -> mg_lzc + mg_normalize (subnormal inputs only) -> mg_round_pack.
`default_nettype none

module mg_fquant #(
  parameter integer ExpBitsA = 8, FracBitsA = 23, BiasA = 127, SpecialsA = 0, SubA = 1,
  parameter integer ExpBitsO = 4, FracBitsO = 3, BiasO = 7, SpecialsO = 1, SubO = 1,
  parameter integer Mode     = 1,  // 0 rtz, 1 rne, 2 sr
  parameter integer RBits    = 1,
  parameter integer OvfSat   = 0,
  parameter integer ExpWidth = 12
) (
  input  wire [ExpBitsA+FracBitsA:0] a_i,
  input  wire [RBits-1:0]            rand_i,
  output wire [ExpBitsO+FracBitsO:0] res_o,
  output wire [4:0]                  flags_o
);
  localparam integer SigWidth   = FracBitsA + 1;
  localparam integer CountWidth = $clog2(SigWidth + 1);

  wire                sign, zero, inf, nan, snan;
  wire [ExpWidth-1:0] exp;
  wire [SigWidth-1:0] sig;
  mg_unpack #(
    .ExpBits (ExpBitsA), .FracBits (FracBitsA), .Bias (BiasA), .Specials (SpecialsA),
    .Subnormals (SubA), .ExpWidth (ExpWidth)
  ) u_unpack (
    .x_i (a_i), .sign_o (sign), .exp_o (exp), .sig_o (sig),
    .zero_o (zero), .inf_o (inf), .nan_o (nan), .snan_o (snan)
  );

  // Only a subnormal input has leading zeros below its hidden bit.
  wire [CountWidth-1:0] count;
  generate
    if (SubA != 0) begin : gen_norm
      wire sig_zero;
      mg_lzc #(
        .Width (SigWidth), .CountWidth (CountWidth)
      ) u_lzc (
        .in_i (sig), .count_o (count), .zero_o (sig_zero)
      );
      wire unused_ok = &{1'b0, sig_zero, 1'b0};
    end else begin : gen_no_norm
      assign count = {CountWidth{1'b0}};
    end
  endgenerate

  wire [SigWidth-1:0] sig_norm;
  wire [ExpWidth-1:0] exp_norm;
  mg_normalize #(
    .Width (SigWidth), .CountWidth (CountWidth), .ExpWidth (ExpWidth)
  ) u_normalize (
    .sig_i (sig), .exp_i (exp), .count_i (count), .sig_o (sig_norm), .exp_o (exp_norm)
  );

  // A NaN stays a NaN (or is invalid where the format has none); a
  // signalling NaN is invalid.
  mg_round_pack #(
    .InWidth (SigWidth), .ExpWidth (ExpWidth), .ExpBits (ExpBitsO), .FracBits (FracBitsO),
    .Bias (BiasO), .Specials (SpecialsO), .Sub (SubO), .Mode (Mode), .RBits (RBits),
    .OvfSat (OvfSat)
  ) u_round_pack (
    .sign_i (sign), .exp_i (exp_norm), .sig_i (sig_norm), .zero_i (zero),
    .inf_i (inf), .nan_i (nan), .invalid_i (snan), .rand_i (rand_i),
    .res_o (res_o), .flags_o (flags_o)
  );
endmodule

`default_nettype wire
