// mg_fadd: the `add` unit, res = Q_out(a + b) (docs/spec/operations.md).
// mg_fadd_front (unpack, normalise subnormal operands, align, add,
// normalise) -> mg_round_pack (round, pack).
`default_nettype none

module mg_fadd #(
  parameter integer ExpBitsA = 8, FracBitsA = 23, BiasA = 127, SpecialsA = 0, SubA = 1,
  parameter integer ExpBitsB = 8, FracBitsB = 23, BiasB = 127, SpecialsB = 0, SubB = 1,
  parameter integer ExpBitsO = 8, FracBitsO = 23, BiasO = 127, SpecialsO = 0, SubO = 1,
  parameter integer Mode     = 1,  // 0 rtz, 1 rne, 2 sr
  parameter integer RBits    = 1,
  parameter integer OvfSat   = 0,
  parameter integer NormA    = 0,  // normalise a subnormal a before aligning
  parameter integer NormB    = 0,
  parameter integer ExpWidth = 12
) (
  input  wire [ExpBitsA+FracBitsA:0] a_i,
  input  wire [ExpBitsB+FracBitsB:0] b_i,
  input  wire [RBits-1:0]            rand_i,
  output wire [ExpBitsO+FracBitsO:0] res_o,
  output wire [4:0]                  flags_o
);
  localparam integer WidthA   = FracBitsA + 1;
  localparam integer WidthB   = FracBitsB + 1;
  localparam integer WidestIn = (WidthA > WidthB) ? WidthA : WidthB;
  localparam integer RoundNeed = FracBitsO + RBits + 5;
  localparam integer SumWidth = (WidestIn > RoundNeed) ? WidestIn + 1 : RoundNeed + 1;

  wire                sum_sign, sum_zero, sum_inf, sum_nan, sum_invalid;
  wire [ExpWidth-1:0] sum_exp;
  wire [SumWidth:0]   sum_sig;
  mg_fadd_front #(
    .ExpBitsA (ExpBitsA), .FracBitsA (FracBitsA), .BiasA (BiasA), .SpecialsA (SpecialsA), .SubA (SubA),
    .ExpBitsB (ExpBitsB), .FracBitsB (FracBitsB), .BiasB (BiasB), .SpecialsB (SpecialsB), .SubB (SubB),
    .NormA (NormA), .NormB (NormB), .SumWidth (SumWidth), .ExpWidth (ExpWidth)
  ) u_front (
    .clk_i (1'b0), .a_i (a_i), .b_i (b_i), .sign_o (sum_sign), .exp_o (sum_exp), .sig_o (sum_sig),
    .zero_o (sum_zero), .inf_o (sum_inf), .nan_o (sum_nan), .invalid_o (sum_invalid)
  );

  mg_round_pack #(
    .InWidth (SumWidth + 1), .ExpWidth (ExpWidth), .ExpBits (ExpBitsO), .FracBits (FracBitsO),
    .Bias (BiasO), .Specials (SpecialsO), .Sub (SubO), .Mode (Mode), .RBits (RBits),
    .OvfSat (OvfSat)
  ) u_round_pack (
    .sign_i (sum_sign), .exp_i (sum_exp), .sig_i (sum_sig), .zero_i (sum_zero), .inf_i (sum_inf),
    .nan_i (sum_nan), .invalid_i (sum_invalid), .rand_i (rand_i), .res_o (res_o), .flags_o (flags_o)
  );
endmodule

`default_nettype wire
