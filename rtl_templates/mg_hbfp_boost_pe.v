// mg_hbfp_boost_pe: the processing element of the 6x4 Accuracy Booster
// array (`hbfp_array n=4 boost=6 boost_pe=6x4`; docs/hbfp_array.md): the
// plain HBFP PE (mg_hbfp_pe) with a WBits-bit weight and an ABits-bit
// activation.  A 6-bit pass multiplies the 6-bit weight mantissa by one
// 3-bit digit of the activation per cycle (high digit h in [-4, 3], then
// low digit l in [0, 7]); a 4-bit pass holds the 4-bit weight mantissa
// sign-extended to WBits and multiplies it by the whole 4-bit activation.
//
//   a_q    <= a_i                  (to the PE on the right)
//   psum_q <= psum_i + w_q * a_i   (to the PE below, or the join stage)
//   w_q    <= load_i ? w_i : w_q   (w_o = w_q: the load chain runs downwards)
//
// Products are at most 31 * 7 in magnitude, so a block of B needs
// SumWidth = WBits + ABits - 1 + log2(B) bits; the caller sizes it.
`default_nettype none

module mg_hbfp_boost_pe #(
  parameter integer WBits    = 6,
  parameter integer ABits    = 4,
  parameter integer SumWidth = 13
) (
  input  wire                clk_i,
  input  wire                rst_ni,
  input  wire                load_i,
  input  wire [WBits-1:0]    w_i,
  output wire [WBits-1:0]    w_o,
  input  wire [ABits-1:0]    a_i,
  output wire [ABits-1:0]    a_o,
  input  wire [SumWidth-1:0] psum_i,
  output wire [SumWidth-1:0] psum_o
);
  localparam integer ProdWidth = WBits + ABits;

  reg [WBits-1:0]    w_q;
  reg [ABits-1:0]    a_q;
  reg [SumWidth-1:0] psum_q;

  // Signed product as a plain product of operands sign-extended to its width.
  wire [ProdWidth-1:0] w_ext    = {{ABits{w_q[WBits-1]}}, w_q};
  wire [ProdWidth-1:0] a_ext    = {{WBits{a_i[ABits-1]}}, a_i};
  wire [ProdWidth-1:0] prod     = w_ext * a_ext;
  wire [SumWidth-1:0]  prod_ext = {{(SumWidth-ProdWidth){prod[ProdWidth-1]}}, prod};

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      w_q    <= {WBits{1'b0}};
      a_q    <= {ABits{1'b0}};
      psum_q <= {SumWidth{1'b0}};
    end else begin
      if (load_i) begin
        w_q <= w_i;
      end
      a_q    <= a_i;
      psum_q <= psum_i + prod_ext;
    end
  end

  assign w_o    = w_q;
  assign a_o    = a_q;
  assign psum_o = psum_q;
endmodule

`default_nettype wire
