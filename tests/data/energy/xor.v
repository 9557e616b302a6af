// Known-answer netlist of tests/energy_known.sh (see README.md here and docs/energy.md).
module xor2 (a_i, b_i, y_o);
  input a_i;
  input b_i;
  output y_o;
  XOR2X1 u0 (.A(a_i), .B(b_i), .Y(y_o));
endmodule
