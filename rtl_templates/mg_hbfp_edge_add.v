// mg_hbfp_edge_add: the accumulating half of an edge unit, for the Accuracy
// Booster array's edge (mg_hbfp_boost_edge; docs/hbfp_array.md).  It takes
// the block already converted to the accumulation format (blk_i, its flags,
// and the block enable en_i, all valid in the same cycle) and does what
// mg_hbfp_edge does after its conversion, with the same registers for every
// Pipe:
//
//   acc_o = en ? add_acc(acc_i, blk) : acc_i,  flags ORed  (rne, mg_fadd)
//
//   Pipe >= 2: blk_i, its flags and en_i registered before the addition
//   Pipe >= 3: a cut inside the addition (mg_fadd_front | mg_round_pack);
//              acc_i, en and the flags travel through it beside the sum
//   Pipe = 4:  also mg_fadd_core's cut after the alignment
//   Pipe >= 1: acc_o/flags_o registered
//
// This is the code of mg_hbfp_edge's second half, moved into a module of its
// own: the plain HBFP and MX arrays keep mg_hbfp_edge as it is (their
// Verilog is frozen byte for byte), so only the boost edge uses this one.
`default_nettype none

module mg_hbfp_edge_add #(
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
  input  wire                      en_i,         // the block is part of K (else pass acc_i through)
  input  wire [ExpBits+FracBits:0] blk_i,        // the converted block
  input  wire [4:0]                blk_flags_i,  // its conversion flags
  input  wire [ExpBits+FracBits:0] acc_i,
  input  wire [4:0]                flags_i,
  output wire [ExpBits+FracBits:0] acc_o,
  output wire [4:0]                flags_o
);
  localparam integer AccWidth = ExpBits + FracBits + 1;

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
          blk_q       <= blk_i;
          blk_flags_q <= blk_flags_i;
          blk_en_q    <= en_i;
        end
      end
      assign blk_s       = blk_q;
      assign blk_flags_s = blk_flags_q;
      assign en_s        = blk_en_q;
    end else begin : gen_blk_comb
      assign blk_s       = blk_i;
      assign blk_flags_s = blk_flags_i;
      assign en_s        = en_i;
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
