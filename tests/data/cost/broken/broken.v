// Deliberately invalid Verilog (a missing semicolon) for the failure tests.
module broken (input wire a_i, output wire y_o)
    assign y_o = a_i;
endmodule
