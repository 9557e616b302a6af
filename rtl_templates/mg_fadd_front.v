// mg_fadd_front: the exact half of an addition of two encodings: unpack,
// normalise subnormal operands when needed (NormA/NormB), align, add,
// normalise (mg_fadd_core).  The result is exact: sig_o * 2^(exp_o - SumWidth)
// with the jammed sticky bit in the LSB; mg_round_pack rounds it.  Cut = 1
// registers the aligned operands inside mg_fadd_core (one cycle later).
`default_nettype none

module mg_fadd_front #(
  parameter integer ExpBitsA = 8, FracBitsA = 23, BiasA = 127, SpecialsA = 0, SubA = 1,
  parameter integer ExpBitsB = 8, FracBitsB = 23, BiasB = 127, SpecialsB = 0, SubB = 1,
  parameter integer NormA    = 0,  // normalise a subnormal a before aligning
  parameter integer NormB    = 0,
  parameter integer SumWidth = 16, // >= both significands + 1, >= rounder needs (mg_fadd)
  parameter integer ExpWidth = 12,
  parameter integer Cut      = 0   // mg_fadd_core's register after the alignment
) (
  input  wire                        clk_i,  // used only when Cut = 1
  input  wire [ExpBitsA+FracBitsA:0] a_i,
  input  wire [ExpBitsB+FracBitsB:0] b_i,
  output wire                        sign_o,
  output wire [ExpWidth-1:0]         exp_o,
  output wire [SumWidth:0]           sig_o,
  output wire                        zero_o,
  output wire                        inf_o,
  output wire                        nan_o,
  output wire                        invalid_o
);
  localparam integer WidthA   = FracBitsA + 1;
  localparam integer WidthB   = FracBitsB + 1;

  wire                sign_a, zero_a, inf_a, nan_a, snan_a;
  wire                sign_b, zero_b, inf_b, nan_b, snan_b;
  wire [ExpWidth-1:0] exp_a, exp_b;
  wire [WidthA-1:0]   sig_a;
  wire [WidthB-1:0]   sig_b;

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

  wire [ExpWidth-1:0] exp_an, exp_bn;
  wire [WidthA-1:0]   sig_an;
  wire [WidthB-1:0]   sig_bn;
  generate
    if (NormA != 0) begin : gen_norm_a
      localparam integer CountWidthA = $clog2(WidthA + 1);
      wire [CountWidthA-1:0] count_a;
      wire                   lzc_zero_a;
      mg_lzc #(.Width (WidthA), .CountWidth (CountWidthA)) u_lzc_a (
        .in_i (sig_a), .count_o (count_a), .zero_o (lzc_zero_a)
      );
      mg_normalize #(.Width (WidthA), .CountWidth (CountWidthA), .ExpWidth (ExpWidth)) u_norm_a (
        .sig_i (sig_a), .exp_i (exp_a), .count_i (count_a), .sig_o (sig_an), .exp_o (exp_an)
      );
      wire unused_ok = &{1'b0, lzc_zero_a, 1'b0};
    end else begin : gen_keep_a
      assign sig_an = sig_a;
      assign exp_an = exp_a;
    end
    if (NormB != 0) begin : gen_norm_b
      localparam integer CountWidthB = $clog2(WidthB + 1);
      wire [CountWidthB-1:0] count_b;
      wire                   lzc_zero_b;
      mg_lzc #(.Width (WidthB), .CountWidth (CountWidthB)) u_lzc_b (
        .in_i (sig_b), .count_o (count_b), .zero_o (lzc_zero_b)
      );
      mg_normalize #(.Width (WidthB), .CountWidth (CountWidthB), .ExpWidth (ExpWidth)) u_norm_b (
        .sig_i (sig_b), .exp_i (exp_b), .count_i (count_b), .sig_o (sig_bn), .exp_o (exp_bn)
      );
      wire unused_ok = &{1'b0, lzc_zero_b, 1'b0};
    end else begin : gen_keep_b
      assign sig_bn = sig_b;
      assign exp_bn = exp_b;
    end
  endgenerate

  mg_fadd_core #(
    .WidthA (WidthA), .WidthB (WidthB), .SumWidth (SumWidth), .ExpWidth (ExpWidth), .Cut (Cut)
  ) u_fadd_core (
    .clk_i (clk_i), .sign_a_i (sign_a), .exp_a_i (exp_an), .sig_a_i (sig_an), .zero_a_i (zero_a),
    .inf_a_i (inf_a), .nan_a_i (nan_a), .invalid_a_i (snan_a),
    .sign_b_i (sign_b), .exp_b_i (exp_bn), .sig_b_i (sig_bn), .zero_b_i (zero_b),
    .inf_b_i (inf_b), .nan_b_i (nan_b), .invalid_b_i (snan_b),
    .sign_o (sign_o), .exp_o (exp_o), .sig_o (sig_o), .zero_o (zero_o),
    .inf_o (inf_o), .nan_o (nan_o), .invalid_o (invalid_o)
  );

endmodule

`default_nettype wire
