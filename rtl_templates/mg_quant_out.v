// mg_quant_out: the outputs of a block converter (hbfp_quant, mx_quant):
// the element codes forced to 0 when kill_i (a zero block, or a NaN/Inf
// input), then the optional output register (Pipe >= 1) on the shared
// exponent or scale, the codes and the flags.  Datapath register, no reset.
`default_nettype none

module mg_quant_out #(
  parameter integer N     = 4,   // code bits
  parameter integer Block = 64,
  parameter integer Pipe  = 0
) (
  input  wire               clk_i,
  input  wire               kill_i,
  input  wire [7:0]         exp_i,
  input  wire [Block*N-1:0] q_i,
  input  wire [4:0]         flags_i,
  output wire [7:0]         exp_o,
  output wire [Block*N-1:0] q_o,
  output wire [4:0]         flags_o
);
  localparam integer OutWidth = 8 + Block*N + 5;
  wire [Block*N-1:0]  q_c = kill_i ? {(Block*N){1'b0}} : q_i;
  wire [OutWidth-1:0] out;
  mg_pipe_reg #(
    .Width  (OutWidth),
    .Stages ((Pipe >= 1) ? 1 : 0)
  ) u_out (
    .clk_i (clk_i),
    .d_i   ({exp_i, q_c, flags_i}),
    .q_o   (out)
  );
  assign exp_o   = out[OutWidth-1 -: 8];
  assign q_o     = out[5 +: Block*N];
  assign flags_o = out[4:0];
endmodule

`default_nettype wire
