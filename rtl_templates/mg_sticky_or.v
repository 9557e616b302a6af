// mg_sticky_or: the sticky status bits a PE passes down its column (flags,
// events): q_o <= (col_i delayed by Stages cycles) | step_i, a register with
// an asynchronous reset.  The delay lines col_i up with a step result that
// leaves a Stages-deep pipeline.  On = 0: no register and no logic (q_o = 0,
// the inputs unused), for lean PEs without flags or events.
`default_nettype none

module mg_sticky_or #(
  parameter integer Width  = 5,
  parameter integer Stages = 0,
  parameter integer On     = 1
) (
  input  wire             clk_i,
  input  wire             rst_ni,
  input  wire [Width-1:0] col_i,   // the column's bits so far, from the PE above
  input  wire [Width-1:0] step_i,  // this PE's step
  output wire [Width-1:0] q_o
);
  generate
    if (On != 0) begin : gen_on
      wire [Width-1:0] col_d;
      reg  [Width-1:0] sticky_q;
      mg_pipe_reg #(.Width (Width), .Stages (Stages)) u_col_d (.clk_i (clk_i), .d_i (col_i), .q_o (col_d));
      always @(posedge clk_i or negedge rst_ni) begin
        if (!rst_ni) sticky_q <= {Width{1'b0}};
        else sticky_q <= col_d | step_i;
      end
      assign q_o = sticky_q;
    end else begin : gen_off
      assign q_o = {Width{1'b0}};
      wire unused_ok = &{1'b0, clk_i, rst_ni, col_i, step_i, 1'b0};
    end
  endgenerate
endmodule

`default_nettype wire
