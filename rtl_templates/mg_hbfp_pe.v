// mg_hbfp_pe: one processing element of the weight-stationary HBFP array
// (docs/spec/hbfp.md section 4).  It holds one n-bit two's-complement weight mantissa,
// multiplies it by the activation mantissa entering from the left, adds the
// exact product into the fixed-point partial sum entering from above, and
// registers both: the activation goes on to the right, the sum goes down.
//
//   a_q    <= a_i                  (to the PE on the right)
//   psum_q <= psum_i + w_q * a_i   (to the PE below, or the edge unit)
//   w_q    <= load_i ? w_i : w_q   (w_o = w_q: the load chain runs downwards)
//
// Mantissas never hold -2^(N-1) (docs/spec/hbfp.md section 1), so a product needs
// 2N-1 bits and a block sum SumWidth = 2N - 1 + log2(B) bits; the caller
// sizes SumWidth, and the sum wraps (two's complement) beyond it.
`default_nettype none

module mg_hbfp_pe #(
  parameter integer N        = 4,   // mantissa bits including the sign
  parameter integer SumWidth = 12   // partial-sum width, > 2N
) (
  input  wire                clk_i,
  input  wire                rst_ni,
  input  wire                load_i,   // shift the weight chain down one row
  input  wire [N-1:0]        w_i,      // weight from the PE above (or the input)
  output wire [N-1:0]        w_o,      // this PE's weight, to the PE below
  input  wire [N-1:0]        a_i,      // activation from the left
  output wire [N-1:0]        a_o,      // activation, one cycle later, to the right
  input  wire [SumWidth-1:0] psum_i,   // partial sum from above
  output wire [SumWidth-1:0] psum_o    // partial sum including this row, registered
);
  reg [N-1:0]        w_q;
  reg [N-1:0]        a_q;
  reg [SumWidth-1:0] psum_q;

  // Signed product as a plain 2N-bit product of sign-extended operands:
  // its low 2N bits are exact because |w * a| < 2^(2N-2).
  wire [2*N-1:0] w_ext = {{N{w_q[N-1]}}, w_q};
  wire [2*N-1:0] a_ext = {{N{a_i[N-1]}}, a_i};
  wire [2*N-1:0] prod  = w_ext * a_ext;
  wire [SumWidth-1:0] prod_ext = {{(SumWidth-2*N){prod[2*N-1]}}, prod};

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      w_q    <= {N{1'b0}};
      a_q    <= {N{1'b0}};
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
