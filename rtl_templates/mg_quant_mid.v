// mg_quant_mid: the optional cut of a block converter (hbfp_quant, mx_quant)
// between the shared exponent or scale (the max tree) and the elements
// (Pipe >= 2): the FP32 inputs, their random words and SideBits bits of the
// exponent logic's results.  Datapath register, no reset.
`default_nettype none

module mg_quant_mid #(
  parameter integer Block    = 64,
  parameter integer RBits    = 1,
  parameter integer SideBits = 8,
  parameter integer Pipe     = 0
) (
  input  wire                   clk_i,
  input  wire [Block*32-1:0]    x_i,
  input  wire [Block*RBits-1:0] rand_i,
  input  wire [SideBits-1:0]    side_i,
  output wire [Block*32-1:0]    x_o,
  output wire [Block*RBits-1:0] rand_o,
  output wire [SideBits-1:0]    side_o
);
  localparam integer MidWidth = Block*32 + Block*RBits + SideBits;
  wire [MidWidth-1:0] mid;
  mg_pipe_reg #(
    .Width  (MidWidth),
    .Stages ((Pipe >= 2) ? 1 : 0)
  ) u_mid (
    .clk_i (clk_i),
    .d_i   ({x_i, rand_i, side_i}),
    .q_o   (mid)
  );
  assign x_o    = mid[MidWidth-1 -: Block*32];
  assign rand_o = mid[SideBits +: Block*RBits];
  assign side_o = mid[SideBits-1:0];
endmodule

`default_nettype wire
