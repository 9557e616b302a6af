// mg_add_sig: the significand adder.  Adds or subtracts two aligned
// magnitudes; a negative difference comes out as its magnitude with neg_o set.
//
// One compound adder, no second carry chain: with bb = sub_i ? ~b_i : b_i,
// a parallel-prefix (Sklansky) carry tree over p = a ^ bb, g = a & bb gives
// both s0 = a + bb and s1 = a + bb + 1 (bit i's carry is G[i-1] for s0 and
// G[i-1] | P[i-1] for s1).  Then
//   add:               {carry0, s0}
//   sub, a >= b:       s1 = a - b          (carry1 = 1)
//   sub, a <  b:       ~s0 = b - a, neg_o  (a + ~b = 2^W - 1 - (b - a))
// so the magnitude costs one prefix tree and a mux, log2(Width) levels deep.
`default_nettype none

module mg_add_sig #(
  parameter integer Width = 16
) (
  input  wire [Width-1:0] a_i,
  input  wire [Width-1:0] b_i,
  input  wire             sub_i,
  output wire [Width:0]   sum_o,
  output wire             neg_o
);
  localparam integer Levels = (Width > 1) ? $clog2(Width) : 1;

  wire [Width-1:0] bb = sub_i ? ~b_i : b_i;
  wire [Width-1:0] p  = a_i ^ bb;

  // Sklansky prefix: after level k, gg[i]/pp[i] cover bits down to the start
  // of i's 2^k-aligned block.  Bit i takes the block below its own when bit k
  // of i is set (one always block, unrolled by every tool).
  reg [Width-1:0] gg, pp;
  integer k, i;
  always @* begin
    gg = a_i & bb;
    pp = p;
    for (k = 0; k < Levels; k = k + 1) begin
      for (i = Width - 1; i >= 0; i = i - 1) begin
        if (((i >> k) & 1) == 1) begin
          // ((i >> k) << k) - 1: the top bit of the block below
          gg[i] = gg[i] | (pp[i] & gg[((i >> k) << k) - 1]);
          pp[i] = pp[i] & pp[((i >> k) << k) - 1];
        end
      end
    end
  end

  // Bit i of the result is p_i ^ x_i with x_i the carry into bit i of the
  // chosen sum: c0 (add), c0 | P (sub, s1), or ~c0 (sub, ~s0).
  wire             carry0 = gg[Width-1];
  wire             carry1 = gg[Width-1] | pp[Width-1];
  wire             neg    = sub_i & ~carry1;
  wire             pick1  = sub_i & carry1;
  wire [Width-1:0] c0     = {gg[Width-2:0], 1'b0};
  wire [Width-1:0] up     = {pp[Width-2:0], 1'b1};
  wire [Width-1:0] x      = (c0 | ({Width{pick1}} & up)) ^ {Width{neg}};

  assign sum_o = {carry0 & ~sub_i, p ^ x};
  assign neg_o = neg;
endmodule

`default_nettype wire
