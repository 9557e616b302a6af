// mg_fadd_core: the exact part of an addition, on unpacked operands of any
// significand widths: align the operand with the smaller exponent (sticky
// jammed into the LSB), add or subtract, normalise.  The sum keeps SumWidth
// bits below its carry bit; the caller picks SumWidth >= every operand width
// and >= the rounder's kept + guard bits + 3, which keeps the jammed sticky
// bit below anything the rounder inspects.
// Operand convention: value = sig * 2^(exp - (Width-1)); an operand whose
// leading one is not at the top must not be the one with the larger exponent
// when bits are shifted out (the caller normalises mixed-format subnormals).
//
// Cut = 1 puts a register stage (mg_pipe_reg, no reset) between the
// alignment and the addition, which splits the adder's delay about in half
// (a pipelined MAC's stages then balance); the outputs come one cycle later.
// Cut = 0 is combinational and clk_i is unused.
`default_nettype none

module mg_fadd_core #(
  parameter integer WidthA   = 8,
  parameter integer WidthB   = 8,
  parameter integer SumWidth = 16,
  parameter integer ExpWidth = 12,
  parameter integer Cut      = 0   // register stages after the alignment (0 or 1)
) (
  input  wire                clk_i,  // used only when Cut = 1
  input  wire                sign_a_i,
  input  wire [ExpWidth-1:0] exp_a_i,
  input  wire [WidthA-1:0]   sig_a_i,
  input  wire                zero_a_i,
  input  wire                inf_a_i,
  input  wire                nan_a_i,
  input  wire                invalid_a_i,  // e.g. a signalling NaN, or Inf*0 upstream
  input  wire                sign_b_i,
  input  wire [ExpWidth-1:0] exp_b_i,
  input  wire [WidthB-1:0]   sig_b_i,
  input  wire                zero_b_i,
  input  wire                inf_b_i,
  input  wire                nan_b_i,
  input  wire                invalid_b_i,
  output wire                sign_o,
  output wire [ExpWidth-1:0] exp_o,   // exponent of sig_o's MSB
  output wire [SumWidth:0]   sig_o,   // normalised unless zero_o
  output wire                zero_o,  // exact zero sum (no NaN, no Inf)
  output wire                inf_o,
  output wire                nan_o,
  output wire                invalid_o
);
  localparam integer CountWidth = $clog2(SumWidth + 2);

  // ---- Place both significands at the top of SumWidth bits.
  wire [SumWidth-1:0] top_a, top_b;
  generate
    if (SumWidth > WidthA) begin : gen_pad_a
      assign top_a = {sig_a_i, {(SumWidth-WidthA){1'b0}}};
    end else begin : gen_fit_a
      assign top_a = sig_a_i;
    end
    if (SumWidth > WidthB) begin : gen_pad_b
      assign top_b = {sig_b_i, {(SumWidth-WidthB){1'b0}}};
    end else begin : gen_fit_b
      assign top_b = sig_b_i;
    end
  endgenerate

  // A zero operand takes the other's exponent so that it never shifts the
  // nonzero one.
  wire [ExpWidth-1:0] exp_a = zero_a_i ? exp_b_i : exp_a_i;
  wire [ExpWidth-1:0] exp_b = zero_b_i ? exp_a_i : exp_b_i;
  wire a_big = ($signed(exp_a) >= $signed(exp_b));

  wire [SumWidth-1:0] big_sig   = a_big ? top_a : top_b;
  wire [SumWidth-1:0] small_sig = a_big ? top_b : top_a;
  wire [ExpWidth-1:0] big_exp   = a_big ? exp_a : exp_b;
  wire [ExpWidth-1:0] shift     = a_big ? (exp_a - exp_b) : (exp_b - exp_a);
  wire                big_sign  = a_big ? sign_a_i : sign_b_i;
  wire                effective_sub = sign_a_i ^ sign_b_i;

  wire [SumWidth-1:0] aligned;
  wire                lost;
  mg_align #(
    .Width (SumWidth), .ShiftWidth (ExpWidth)
  ) u_align (
    .sig_i (small_sig), .shift_i (shift), .sig_o (aligned), .sticky_o (lost)
  );
  wire [SumWidth-1:0] jammed = aligned | {{(SumWidth-1){1'b0}}, lost};

  // ---- Specials: NaN operand or Inf-Inf -> NaN; an exact zero sum is +0
  // unless both addends are -0.  Settled before the cut: they do not wait
  // for the sum.
  wire inf_minus_inf = inf_a_i & inf_b_i & effective_sub;
  wire res_nan   = nan_a_i | nan_b_i | inf_minus_inf;
  wire res_inf   = (inf_a_i | inf_b_i) & ~res_nan;
  wire inf_sign  = inf_a_i ? sign_a_i : sign_b_i;
  wire zero_sign = zero_a_i & zero_b_i & sign_a_i & sign_b_i;
  wire invalid   = invalid_a_i | invalid_b_i | inf_minus_inf;

  // ---- The cut (a wire when Cut = 0).
  localparam integer CutW = 2 * SumWidth + ExpWidth + 7;
  wire [SumWidth-1:0] big_sig_q, jammed_q;
  wire [ExpWidth-1:0] big_exp_q;
  wire                big_sign_q, sub_q, nan_q, inf_q, inf_sign_q, zero_sign_q, invalid_q;
  mg_pipe_reg #(.Width (CutW), .Stages (Cut)) u_cut (
    .clk_i (clk_i),
    .d_i   ({big_sig, jammed, big_exp, big_sign, effective_sub,
             res_nan, res_inf, inf_sign, zero_sign, invalid}),
    .q_o   ({big_sig_q, jammed_q, big_exp_q, big_sign_q, sub_q,
             nan_q, inf_q, inf_sign_q, zero_sign_q, invalid_q})
  );

  wire [SumWidth:0] sum;
  wire              neg;
  mg_add_sig #(
    .Width (SumWidth)
  ) u_add_sig (
    .a_i (big_sig_q), .b_i (jammed_q), .sub_i (sub_q), .sum_o (sum), .neg_o (neg)
  );

  // ---- Normalise: the sum's MSB has exponent big_exp + 1.
  wire [CountWidth-1:0] count;
  wire                  sum_zero;
  mg_lzc #(
    .Width (SumWidth + 1), .CountWidth (CountWidth)
  ) u_lzc (
    .in_i (sum), .count_o (count), .zero_o (sum_zero)
  );
  mg_normalize #(
    .Width (SumWidth + 1), .CountWidth (CountWidth), .ExpWidth (ExpWidth)
  ) u_normalize (
    .sig_i (sum), .exp_i (big_exp_q + {{(ExpWidth-1){1'b0}}, 1'b1}), .count_i (count),
    .sig_o (sig_o), .exp_o (exp_o)
  );

  wire res_zero = sum_zero & ~nan_q & ~inf_q;
  assign sign_o    = nan_q ? 1'b0 : inf_q ? inf_sign_q : res_zero ? zero_sign_q : (big_sign_q ^ neg);
  assign zero_o    = res_zero;
  assign inf_o     = inf_q;
  assign nan_o     = nan_q;
  assign invalid_o = invalid_q;
endmodule

`default_nettype wire
