// mg_pipe_reg: Stages pipeline registers on a bundle of Width bits (a plain
// wire when Stages = 0).  Datapath registers: no reset, no enable; the unit
// that instantiates them documents where its cut points are.
`default_nettype none

module mg_pipe_reg #(
  parameter integer Width  = 8,
  parameter integer Stages = 1
) (
  input  wire             clk_i,
  input  wire [Width-1:0] d_i,
  output wire [Width-1:0] q_o
);
  // chain[s*Width +: Width] is the input of stage s; the last slice is q_o.
  wire [Width*(Stages+1)-1:0] chain;
  assign chain[Width-1:0] = d_i;

  genvar s;
  generate
    if (Stages == 0) begin : gen_wire
      wire unused_ok = &{1'b0, clk_i, 1'b0};
    end else begin : gen_regs
      for (s = 0; s < Stages; s = s + 1) begin : gen_stage
        reg [Width-1:0] stage_q;
        always @(posedge clk_i) stage_q <= chain[s*Width +: Width];
        assign chain[(s+1)*Width +: Width] = stage_q;
      end
    end
  endgenerate

  assign q_o = chain[Stages*Width +: Width];
endmodule

`default_nettype wire
