// mg_hbfp_edge: the edge unit at the bottom of one group of B rows, for one
// column of the HBFP or MX array (docs/spec/hbfp.md sections 3 and 4, docs/spec/mx.md
// section 7).  It takes the group's exact block sum S (two's complement),
// adds the block exponents Ep = Ea + Eb + ExpOffset (HBFP: ExpOffset = -2M,
// 8-bit two's-complement exponents; MX, ScaleE8M0 = 1: unsigned E8M0 scales,
// 255 is NaN, ExpOffset = 2*lsb - 254), converts S * 2^Ep to the accumulation format with rne
// (leading-zero count, normalise, THE rounder mg_round, mg_pack), and adds
// the result into the running sum with the float adder mg_fadd (rne):
//
//   acc_o = add_acc(acc_i, Q_acc(S * 2^(Ea + Eb - 2M))),  flags ORed
//
// which is exactly one `hbfp_dot` (or `mx_dot`, fused=0) step of the model.
// SpecBits = 4: psum_i carries {invalid, nan, +inf, -inf} of the block's
// products above its SumWidth sum bits; the block value is then NaN for a
// NaN product, a NaN scale, or +Inf beside -Inf (invalid), else +-Inf for an
// infinite product, else S * 2^Ep.  A disabled block
// (en_q = 0: a group past the end of K in the last pass) passes acc_i and
// flags_i through unchanged, so a ragged last pass adds nothing, not even +0
// (which would turn a -0 running sum into +0).  Exponent registers:
//   ea_q <= ea_i, en_q <= en_i      activation block exponent and block-enable;
//                                   they travel to the right with their
//                                   wavefront (ea_o = ea_q, en_o = en_q)
//   eb_q <= load_e_i ? eb_i : eb_q  stationary weight block exponent; the load
//                                   chain runs down the groups (eb_o = eb_q)
// Pipe (latency in cycles from psum_i to acc_o, see docs/hbfp_array.md):
//   0: combinational: psum_i and acc_i in cycle T give acc_o in cycle T
//   1: acc_o/flags_o registered: acc_o in T+1
//   2: also the converted block registered: acc_i is consumed in T+1, acc_o
//      appears in T+2
//   3: also a cut inside the addition, between the exact sum (mg_fadd_front)
//      and rounding and packing (mg_round_pack): acc_i is consumed in T+1,
//      acc_o appears in T+3, so the acc chain takes 2 cycles per group; acc_i
//      (passed through by a disabled block), en and the flags travel through
//      the cut beside the sum
//   4: also mg_fadd_core's cut between the alignment and the addition:
//      acc_o appears in T+4, 3 cycles per group; acc_i, en and the flags
//      take one more register beside it
`default_nettype none

module mg_hbfp_edge #(
  parameter integer N        = 4,   // mantissa bits including the sign
  parameter integer SumWidth = 12,  // width of the block sum psum_i
  parameter integer ExpBits  = 8,   // accumulation format
  parameter integer FracBits = 23,
  parameter integer Bias     = 127,
  parameter integer Specials = 0,   // 0 ieee, 1 fn, 2 fin
  parameter integer Sub      = 1,   // 1 sub, 0 ftz
  parameter integer Pipe     = 0,
  parameter integer ExpWidth = 12,  // two's-complement width of internal exponents
  parameter integer ScaleE8M0 = 0,  // 0: two's-complement exponents; 1: E8M0 scales
  parameter integer ExpOffset = -2 * (N - 1), // Ep = Ea + Eb + ExpOffset
  parameter integer SpecBits  = 0   // 0, or 4: special bits above the sum in psum_i
) (
  input  wire                        clk_i,
  input  wire                        rst_ni,
  input  wire                        load_e_i,
  input  wire [7:0]                  eb_i,
  output wire [7:0]                  eb_o,
  input  wire [7:0]                  ea_i,
  output wire [7:0]                  ea_o,
  input  wire                        en_i,
  output wire                        en_o,
  input  wire [SumWidth+SpecBits-1:0] psum_i,
  input  wire [ExpBits+FracBits:0]   acc_i,
  input  wire [4:0]                  flags_i,
  output wire [ExpBits+FracBits:0]   acc_o,
  output wire [4:0]                  flags_o
);
  localparam integer AccWidth   = ExpBits + FracBits + 1;
  localparam integer CountWidth = $clog2(SumWidth + 1);
  // Exponent of the sum's MSB position relative to Ea + Eb.
  localparam [31:0] OffsetVec = SumWidth - 1 + ExpOffset;

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

  // ---- S as sign and magnitude (the magnitude of any SumWidth-bit value fits).
  wire [SumWidth-1:0] sum_s    = psum_i[SumWidth-1:0];
  wire                sum_sign = sum_s[SumWidth-1];
  wire [SumWidth-1:0] sum_mag  = sum_sign ? (~sum_s + {{(SumWidth-1){1'b0}}, 1'b1}) : sum_s;

  // ---- The block's special cases (MX): {invalid, nan, +inf, -inf}.
  wire [3:0] spec;
  generate
    if (SpecBits > 0) begin : gen_spec
      assign spec = psum_i[SumWidth +: 4];
    end else begin : gen_nospec
      assign spec = 4'd0;
    end
  endgenerate
  wire scale_nan = (ScaleE8M0 != 0) & ((&ea_q) | (&eb_q));
  wire both_inf  = spec[1] & spec[0];
  wire v_nan     = scale_nan | spec[2] | both_inf;
  wire v_inf     = ~v_nan & (spec[1] | spec[0]);
  wire v_sign    = v_inf ? spec[0] : sum_sign;
  wire [4:0] v_flags = {spec[3] | both_inf, 4'b0000};

  // ---- Normalise: value = sig * 2^(exp - (SumWidth-1)).
  wire [CountWidth-1:0] count;
  wire                  sum_zero;
  mg_lzc #(
    .Width      (SumWidth),
    .CountWidth (CountWidth)
  ) u_lzc (
    .in_i    (sum_mag),
    .count_o (count),
    .zero_o  (sum_zero)
  );

  wire                ea_top  = (ScaleE8M0 == 0) & ea_q[7];
  wire                eb_top  = (ScaleE8M0 == 0) & eb_q[7];
  wire [ExpWidth-1:0] ea_ext  = {{(ExpWidth-8){ea_top}}, ea_q};
  wire [ExpWidth-1:0] eb_ext  = {{(ExpWidth-8){eb_top}}, eb_q};
  wire [ExpWidth-1:0] msb_exp = ea_ext + eb_ext + OffsetVec[ExpWidth-1:0];

  wire [SumWidth-1:0] norm_sig;
  wire [ExpWidth-1:0] norm_exp;
  mg_normalize #(
    .Width      (SumWidth),
    .CountWidth (CountWidth),
    .ExpWidth   (ExpWidth)
  ) u_normalize (
    .sig_i   (sum_mag),
    .exp_i   (msb_exp),
    .count_i (count),
    .sig_o   (norm_sig),
    .exp_o   (norm_exp)
  );

  // ---- Convert to the accumulation format, rne; an exact zero block is +0.
  wire [AccWidth-2:0] blk_mag;
  wire                blk_ovf;
  wire [4:0]          blk_round_flags;
  mg_round #(
    .InWidth    (SumWidth),
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
  wire [4:0]          blk_pack_flags;
  wire [4:0]          blk_flags = blk_pack_flags | v_flags;
  mg_pack #(
    .ExpBits  (ExpBits),
    .FracBits (FracBits),
    .Specials (Specials),
    .Mode     (1),
    .OvfSat   (0)
  ) u_pack (
    .sign_i        (v_sign),
    .nan_i         (v_nan),
    .inf_i         (v_inf),
    .zero_i        (sum_zero),
    .ovf_i         (blk_ovf),
    .mag_i         (blk_mag),
    .round_flags_i (blk_round_flags),
    .res_o         (blk),
    .flags_o       (blk_pack_flags)
  );

  // ---- Optional register between the conversion and the addition.
  wire [AccWidth-1:0] blk_s;
  wire [4:0]          blk_flags_s;
  wire                en_s;
  generate
    if (Pipe >= 2) begin : gen_blk_reg
      reg [AccWidth-1:0] blk_q;
      reg [4:0]          blk_flags_q;
      reg                blk_en_q;
      always @(posedge clk_i or negedge rst_ni) begin
        if (!rst_ni) begin
          blk_q       <= {AccWidth{1'b0}};
          blk_flags_q <= 5'd0;
          blk_en_q    <= 1'b0;
        end else begin
          blk_q       <= blk;
          blk_flags_q <= blk_flags;
          blk_en_q    <= en_q;
        end
      end
      assign blk_s       = blk_q;
      assign blk_flags_s = blk_flags_q;
      assign en_s        = blk_en_q;
    end else begin : gen_blk_comb
      assign blk_s       = blk;
      assign blk_flags_s = blk_flags;
      assign en_s        = en_q;
    end
  endgenerate

  // ---- acc_i + block, rne, in the accumulation format: mg_fadd, or for
  // Pipe >= 3 its two halves with a register cut between them (and for
  // Pipe = 4 the adder's own cut after the alignment).  _c: the signals
  // beside the sum, aligned with it.
  wire [AccWidth-1:0] sum;
  wire [4:0]          add_flags;
  wire [AccWidth-1:0] acc_c;
  wire [4:0]          flags_c;
  wire                en_c;
  wire [4:0]          flags_in = en_s ? (flags_i | blk_flags_s) : flags_i;
  generate
    if (Pipe >= 3) begin : gen_add_cut
      // mg_fadd's significand width for two operands of the accumulation
      // format and RBits = 1: FracBits + 7.
      localparam integer AddWidth = FracBits + 7;
      localparam integer MidCut   = (Pipe >= 4) ? 1 : 0;
      // What travels beside the sum through the mid cut (reset registers,
      // as every edge register).
      wire [AccWidth-1:0] acc_m;
      wire [4:0]          flags_m;
      wire                en_m;
      if (MidCut != 0) begin : gen_mid
        reg [AccWidth-1:0] acc_mq;
        reg [4:0]          flags_mq;
        reg                en_mq;
        always @(posedge clk_i or negedge rst_ni) begin
          if (!rst_ni) begin
            acc_mq   <= {AccWidth{1'b0}};
            flags_mq <= 5'd0;
            en_mq    <= 1'b0;
          end else begin
            acc_mq   <= acc_i;
            flags_mq <= flags_in;
            en_mq    <= en_s;
          end
        end
        assign acc_m   = acc_mq;
        assign flags_m = flags_mq;
        assign en_m    = en_mq;
      end else begin : gen_no_mid
        assign acc_m   = acc_i;
        assign flags_m = flags_in;
        assign en_m    = en_s;
      end
      wire                add_sign, add_zero, add_inf, add_nan, add_invalid;
      wire [ExpWidth-1:0] add_exp;
      wire [AddWidth:0]   add_sig;
      mg_fadd_front #(
        .ExpBitsA (ExpBits), .FracBitsA (FracBits), .BiasA (Bias), .SpecialsA (Specials), .SubA (Sub),
        .ExpBitsB (ExpBits), .FracBitsB (FracBits), .BiasB (Bias), .SpecialsB (Specials), .SubB (Sub),
        .NormA (0), .NormB (0), .SumWidth (AddWidth), .ExpWidth (ExpWidth), .Cut (MidCut)
      ) u_front (
        .clk_i (clk_i), .a_i (acc_i), .b_i (blk_s), .sign_o (add_sign), .exp_o (add_exp), .sig_o (add_sig),
        .zero_o (add_zero), .inf_o (add_inf), .nan_o (add_nan), .invalid_o (add_invalid)
      );

      reg                add_sign_q, add_zero_q, add_inf_q, add_nan_q, add_invalid_q;
      reg [ExpWidth-1:0] add_exp_q;
      reg [AddWidth:0]   add_sig_q;
      reg [AccWidth-1:0] acc_cq;
      reg [4:0]          flags_cq;
      reg                en_cq;
      always @(posedge clk_i or negedge rst_ni) begin
        if (!rst_ni) begin
          {add_sign_q, add_zero_q, add_inf_q, add_nan_q, add_invalid_q} <= 5'd0;
          add_exp_q <= {ExpWidth{1'b0}};
          add_sig_q <= {(AddWidth+1){1'b0}};
          acc_cq    <= {AccWidth{1'b0}};
          flags_cq  <= 5'd0;
          en_cq     <= 1'b0;
        end else begin
          {add_sign_q, add_zero_q, add_inf_q, add_nan_q, add_invalid_q} <=
            {add_sign, add_zero, add_inf, add_nan, add_invalid};
          add_exp_q <= add_exp;
          add_sig_q <= add_sig;
          acc_cq    <= acc_m;
          flags_cq  <= flags_m;
          en_cq     <= en_m;
        end
      end

      mg_round_pack #(
        .InWidth (AddWidth + 1), .ExpWidth (ExpWidth), .ExpBits (ExpBits), .FracBits (FracBits),
        .Bias (Bias), .Specials (Specials), .Sub (Sub), .Mode (1), .RBits (1), .OvfSat (0)
      ) u_round_pack (
        .sign_i (add_sign_q), .exp_i (add_exp_q), .sig_i (add_sig_q), .zero_i (add_zero_q),
        .inf_i (add_inf_q), .nan_i (add_nan_q), .invalid_i (add_invalid_q), .rand_i (1'b0),
        .res_o (sum), .flags_o (add_flags)
      );
      assign acc_c   = acc_cq;
      assign flags_c = flags_cq;
      assign en_c    = en_cq;
    end else begin : gen_add
      mg_fadd #(
        .ExpBitsA (ExpBits), .FracBitsA (FracBits), .BiasA (Bias), .SpecialsA (Specials), .SubA (Sub),
        .ExpBitsB (ExpBits), .FracBitsB (FracBits), .BiasB (Bias), .SpecialsB (Specials), .SubB (Sub),
        .ExpBitsO (ExpBits), .FracBitsO (FracBits), .BiasO (Bias), .SpecialsO (Specials), .SubO (Sub),
        .Mode     (1),
        .RBits    (1),
        .OvfSat   (0),
        .NormA    (0),
        .NormB    (0),
        .ExpWidth (ExpWidth)
      ) u_fadd (
        .a_i     (acc_i),
        .b_i     (blk_s),
        .rand_i  (1'b0),
        .res_o   (sum),
        .flags_o (add_flags)
      );
      assign acc_c   = acc_i;
      assign flags_c = flags_in;
      assign en_c    = en_s;
    end
  endgenerate
  wire [AccWidth-1:0] acc_d   = en_c ? sum : acc_c;
  wire [4:0]          flags_d = en_c ? (flags_c | add_flags) : flags_c;

  generate
    if (Pipe >= 1) begin : gen_out_reg
      reg [AccWidth-1:0] acc_q;
      reg [4:0]          flags_q;
      always @(posedge clk_i or negedge rst_ni) begin
        if (!rst_ni) begin
          acc_q   <= {AccWidth{1'b0}};
          flags_q <= 5'd0;
        end else begin
          acc_q   <= acc_d;
          flags_q <= flags_d;
        end
      end
      assign acc_o   = acc_q;
      assign flags_o = flags_q;
    end else begin : gen_out_comb
      assign acc_o   = acc_d;
      assign flags_o = flags_d;
    end
  endgenerate
endmodule

`default_nettype wire
