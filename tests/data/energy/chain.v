// Known-answer netlist of tests/energy_known.sh (see README.md here and docs/energy.md).
module chain4 (a_i, y_o);
  input a_i;
  output y_o;
  wire n1, n2, n3;
  INVX1 u0 (.A(a_i), .Y(n1));
  INVX1 u1 (.A(n1), .Y(n2));
  INVX1 u2 (.A(n2), .Y(n3));
  INVX1 u3 (.A(n3), .Y(y_o));
endmodule
