// mg_mx_quant_elem: one element of the FP32 -> MX converter (docs/spec/mx.md
// section 3): e = Q_elem(x / 2^(X-127)) with THE rounder (mg_round) into the
// element format, subnormals kept, saturating on overflow (mg_pack OvfSat).
// The FP32 input is normalised first (mg_lzc, mg_normalize: subnormal FP32
// inputs can land in the element's range).  A zero input gives +-0.
// Int = 1 (int8): the element format is the grid e2m6,fin,sub,bias=1 (step
// 2^-6 on [0, 2)); its magnitude, in units of 2^-6, is clamped to 127 and
// becomes an 8-bit two's-complement code.
// ovf_o: the element saturated (always with inexact_o).  The caller handles
// NaN/Inf blocks.
`default_nettype none

module mg_mx_quant_elem #(
  parameter integer N        = 8,   // code bits
  parameter integer ExpBits  = 4,   // element format (int8: 2)
  parameter integer FracBits = 3,   // (int8: 6)
  parameter integer Bias     = 7,   // (int8: 1)
  parameter integer Specials = 1,   // 0 ieee, 1 fn, 2 fin (int8: 2)
  parameter integer Int      = 0,
  parameter integer Mode     = 1,   // 0 rtz, 1 rne, 2 sr
  parameter integer RBits    = 1
) (
  input  wire [31:0]      x_i,
  input  wire [7:0]       scale_i,
  input  wire [RBits-1:0] rand_i,
  output wire [N-1:0]     e_o,
  output wire             inexact_o,
  output wire             ovf_o
);
  localparam integer ExpWidth = 12;
  localparam integer FmtWidth = 1 + ExpBits + FracBits;

  wire        sign = x_i[31];
  wire [7:0]  ef   = x_i[30:23];
  wire [23:0] sig  = {ef != 8'd0, x_i[22:0]};

  wire [4:0] count;
  wire       zero;
  mg_lzc #(
    .Width      (24),
    .CountWidth (5)
  ) u_lzc (
    .in_i    (sig),
    .count_o (count),
    .zero_o  (zero)
  );
  // Exponent of bit 23 after scaling: max(ef,1) - 127 - (X - 127).
  wire [ExpWidth-1:0] ef_eff = {4'd0, (ef == 8'd0) ? 8'd1 : ef};
  wire [ExpWidth-1:0] top_exp = ef_eff - {4'd0, scale_i};
  wire [23:0]         norm_sig;
  wire [ExpWidth-1:0] norm_exp;
  mg_normalize #(
    .Width      (24),
    .CountWidth (5),
    .ExpWidth   (ExpWidth)
  ) u_normalize (
    .sig_i   (sig),
    .exp_i   (top_exp),
    .count_i (count),
    .sig_o   (norm_sig),
    .exp_o   (norm_exp)
  );

  wire [ExpBits+FracBits-1:0] mag;
  wire                        ovf;
  wire [4:0]                  round_flags;
  mg_round #(
    .InWidth    (24),
    .ExpWidth   (ExpWidth),
    .ExpBits    (ExpBits),
    .FracBits   (FracBits),
    .Bias       (Bias),
    .Specials   (Specials),
    .Subnormals (1),
    .Mode       (Mode),
    .RBits      (RBits)
  ) u_round (
    .exp_i    (norm_exp),
    .sig_i    (norm_sig),
    .sticky_i (1'b0),
    .rand_i   (rand_i),
    .mag_o    (mag),
    .ovf_o    (ovf),
    .flags_o  (round_flags)
  );

  wire [FmtWidth-1:0] code;
  wire [4:0]          pack_flags;
  mg_pack #(
    .ExpBits  (ExpBits),
    .FracBits (FracBits),
    .Specials (Specials),
    .Mode     (Mode),
    .OvfSat   (1)
  ) u_pack (
    .sign_i        (sign),
    .nan_i         (1'b0),
    .inf_i         (1'b0),
    .zero_i        (zero),
    .ovf_i         (ovf),
    .mag_i         (mag),
    .round_flags_i (round_flags),
    .res_o         (code),
    .flags_o       (pack_flags)
  );

  generate
    if (Int != 0) begin : gen_int
      // e2m6 grid: field 0 is j * 2^-6, field f >= 1 is (64 + j) * 2^(f-1) * 2^-6.
      wire [1:0]  field = code[7:6];
      wire [5:0]  j     = code[5:0];
      wire [8:0]  wide  = (field == 2'd0) ? {3'd0, j} : ({2'b00, 1'b1, j} << (field - 2'd1));
      wire        clamp = (wide > 9'd127);
      wire [7:0]  q_mag = clamp ? 8'd127 : wide[7:0];
      assign e_o       = sign ? (~q_mag + 8'd1) : q_mag;
      assign ovf_o     = pack_flags[2] | clamp;
      assign inexact_o = pack_flags[0] | clamp;
      wire unused_int = &{1'b0, code[8], 1'b0};
    end else begin : gen_float
      assign e_o       = code;
      assign ovf_o     = pack_flags[2];
      assign inexact_o = pack_flags[0];
    end
  endgenerate
  wire unused_ok = &{1'b0, pack_flags[4:3], pack_flags[1], 1'b0};
endmodule

`default_nettype wire
