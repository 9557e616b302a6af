// mg_imac: the integer MAC baseline, res = acc + w * a on two's-complement
// integers (w: WBits, a: ABits, acc and res: AccBits), combinational.
//   Sat = 0: the sum wraps modulo 2^AccBits.
//   Sat = 1: a sum outside the AccBits range saturates to its nearer end.
// ovf_o: the exact sum is outside the AccBits range (it wrapped or saturated).
`default_nettype none

module mg_imac #(
  parameter integer WBits   = 8,
  parameter integer ABits   = 8,
  parameter integer AccBits = 32,
  parameter integer Sat     = 0
) (
  input  wire [WBits-1:0]   w_i,
  input  wire [ABits-1:0]   a_i,
  input  wire [AccBits-1:0] acc_i,
  output wire [AccBits-1:0] res_o,
  output wire               ovf_o
);
  localparam integer ProdBits = WBits + ABits;
  // One bit more than the wider addend: the exact sum always fits.
  localparam integer SumBits  = ((ProdBits > AccBits) ? ProdBits : AccBits) + 1;

  // The exact product: both operands sign-extended to ProdBits bits.
  wire [ProdBits-1:0] w_ext = {{ABits{w_i[WBits-1]}}, w_i};
  wire [ProdBits-1:0] a_ext = {{WBits{a_i[ABits-1]}}, a_i};
  wire [ProdBits-1:0] prod  = w_ext * a_ext;

  wire [SumBits-1:0] sum = {{(SumBits-ProdBits){prod[ProdBits-1]}}, prod} +
                           {{(SumBits-AccBits){acc_i[AccBits-1]}}, acc_i};

  // In range iff every bit from AccBits-1 up equals the sign.
  wire [SumBits-AccBits:0] top = sum[SumBits-1:AccBits-1];
  wire                     ovf = ~((&top) | ~(|top));

  wire [AccBits-1:0] most  = {1'b0, {(AccBits-1){1'b1}}};
  wire [AccBits-1:0] least = {1'b1, {(AccBits-1){1'b0}}};
  wire [AccBits-1:0] limit = sum[SumBits-1] ? least : most;

  assign res_o = (Sat != 0 && ovf) ? limit : sum[AccBits-1:0];
  assign ovf_o = ovf;
endmodule

`default_nettype wire
