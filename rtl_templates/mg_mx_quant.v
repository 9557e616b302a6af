// mg_mx_quant: the FP32 -> MX block converter (docs/spec/mx.md section 3).
// Block FP32 inputs become one E8M0 scale X and Block element codes:
//   amax = max |x_i|                   (mg_amax on x[30:0])
//   X    = mg_mx_quant_scale(amax)     (floor or ceil, clamped to [0, 254])
//   e_i  = mg_mx_quant_elem(x_i, X)    (rtz / rne / sr, saturating)
// A zero block gives X = 0, every code 0, no flags; a NaN or Inf anywhere
// gives X = 255 (NaN), every code 0 and only the invalid flag.
// flags_o = {invalid, 0, overflow, 0, inexact} as TestFloat prints them.
// The ports are hbfp_quant's: exp_o carries the scale X, q_o the codes.
//
// Pipe 0: combinational (clk_i unused).  Pipe 1: outputs registered
// (latency 1).  Pipe 2: also a register between the scale (the max tree)
// and the elements (latency 2).  Datapath registers, no reset.
`default_nettype none

module mg_mx_quant #(
  parameter integer N           = 8,       // element code bits
  parameter integer Block       = 32,
  parameter integer ExpBits     = 4,       // element format (int8: the e2m6 grid)
  parameter integer FracBits    = 3,
  parameter integer Bias        = 7,
  parameter integer Specials    = 1,
  parameter integer Int         = 0,       // 1: int8 elements
  parameter integer EMax        = 8,       // see mg_mx_quant_scale
  parameter integer MaxFrac     = 6,
  parameter integer MaxFracBits = 3,
  parameter integer SubLimit    = 8388608,
  parameter integer Ceil        = 0,
  parameter integer Mode        = 1,       // 0 rtz, 1 rne, 2 sr
  parameter integer RBits       = 1,
  parameter integer Pipe        = 0
) (
  input  wire                   clk_i,
  input  wire [Block*32-1:0]    x_i,      // element i at [i*32 +: 32]
  input  wire [Block*RBits-1:0] rand_i,   // element i's word at [i*RBits +: RBits]
  output wire [7:0]             exp_o,    // the E8M0 scale X
  output wire [Block*N-1:0]     q_o,      // element i's code at [i*N +: N]
  output wire [4:0]             flags_o
);
  // ---- amax = max |x_i| (the magnitudes of FP32 values order as integers).
  wire [30:0] amax;
  mg_amax #(
    .Count (Block)
  ) u_amax (
    .x_i    (x_i),
    .amax_o (amax)
  );

  wire [7:0] scale_a;
  wire       zero_a, special_a;
  mg_mx_quant_scale #(
    .EMax        (EMax),
    .MaxFrac     (MaxFrac),
    .MaxFracBits (MaxFracBits),
    .SubLimit    (SubLimit),
    .Ceil        (Ceil)
  ) u_scale (
    .amax_i    (amax),
    .scale_o   (scale_a),
    .zero_o    (zero_a),
    .special_o (special_a)
  );

  // ---- Optional cut between the scale and the elements (Pipe 2).
  wire [Block*32-1:0]    x_b;
  wire [Block*RBits-1:0] rand_b;
  wire [7:0]             scale_b;
  wire                   zero_b, special_b;
  mg_quant_mid #(
    .Block    (Block),
    .RBits    (RBits),
    .SideBits (10),
    .Pipe     (Pipe)
  ) u_mid (
    .clk_i  (clk_i),
    .x_i    (x_i),
    .rand_i (rand_i),
    .side_i ({scale_a, zero_a, special_a}),
    .x_o    (x_b),
    .rand_o (rand_b),
    .side_o ({scale_b, zero_b, special_b})
  );

  wire [Block*N-1:0] e_raw;
  wire [Block-1:0]   inexact, ovf;
  genvar k;
  generate
    for (k = 0; k < Block; k = k + 1) begin : gen_elem
      mg_mx_quant_elem #(
        .N        (N),
        .ExpBits  (ExpBits),
        .FracBits (FracBits),
        .Bias     (Bias),
        .Specials (Specials),
        .Int      (Int),
        .Mode     (Mode),
        .RBits    (RBits)
      ) u_elem (
        .x_i       (x_b[k*32 +: 32]),
        .scale_i   (scale_b),
        .rand_i    (rand_b[k*RBits +: RBits]),
        .e_o       (e_raw[k*N +: N]),
        .inexact_o (inexact[k]),
        .ovf_o     (ovf[k])
      );
    end
  endgenerate

  // Zero and NaN/Inf blocks: every code 0 (mg_quant_out); X = 0 or 255;
  // invalid alone.
  mg_quant_out #(
    .N     (N),
    .Block (Block),
    .Pipe  (Pipe)
  ) u_out (
    .clk_i   (clk_i),
    .kill_i  (zero_b | special_b),
    .exp_i   (special_b ? 8'd255 : (zero_b ? 8'd0 : scale_b)),
    .q_i     (e_raw),
    .flags_i (special_b ? 5'h10 : (zero_b ? 5'h00 : {2'b00, |ovf, 1'b0, |inexact})),
    .exp_o   (exp_o),
    .q_o     (q_o),
    .flags_o (flags_o)
  );
endmodule

`default_nettype wire
