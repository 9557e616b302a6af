// Known-answer netlist of tests/energy_known.sh (see README.md here and docs/energy.md).
module dff1 (clk_i, d_i, q_o);
  input clk_i;
  input d_i;
  output q_o;
  DFFPOSX1 u0 (.CLK(clk_i), .D(d_i), .Q(q_o));
endmodule
