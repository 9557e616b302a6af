// protocol_check_tb: the MG_CHECK_PROTOCOL checks of an hbfp_array under
// Icarus Verilog (tests/hbfp_verify.sh), as an integrator's own testbench
// would meet them: `macgen rtl hbfp_array rows=8 cols=2 n=4 block=4 pipe=0`
// (G = 2, Lat = 4, so a wavefront started in cycle t drains in cycle
// t + Lat + Cols - 1 = t + 5).  Every input but the controls stays 0.
//   cycles 0..7   a load: load_w_i in all 8, load_e_i in cycles 0 and 5
//   cycle  8      a wavefront                     (drained in cycle 13)
//   cycles 13..20 a load from the drain cycle on  (legal: no report)
//   cycle  21     a wavefront                     (drained in cycle 26)
//   cycles 25..   a load one cycle early          (reported: cycle 25)
//   cycle  33     a wavefront after a load of 7 load_w_i cycles (reported)
// The script counts the reports: exactly two.
`timescale 1ns / 1ps
`default_nettype none

module protocol_check_tb;
  reg         clk = 1'b0;
  reg         rst_n = 1'b0;
  reg         load_w = 1'b0, load_e = 1'b0, valid = 1'b0;
  wire [63:0] acc_o;
  wire [9:0]  flags_o;
  wire [1:0]  valid_o;
  integer     cycle;

  mg_hbfp_array_top u_dut (
    .clk_i (clk), .rst_ni (rst_n), .load_w_i (load_w), .w_i (8'd0), .load_e_i (load_e), .eb_i (16'd0),
    .valid_i (valid), .a_i (32'd0), .ea_i (16'd0), .en_i (2'd0), .acc_i (64'd0),
    .acc_o (acc_o), .flags_o (flags_o), .valid_o (valid_o)
  );

  always #5 clk = ~clk;

  // The controls of cycle c (counted from the release of rst_ni), set
  // after each rising edge.
  task drive(input integer c);
    begin
      load_w = (c >= 0 && c <= 7) || (c >= 13 && c <= 20) || (c >= 25 && c <= 31);
      load_e = c == 0 || c == 5 || c == 13 || c == 14 || c == 25 || c == 26;
      valid  = c == 8 || c == 21 || c == 33;
    end
  endtask

  initial begin
    drive(-1);
    #12 rst_n = 1'b1;  // released between two rising edges
    for (cycle = 0; cycle < 45; cycle = cycle + 1) begin
      drive(cycle);
      @(posedge clk);
      #1;
    end
    $display("protocol_check_tb: done, valid_o %b", valid_o);
    $finish;
  end
endmodule

`default_nettype wire
