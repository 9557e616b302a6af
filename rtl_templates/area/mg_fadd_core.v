// mg_fadd_core, area-lean variant (arch=area; docs/float_speed.md): the same
// module, parameters and ports as rtl_templates/mg_fadd_core.v (align the
// operand with the smaller exponent, sticky jammed into the LSB; add or
// subtract; normalise), built for the fewest gates:
//   - the datapath is Width = max(widest operand + 1, SumWidth - 2) bits, not
//     SumWidth: the caller's SumWidth keeps 3 bits between the rounder's
//     kept + guard bits and the jammed sticky bit; 1 of them suffices (after
//     a subtraction that shifted bits out, the leading one is at most two
//     places below the top: one for a product whose leading one is in its
//     top two bits, one for the difference), and the sum agrees with the
//     exact one in every bit above the jam bit and in whether anything is
//     set at or below it.  sig_o is the normalised sum padded with zeros;
//   - one exponent difference d = exp_a - exp_b: its sign picks the larger
//     operand, and the smaller one shifts by d, or by ~d = -d - 1 after a
//     1-bit pre-shift (a padding zero falls out), instead of two subtracters;
//   - a zero operand is never the larger one, so its exponent is not read;
//   - above 10 bits, normalisation by successive zero tests (shift by
//     2^k when the top 2^k bits are zero, largest k first) instead of a
//     leading-zero count and a shifter driven by it.
// Its depth grows with Width (ripple adder, serial normaliser): the fast
// variant is the one for wide formats.
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
  input  wire                invalid_a_i,
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
  localparam integer Widest     = (WidthA > WidthB) ? WidthA : WidthB;
  localparam integer Trimmed    = SumWidth - 2;
  localparam integer Width      = (Trimmed > Widest + 1) ? Trimmed : Widest + 1;
  localparam integer NormWidth  = Width + 1;  // the sum with its carry bit
  localparam integer Steps      = $clog2(NormWidth);
  localparam integer CountWidth = Steps + 1;

  // ---- Both significands at the top of Width bits (at least one zero below).
  wire [Width-1:0] top_a = {sig_a_i, {(Width-WidthA){1'b0}}};
  wire [Width-1:0] top_b = {sig_b_i, {(Width-WidthB){1'b0}}};

  wire [ExpWidth:0] diff  = {exp_a_i[ExpWidth-1], exp_a_i} - {exp_b_i[ExpWidth-1], exp_b_i};
  wire              a_big = zero_b_i | (~zero_a_i & ~diff[ExpWidth]);
  wire [Width-1:0]    big_sig   = a_big ? top_a : top_b;
  wire [Width-1:0]    small_sig = a_big ? top_b : {1'b0, top_a[Width-1:1]};
  wire [ExpWidth-1:0] big_exp   = a_big ? exp_a_i : exp_b_i;
  wire [ExpWidth-1:0] shift     = diff[ExpWidth-1:0] ^ {ExpWidth{~a_big}};
  wire                big_sign  = a_big ? sign_a_i : sign_b_i;
  wire                effective_sub = sign_a_i ^ sign_b_i;

  wire [Width-1:0] aligned;
  wire             lost;
  mg_align #(
    .Width (Width), .ShiftWidth (ExpWidth)
  ) u_align (
    .sig_i (small_sig), .shift_i (shift), .sig_o (aligned), .sticky_o (lost)
  );
  wire [Width-1:0] jammed = aligned | {{(Width-1){1'b0}}, lost};

  // ---- Specials, settled before the cut.
  wire inf_minus_inf = inf_a_i & inf_b_i & effective_sub;
  wire res_nan   = nan_a_i | nan_b_i | inf_minus_inf;
  wire res_inf   = (inf_a_i | inf_b_i) & ~res_nan;
  wire inf_sign  = inf_a_i ? sign_a_i : sign_b_i;
  wire zero_sign = zero_a_i & zero_b_i & sign_a_i & sign_b_i;
  wire invalid   = invalid_a_i | invalid_b_i | inf_minus_inf;

  // ---- The cut (a wire when Cut = 0).
  localparam integer CutW = 2 * Width + ExpWidth + 7;
  wire [Width-1:0]    big_sig_q, jammed_q;
  wire [ExpWidth-1:0] big_exp_q;
  wire                big_sign_q, sub_q, nan_q, inf_q, inf_sign_q, zero_sign_q, invalid_q;
  mg_pipe_reg #(.Width (CutW), .Stages (Cut)) u_cut (
    .clk_i (clk_i),
    .d_i   ({big_sig, jammed, big_exp, big_sign, effective_sub,
             res_nan, res_inf, inf_sign, zero_sign, invalid}),
    .q_o   ({big_sig_q, jammed_q, big_exp_q, big_sign_q, sub_q,
             nan_q, inf_q, inf_sign_q, zero_sign_q, invalid_q})
  );

  wire [Width:0] sum;
  wire           neg;
  mg_add_sig #(
    .Width (Width)
  ) u_add_sig (
    .a_i (big_sig_q), .b_i (jammed_q), .sub_i (sub_q), .sum_o (sum), .neg_o (neg)
  );

  // ---- Normalise; the sum's MSB has exponent big_exp + 1, the count
  // lowers it.  Up to 10 bits by a leading-zero count and a shifter
  // (parallel, shallower; measured: below that the tests save no gates and
  // cost levels); above, by successive zero tests (shift by 2^k when the top
  // 2^k bits are zero, largest k first: the tests are the count, no counter
  // tree).
  wire [NormWidth-1:0]  norm;
  wire [CountWidth-1:0] count;
  genvar k;
  generate
    if (NormWidth <= 10) begin : gen_count
      wire all_zero;
      mg_lzc #(.Width (NormWidth), .CountWidth (CountWidth)) u_lzc (
        .in_i (sum), .count_o (count), .zero_o (all_zero)
      );
      assign norm = sum << count;
      wire unused_ok = &{1'b0, all_zero, 1'b0};
    end else begin : gen_tests
      for (k = Steps; k >= 0; k = k - 1) begin : gen_norm
        wire [NormWidth-1:0]  v;
        wire [CountWidth-1:0] c;
        if (k == Steps) begin : gen_first
          assign v = sum;
          assign c = {CountWidth{1'b0}};
        end else begin : gen_step
          localparam integer Amount = 1 << k;
          localparam [31:0] AmountVec = Amount;
          wire [NormWidth-1:0] prev = gen_norm[k+1].v;
          wire                 top_zero = ~|prev[NormWidth-1 -: Amount];
          assign v = top_zero ? (prev << Amount) : prev;
          assign c = gen_norm[k+1].c | (top_zero ? AmountVec[CountWidth-1:0] : {CountWidth{1'b0}});
        end
      end
      assign norm  = gen_norm[0].v;
      assign count = gen_norm[0].c;
    end
  endgenerate
  wire sum_zero = ~norm[NormWidth-1];
  assign exp_o = big_exp_q + {{(ExpWidth-1){1'b0}}, 1'b1} - {{(ExpWidth-CountWidth){1'b0}}, count};
  generate
    if (SumWidth + 1 > NormWidth) begin : gen_pad
      assign sig_o = {norm, {(SumWidth+1-NormWidth){1'b0}}};
    end else begin : gen_fit
      assign sig_o = norm;
    end
  endgenerate

  wire res_zero = sum_zero & ~nan_q & ~inf_q;
  assign sign_o    = nan_q ? 1'b0 : inf_q ? inf_sign_q : res_zero ? zero_sign_q : (big_sign_q ^ neg);
  assign zero_o    = res_zero;
  assign inf_o     = inf_q;
  assign nan_o     = nan_q;
  assign invalid_o = invalid_q;
endmodule

`default_nettype wire
