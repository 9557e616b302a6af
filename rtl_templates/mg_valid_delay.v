// mg_valid_delay: a systolic array's valid_o: valid_i through a shift register
// of Depth flip-flops (asynchronous active-low reset to 0), tapped at its
// last Taps stages, so valid_o[c] is valid_i delayed by Depth - Taps + 1 + c
// cycles (column c of an array whose results leave one column per cycle).
// Depth >= 2, Taps <= Depth.
`default_nettype none

module mg_valid_delay #(
  parameter integer Depth = 4,
  parameter integer Taps  = 1
) (
  input  wire            clk_i,
  input  wire            rst_ni,
  input  wire            valid_i,
  output wire [Taps-1:0] valid_o
);
  reg [Depth-1:0] valid_q;
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      valid_q <= {Depth{1'b0}};
    end else begin
      valid_q <= {valid_q[Depth-2:0], valid_i};
    end
  end
  assign valid_o = valid_q[Depth-1 -: Taps];
  // The first Depth - Taps stages only delay.
  wire unused_ok = &{1'b0, valid_q, 1'b0};
endmodule

`default_nettype wire
