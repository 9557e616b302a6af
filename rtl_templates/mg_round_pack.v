// mg_round_pack: the back half of every floating-point operation: the exact,
// normalised result (mg_fadd_core's outputs, or any producer of the same
// form) rounded by THE rounder (mg_round) and packed (mg_pack); invalid from
// upstream is ORed into the flags.
`default_nettype none

module mg_round_pack #(
  parameter integer InWidth  = 16,
  parameter integer ExpWidth = 12,
  parameter integer ExpBits  = 8,
  parameter integer FracBits = 23,
  parameter integer Bias     = 127,
  parameter integer Specials = 0,  // 0 ieee, 1 fn, 2 fin
  parameter integer Sub      = 1,  // 1 sub, 0 ftz
  parameter integer Mode     = 1,  // 0 rtz, 1 rne, 2 sr
  parameter integer RBits    = 1,
  parameter integer OvfSat   = 0
) (
  input  wire                      sign_i,
  input  wire [ExpWidth-1:0]       exp_i,     // exponent of sig_i's MSB
  input  wire [InWidth-1:0]        sig_i,     // normalised unless zero/inf/nan
  input  wire                      zero_i,
  input  wire                      inf_i,
  input  wire                      nan_i,
  input  wire                      invalid_i,
  input  wire [RBits-1:0]          rand_i,
  output wire [ExpBits+FracBits:0] res_o,
  output wire [4:0]                flags_o
);
  wire [ExpBits+FracBits-1:0] mag;
  wire                        ovf;
  wire [4:0]                  round_flags, pack_flags;
  mg_round #(
    .InWidth (InWidth), .ExpWidth (ExpWidth), .ExpBits (ExpBits), .FracBits (FracBits),
    .Bias (Bias), .Specials (Specials), .Subnormals (Sub), .Mode (Mode), .RBits (RBits)
  ) u_round (
    .exp_i (exp_i), .sig_i (sig_i), .sticky_i (1'b0), .rand_i (rand_i),
    .mag_o (mag), .ovf_o (ovf), .flags_o (round_flags)
  );

  mg_pack #(
    .ExpBits (ExpBits), .FracBits (FracBits), .Specials (Specials), .Mode (Mode),
    .OvfSat (OvfSat)
  ) u_pack (
    .sign_i (sign_i), .nan_i (nan_i), .inf_i (inf_i), .zero_i (zero_i),
    .ovf_i (ovf), .mag_i (mag), .round_flags_i (round_flags),
    .res_o (res_o), .flags_o (pack_flags)
  );

  assign flags_o = pack_flags | {invalid_i, 4'b0000};
endmodule

`default_nettype wire
