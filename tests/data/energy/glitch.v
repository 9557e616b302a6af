// Known-answer netlist of tests/energy_known.sh (see README.md here and docs/energy.md).
module glitch9 (a_i, y_o);
  input a_i;
  output y_o;
  wire n1, n2, n3, n4, n5, n6, n7, n8, n9;
  INVX1 u1 (.A(a_i), .Y(n1));
  INVX1 u2 (.A(n1), .Y(n2));
  INVX1 u3 (.A(n2), .Y(n3));
  INVX1 u4 (.A(n3), .Y(n4));
  INVX1 u5 (.A(n4), .Y(n5));
  INVX1 u6 (.A(n5), .Y(n6));
  INVX1 u7 (.A(n6), .Y(n7));
  INVX1 u8 (.A(n7), .Y(n8));
  INVX1 u9 (.A(n8), .Y(n9));
  XOR2X1 ux (.A(a_i), .B(n9), .Y(y_o));
endmodule
