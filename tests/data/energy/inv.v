// Known-answer netlist of tests/energy_known.sh (see README.md here and docs/energy.md).
module inv1 (a_i, y_o);
  input a_i;
  output y_o;
  INVX1 u0 (.A(a_i), .Y(y_o));
endmodule
