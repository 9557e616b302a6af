// mg_fmul: the `mul` unit, res = Q_out(a * b) (docs/spec/operations.md).
// mg_fmul_front (unpack, significand multiply, normalise) -> mg_round_pack
// (round, pack).
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

  wire                 prod_sign, prod_zero, prod_inf, prod_nan, prod_invalid;
  wire [ExpWidth-1:0]  prod_exp;
  wire [ProdWidth-1:0] prod_sig;
  mg_fmul_front #(
    .ExpBitsA (ExpBitsA), .FracBitsA (FracBitsA), .BiasA (BiasA), .SpecialsA (SpecialsA), .SubA (SubA),
    .ExpBitsB (ExpBitsB), .FracBitsB (FracBitsB), .BiasB (BiasB), .SpecialsB (SpecialsB), .SubB (SubB),
    .ExpWidth (ExpWidth)
  ) u_front (
    .a_i (a_i), .b_i (b_i), .sign_o (prod_sign), .exp_o (prod_exp), .sig_o (prod_sig),
    .zero_o (prod_zero), .inf_o (prod_inf), .nan_o (prod_nan), .invalid_o (prod_invalid)
  );

  mg_round_pack #(
    .InWidth (ProdWidth), .ExpWidth (ExpWidth), .ExpBits (ExpBitsO), .FracBits (FracBitsO),
    .Bias (BiasO), .Specials (SpecialsO), .Sub (SubO), .Mode (Mode), .RBits (RBits),
    .OvfSat (OvfSat)
  ) u_round_pack (
    .sign_i (prod_sign), .exp_i (prod_exp), .sig_i (prod_sig), .zero_i (prod_zero),
    .inf_i (prod_inf), .nan_i (prod_nan), .invalid_i (prod_invalid), .rand_i (rand_i),
    .res_o (res_o), .flags_o (flags_o)
  );
endmodule

`default_nettype wire
