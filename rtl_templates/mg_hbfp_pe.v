// mg_hbfp_pe: one processing element of the weight-stationary block array
// (docs/spec/hbfp.md section 4; docs/spec/mx.md section 7 for MX).  It holds one weight
// element, multiplies it by the activation element entering from the left,
// adds the exact product into the fixed-point partial sum entering from
// above, and registers both: the activation goes on to the right, the sum
// goes down.
//
//   a_q    <= a_i                  (to the PE on the right)
//   psum_q <= psum_i + w_q * a_i   (to the PE below, or the edge unit)
//   w_q    <= load_i ? w_i : w_q   (w_o = w_q: the load chain runs downwards)
//
// ElemExp = 0: elements are N-bit two's-complement integers (HBFPn, MXINT8).
// HBFP mantissas never hold -2^(N-1), so a product needs 2N-1 bits; MXINT8's
// -128 * -128 = 2^14 still fits the 2N-bit signed product.
// ElemExp > 0: elements are small floats S.E.M (MX; subnormals kept).  The
// product of the two significands ((M+1) x (M+1) bits) is shifted left by
// the sum of the two exponent distances max(field,1) - 1, which places it
// exactly in units of the squared smallest subnormal, then negated when the
// signs differ.  MagWidth is the bit length of the largest element magnitude
// in those units, so a product needs 2*MagWidth bits.
// SpecBits = 4 (formats with Inf/NaN): the partial sum carries four sticky
// bits above its SumWidth sum bits, {invalid, nan, +inf, -inf} of the
// products so far (docs/spec mul rules); a special product adds 0 to the sum.
// The caller sizes SumWidth; the sum wraps (two's complement) beyond it.
`default_nettype none

module mg_hbfp_pe #(
  parameter integer N            = 4,   // element bits (HBFP: mantissa incl. sign)
  parameter integer SumWidth     = 12,  // partial-sum width
  parameter integer ElemExp      = 0,   // 0: integer elements; else exponent bits E
  parameter integer ElemFrac     = 3,   // float elements: fraction bits M
  parameter integer ElemSpecials = 2,   // float elements: 0 ieee, 1 fn, 2 fin
  parameter integer MagWidth     = 4,   // float elements: largest magnitude's bits
  parameter integer SpecBits     = 0    // 0, or 4 for formats with Inf/NaN
) (
  input  wire                         clk_i,
  input  wire                         rst_ni,
  input  wire                         load_i,  // shift the weight chain down one row
  input  wire [N-1:0]                 w_i,     // weight from the PE above (or the input)
  output wire [N-1:0]                 w_o,     // this PE's weight, to the PE below
  input  wire [N-1:0]                 a_i,     // activation from the left
  output wire [N-1:0]                 a_o,     // activation, one cycle later, to the right
  input  wire [SumWidth+SpecBits-1:0] psum_i,  // partial sum from above
  output wire [SumWidth+SpecBits-1:0] psum_o   // partial sum including this row, registered
);
  localparam integer PsumWidth = SumWidth + SpecBits;

  reg [N-1:0]         w_q;
  reg [N-1:0]         a_q;
  reg [PsumWidth-1:0] psum_q;
  wire [PsumWidth-1:0] psum_d;

  generate
    if (ElemExp == 0) begin : gen_int
      // Signed product as a plain 2N-bit product of sign-extended operands.
      wire [2*N-1:0] w_ext = {{N{w_q[N-1]}}, w_q};
      wire [2*N-1:0] a_ext = {{N{a_i[N-1]}}, a_i};
      wire [2*N-1:0] prod  = w_ext * a_ext;
      wire [SumWidth-1:0] prod_ext = {{(SumWidth-2*N){prod[2*N-1]}}, prod};
      // Integer elements have no specials: SpecBits is 0 here.
      assign psum_d = psum_i + prod_ext;
    end else begin : gen_float
      localparam integer SigW = ElemFrac + 1;
      wire [2*N-1:0]       ops = {a_i, w_q};
      wire [1:0]           sgn, zero, inf, nan, snan;
      wire [2*SigW-1:0]    sig;
      wire [2*ElemExp-1:0] edist;
      genvar o;
      for (o = 0; o < 2; o = o + 1) begin : gen_op
        wire [N-1:0]        x  = ops[o*N +: N];
        wire [ElemExp-1:0]  ef = x[N-2 -: ElemExp];
        wire [ElemFrac-1:0] fr = x[ElemFrac-1:0];
        wire ef_zero = ~|ef;
        wire ef_ones = &ef;
        assign sgn[o]  = x[N-1];
        assign zero[o] = ef_zero & ~|fr;
        assign inf[o]  = (ElemSpecials == 0) & ef_ones & ~|fr;
        assign nan[o]  = ((ElemSpecials == 0) & ef_ones & (|fr)) | ((ElemSpecials == 1) & ef_ones & (&fr));
        assign snan[o] = (ElemSpecials == 0) & ef_ones & (|fr) & ~fr[ElemFrac-1];
        assign sig[o*SigW +: SigW]        = {~ef_zero, fr};
        assign edist[o*ElemExp +: ElemExp] = ef_zero ? {ElemExp{1'b0}} : ef - {{(ElemExp-1){1'b0}}, 1'b1};
      end
      wire [2*SigW-1:0]     sp    = sig[SigW-1:0] * sig[2*SigW-1:SigW];
      wire [ElemExp:0]      shift = {1'b0, edist[ElemExp-1:0]} + {1'b0, edist[2*ElemExp-1:ElemExp]};
      wire [2*MagWidth-1:0] mag   = {{(2*MagWidth-2*SigW){1'b0}}, sp} << shift;
      wire                  neg   = sgn[0] ^ sgn[1];
      wire                  any_nan  = |nan;
      wire                  inf_zero = (inf[0] & zero[1]) | (inf[1] & zero[0]);
      wire                  p_nan    = any_nan | inf_zero;
      wire                  p_inf    = ~p_nan & (|inf);
      wire                  special  = (|nan) | (|inf);
      wire [SumWidth-1:0]   mag_ext  = special ? {SumWidth{1'b0}} : {{(SumWidth-2*MagWidth){1'b0}}, mag};
      wire [SumWidth-1:0]   prod     = neg ? (~mag_ext + {{(SumWidth-1){1'b0}}, 1'b1}) : mag_ext;
      wire [SumWidth-1:0]   sum_d    = psum_i[SumWidth-1:0] + prod;
      if (SpecBits > 0) begin : gen_spec
        // {invalid, nan, +inf, -inf}: sticky down the column.
        wire [3:0] spec_p = {(|snan) | (~any_nan & inf_zero), p_nan, p_inf & ~neg, p_inf & neg};
        assign psum_d = {psum_i[SumWidth +: 4] | spec_p, sum_d};
      end else begin : gen_nospec
        wire unused_spec = &{1'b0, snan, p_nan, p_inf, 1'b0};
        assign psum_d = sum_d;
      end
    end
  endgenerate

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      w_q    <= {N{1'b0}};
      a_q    <= {N{1'b0}};
      psum_q <= {PsumWidth{1'b0}};
    end else begin
      if (load_i) begin
        w_q <= w_i;
      end
      a_q    <= a_i;
      psum_q <= psum_d;
    end
  end

  assign w_o    = w_q;
  assign a_o    = a_q;
  assign psum_o = psum_q;
endmodule

`default_nettype wire
