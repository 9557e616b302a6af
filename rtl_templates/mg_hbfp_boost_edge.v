// mg_hbfp_boost_edge: the edge unit of the Accuracy Booster array's result
// columns (docs/spec/hbfp.md section 7, docs/hbfp_array.md "Accuracy
// Booster"), one per group and column.  It does what mg_hbfp_edge does for
// an HBFP`N` block sum, with the sum handed over as sign, magnitude and the
// magnitude's leading-zero count:
//
//   acc_o = add_acc(acc_i, Q_acc((-1)^sign_i * mag_i * 2^(Ea + Eb - 2M))),
//   flags ORed, M = N - 1
//
// The join stage (mg_hbfp_boost_join) forms the magnitude and counts its
// leading zeros in its own cycle, which has slack, so this unit's
// conversion has neither the two's-complement negation nor the leading-zero
// count of mg_hbfp_edge: the normalising shift by count_i, THE rounder
// mg_round (rne) and mg_pack, then the accumulating half mg_hbfp_edge_add
// (mg_fadd, rne; the same registers per Pipe as mg_hbfp_edge).  So its
// paths are shorter than the plain HBFP4 edge unit's, although its sum is
// wider (MagWidth = 2*5 + log2 B against 2*3 + 1 + log2 B), and the 4-bit
// mode keeps the plain HBFP4 array's clock.  count_i must be the leading-
// zero count of mag_i (any value when mag_i is 0).
//
// A zero magnitude is +0 whatever sign_i says (section 3: an exact zero
// block is +0).  A disabled block (en_q = 0) passes acc_i and flags_i
// through unchanged.  Exponent registers as in mg_hbfp_edge:
//   ea_q <= ea_i, en_q <= en_i      travel right with their wavefront
//   eb_q <= load_e_i ? eb_i : eb_q  stationary; the load chain runs down
`default_nettype none

module mg_hbfp_boost_edge #(
  parameter integer N        = 6,   // the block sum's mantissa bits (incl. the sign): Ep = Ea + Eb - 2(N-1)
  parameter integer MagWidth = 14,  // |block sum| < 2^MagWidth
  parameter integer ExpBits  = 8,   // accumulation format
  parameter integer FracBits = 23,
  parameter integer Bias     = 127,
  parameter integer Specials = 0,   // 0 ieee, 1 fn, 2 fin
  parameter integer Sub      = 1,   // 1 sub, 0 ftz
  parameter integer Pipe     = 0,
  parameter integer ExpWidth = 12   // two's-complement width of internal exponents
) (
  input  wire                      clk_i,
  input  wire                      rst_ni,
  input  wire                      load_e_i,
  input  wire [7:0]                eb_i,
  output wire [7:0]                eb_o,
  input  wire [7:0]                ea_i,
  output wire [7:0]                ea_o,
  input  wire                      en_i,
  output wire                      en_o,
  input  wire                      sign_i,  // the block sum's sign
  input  wire [MagWidth-1:0]       mag_i,   // its magnitude
  input  wire [$clog2(MagWidth+1)-1:0] count_i,  // mag_i's leading zeros
  input  wire [ExpBits+FracBits:0] acc_i,
  input  wire [4:0]                flags_i,
  output wire [ExpBits+FracBits:0] acc_o,
  output wire [4:0]                flags_o
);
  localparam integer AccWidth   = ExpBits + FracBits + 1;
  localparam integer CountWidth = $clog2(MagWidth + 1);
  // Exponent of the magnitude's MSB position relative to Ea + Eb.
  localparam [31:0] OffsetVec = MagWidth - 1 - 2 * (N - 1);

  reg [7:0] ea_q;
  reg [7:0] eb_q;
  reg       en_q;
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      ea_q <= 8'd0;
      eb_q <= 8'd0;
      en_q <= 1'b0;
    end else begin
      ea_q <= ea_i;
      en_q <= en_i;
      if (load_e_i) begin
        eb_q <= eb_i;
      end
    end
  end
  assign ea_o = ea_q;
  assign eb_o = eb_q;
  assign en_o = en_q;

  // ---- Normalise: value = sig * 2^(exp - (MagWidth-1)).
  wire sum_zero = ~|mag_i;

  wire [ExpWidth-1:0] ea_ext  = {{(ExpWidth-8){ea_q[7]}}, ea_q};
  wire [ExpWidth-1:0] eb_ext  = {{(ExpWidth-8){eb_q[7]}}, eb_q};
  wire [ExpWidth-1:0] msb_exp = ea_ext + eb_ext + OffsetVec[ExpWidth-1:0];

  wire [MagWidth-1:0] norm_sig;
  wire [ExpWidth-1:0] norm_exp;
  mg_normalize #(
    .Width      (MagWidth),
    .CountWidth (CountWidth),
    .ExpWidth   (ExpWidth)
  ) u_normalize (
    .sig_i   (mag_i),
    .exp_i   (msb_exp),
    .count_i (count_i),
    .sig_o   (norm_sig),
    .exp_o   (norm_exp)
  );

  // ---- Convert to the accumulation format, rne; an exact zero block is +0.
  wire [AccWidth-2:0] blk_mag;
  wire                blk_ovf;
  wire [4:0]          blk_round_flags;
  mg_round #(
    .InWidth    (MagWidth),
    .ExpWidth   (ExpWidth),
    .ExpBits    (ExpBits),
    .FracBits   (FracBits),
    .Bias       (Bias),
    .Specials   (Specials),
    .Subnormals (Sub),
    .Mode       (1),
    .RBits      (1)
  ) u_round (
    .exp_i    (norm_exp),
    .sig_i    (norm_sig),
    .sticky_i (1'b0),
    .rand_i   (1'b0),
    .mag_o    (blk_mag),
    .ovf_o    (blk_ovf),
    .flags_o  (blk_round_flags)
  );

  wire [AccWidth-1:0] blk;
  wire [4:0]          blk_flags;
  mg_pack #(
    .ExpBits  (ExpBits),
    .FracBits (FracBits),
    .Specials (Specials),
    .Mode     (1),
    .OvfSat   (0)
  ) u_pack (
    .sign_i        (sign_i & ~sum_zero),
    .nan_i         (1'b0),
    .inf_i         (1'b0),
    .zero_i        (sum_zero),
    .ovf_i         (blk_ovf),
    .mag_i         (blk_mag),
    .round_flags_i (blk_round_flags),
    .res_o         (blk),
    .flags_o       (blk_flags)
  );

  // ---- acc_i + block (mg_hbfp_edge's registers for every Pipe).
  mg_hbfp_edge_add #(
    .ExpBits  (ExpBits),
    .FracBits (FracBits),
    .Bias     (Bias),
    .Specials (Specials),
    .Sub      (Sub),
    .Pipe     (Pipe),
    .ExpWidth (ExpWidth)
  ) u_add (
    .clk_i       (clk_i),
    .rst_ni      (rst_ni),
    .en_i        (en_q),
    .blk_i       (blk),
    .blk_flags_i (blk_flags),
    .acc_i       (acc_i),
    .flags_i     (flags_i),
    .acc_o       (acc_o),
    .flags_o     (flags_o)
  );
endmodule

`default_nettype wire
