// mg_hbfp_boost_join: the Accuracy Booster array's join stage, one per group
// and column, between the group's bottom PE and its edge unit
// (docs/spec/hbfp.md section 7, docs/hbfp_array.md "Accuracy Booster").  It
// hands the edge unit one exact block sum S in units of the 6-bit product's
// last bit, whatever the pass's mode:
//
//   4-bit pass (boost_i = 0):  S = S4 * 2^Scale        (Scale = 2*(Mb - M))
//   6-bit pass (boost_i = 1):  S = 64*S_hh + 8*(S_hl + S_lh) + S_ll
//
// so that one edge unit, built for the 6-bit block sum (exponent offset
// -2*Mb), converts both exactly: S4 * 2^(Ea+Eb-2M) = (S4 * 2^Scale) *
// 2^(Ea+Eb-2Mb).  A 6-bit mantissa q is split q = 8h + l (h in [-4, 3],
// l in [0, 7]); row x of X enters as two slots, its high digits first, its
// low digits in the next cycle.
//
// Kind 0 / 1 (4x4 PEs): a 6-bit weight's digits sit in a column pair, h_w
// in the left (Kind 0) and l_w in the right (Kind 1) column.  The left join
// sees S_hh then S_hl in consecutive cycles and registers
// P = 8*S_hh + S_hl (part_o); the right join sees S_lh then S_ll, one
// cycle behind its neighbour, and forms S = 8*(P + S_lh) + S_ll when S_ll
// arrives.  Kind 2 (6x4 PEs: a 6-bit weight times one activation digit):
// one column sees S_h then S_l and forms S = 8*S_h + S_l.
//
// The joins run every cycle without knowing which slot is which: the sum
// they hand on in a row's low-digit slot is the row's S, in its high-digit
// slot garbage that the array marks invalid.  The arithmetic is modulo
// 2^OutWidth, which is exact because every S fits OutWidth bits
// (|S| <= 31*31*B < 2^(OutWidth-1)).  Kind 1 and 2 hand S on as sign and
// magnitude, sum_o = {S < 0, |S|} (OutWidth - 1 magnitude bits), with the
// magnitude's leading-zero count count_o, for mg_hbfp_boost_edge; Kind 0
// (whose edge unit is an HBFP4 one) hands on S4 * 2^Scale in two's
// complement (count_o = 0).  Every output is a register: the recombination,
// the negation and the count add one cycle of latency in both modes and
// never lengthen the edge unit's paths.
`default_nettype none

module mg_hbfp_boost_join #(
  parameter integer Kind        = 1,   // 0: high-digit column, 1: low-digit column, 2: 6x4 PE column
  parameter integer SumWidth    = 11,  // psum_i: the PE column's sum
  parameter integer NarrowWidth = 11,  // a 4-bit pass's sum: 2n - 1 + log2(B) (= SumWidth for Kind 0, 1)
  parameter integer OutWidth    = 15,  // the edge unit's block sum: 2*boost - 1 + log2(B)
  parameter integer PartWidth   = 12,  // P = 8*S_hh + S_hl = sum h_a*q_b (Kind 0 and 1): |P| <= 124*B
  parameter integer DigitBits   = 3    // width of the low digit l
) (
  input  wire                 clk_i,
  input  wire                 rst_ni,
  input  wire                 boost_i,  // the pass's mode: 1 = 6-bit
  input  wire [SumWidth-1:0]  psum_i,   // this cycle's column sum from the bottom PE
  input  wire [PartWidth-1:0] part_i,   // Kind 1: the left neighbour's P (a register there)
  output wire [PartWidth-1:0] part_o,   // Kind 0: P, registered, to the right neighbour
  output wire [OutWidth-1:0]  sum_o,    // registered block sum, to the edge unit
  output wire [$clog2(OutWidth)-1:0] count_o  // Kind 1, 2: registered leading-zero count of |S|
);
  localparam integer Scale      = OutWidth - NarrowWidth;
  localparam integer CountWidth = $clog2(OutWidth);  // counts 0..OutWidth-1 (all zero: OutWidth-1)

  // The 4-bit pass's sum, moved up to the 6-bit sum's last bit.
  wire [OutWidth-1:0] narrow = {psum_i[NarrowWidth-1:0], {Scale{1'b0}}};
  wire [OutWidth-1:0] sum_d;
  reg  [OutWidth-1:0] sum_q;

  generate
    if (Kind == 0) begin : gen_high
      // Last cycle's column sum is the top of sum_q (S_hh when psum_i is S_hl).
      wire [SumWidth-1:0]  prev   = sum_q[OutWidth-1 -: SumWidth];
      wire [PartWidth-1:0] prev_x = {{(PartWidth-SumWidth){prev[SumWidth-1]}}, prev};
      wire [PartWidth-1:0] cur_x  = {{(PartWidth-SumWidth){psum_i[SumWidth-1]}}, psum_i};
      reg  [PartWidth-1:0] part_q;
      always @(posedge clk_i or negedge rst_ni) begin
        if (!rst_ni) begin
          part_q <= {PartWidth{1'b0}};
        end else begin
          part_q <= (prev_x << DigitBits) + cur_x;
        end
      end
      assign part_o = part_q;
      assign sum_d  = narrow;
      assign count_o = {CountWidth{1'b0}};
      wire unused_ok = &{1'b0, boost_i, part_i, 1'b0};
    end else begin : gen_low
      // Last cycle's column sum: S_lh (Kind 1) or S_h (Kind 2).
      reg [SumWidth-1:0] s_q;
      always @(posedge clk_i or negedge rst_ni) begin
        if (!rst_ni) begin
          s_q <= {SumWidth{1'b0}};
        end else begin
          s_q <= psum_i;
        end
      end
      wire [OutWidth-1:0] prev_x = {{(OutWidth-SumWidth){s_q[SumWidth-1]}}, s_q};
      wire [OutWidth-1:0] cur_x  = {{(OutWidth-SumWidth){psum_i[SumWidth-1]}}, psum_i};
      wire [OutWidth-1:0] high;
      if (Kind == 1) begin : gen_pair
        wire [OutWidth-1:0] part_x = {{(OutWidth-PartWidth){part_i[PartWidth-1]}}, part_i};
        assign high = part_x + prev_x;
      end else begin : gen_single
        assign high = prev_x;
        wire unused_ok = &{1'b0, part_i, 1'b0};
      end
      // The block sum in two's complement, then as sign, magnitude and the
      // magnitude's leading-zero count for mg_hbfp_boost_edge (|S| <
      // 2^(OutWidth-1)): the negation and the count sit here, where the
      // cycle has slack, and not in the edge unit's conversion.
      wire [OutWidth-1:0] sum_tc = boost_i ? (high << DigitBits) + cur_x : narrow;
      wire                sign   = sum_tc[OutWidth-1];
      wire [OutWidth-2:0] mag    = sign ? ~sum_tc[OutWidth-2:0] + {{(OutWidth-2){1'b0}}, 1'b1} : sum_tc[OutWidth-2:0];
      wire [CountWidth-1:0] count;
      wire                  mag_zero;
      mg_lzc #(
        .Width      (OutWidth - 1),
        .CountWidth (CountWidth)
      ) u_lzc (
        .in_i    (mag),
        .count_o (count),
        .zero_o  (mag_zero)
      );
      reg [CountWidth-1:0] count_q;
      always @(posedge clk_i or negedge rst_ni) begin
        if (!rst_ni) begin
          count_q <= {CountWidth{1'b0}};
        end else begin
          count_q <= count;
        end
      end
      assign count_o = count_q;
      assign sum_d   = {sign, mag};
      assign part_o  = {PartWidth{1'b0}};
      wire unused_ok = &{1'b0, mag_zero, 1'b0};
    end
  endgenerate

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      sum_q <= {OutWidth{1'b0}};
    end else begin
      sum_q <= sum_d;
    end
  end
  assign sum_o = sum_q;
endmodule

`default_nettype wire
