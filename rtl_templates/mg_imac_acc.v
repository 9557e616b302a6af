// mg_imac_acc: the clocked integer accumulator (macgen `imac ... acc_reg=1`):
// an mg_imac whose accumulator input is its own register.  Control as in
// mg_fmac_acc: rst_ni (asynchronous, active low) and clear_i zero the
// register and the sticky overflow flag; en_i adds w*a (onto 0 when clear_i
// is high in the same cycle); otherwise everything holds.
`default_nettype none

module mg_imac_acc #(
  parameter integer WBits   = 8,
  parameter integer ABits   = 8,
  parameter integer AccBits = 32,
  parameter integer Sat     = 0
) (
  input  wire               clk_i,
  input  wire               rst_ni,
  input  wire               en_i,
  input  wire               clear_i,
  input  wire [WBits-1:0]   w_i,
  input  wire [ABits-1:0]   a_i,
  output wire [AccBits-1:0] res_o,
  output wire               ovf_o
);
  reg  [AccBits-1:0] acc_q;
  reg                ovf_q;
  wire [AccBits-1:0] acc_in = clear_i ? {AccBits{1'b0}} : acc_q;
  wire               ovf_in = clear_i ? 1'b0 : ovf_q;

  wire [AccBits-1:0] step_res;
  wire               step_ovf;
  mg_imac #(
    .WBits (WBits), .ABits (ABits), .AccBits (AccBits), .Sat (Sat)
  ) u_mac (
    .w_i (w_i), .a_i (a_i), .acc_i (acc_in), .res_o (step_res), .ovf_o (step_ovf)
  );

  wire [AccBits-1:0] acc_d = en_i ? step_res : acc_in;
  wire               ovf_d = en_i ? (ovf_in | step_ovf) : ovf_in;

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      acc_q <= {AccBits{1'b0}};
      ovf_q <= 1'b0;
    end else begin
      acc_q <= acc_d;
      ovf_q <= ovf_d;
    end
  end

  assign res_o = acc_q;
  assign ovf_o = ovf_q;
endmodule

`default_nettype wire
