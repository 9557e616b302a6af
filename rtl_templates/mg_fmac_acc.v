// mg_fmac_acc: the clocked LBA accumulator (macgen `mac ... acc_reg=1`): an
// mg_fmac whose accumulator input is its own register.
//   rst_ni = 0 (asynchronous, active low): accumulator +0, flags and events 0.
//   clear_i: the register restarts from +0 with flags and events cleared;
//            together with en_i the cycle's product is added to that +0
//            (clear and accumulate the first pair in one cycle).
//   en_i:    acc <= Q_acc(Q_prod(w*a) + acc); flags and events are sticky
//            (ORed over the steps since the last clear or reset).
//   neither: everything holds.
// res_o, flags_o and events_o are the registers themselves.
`default_nettype none

module mg_fmac_acc #(
  parameter integer ExpBitsW = 3, FracBitsW = 4, BiasW = 3, SpecialsW = 2, SubW = 0,
  parameter integer ExpBitsA = 3, FracBitsA = 4, BiasA = 3, SpecialsA = 2, SubA = 0,
  parameter integer ExpBitsP = 4, FracBitsP = 7, BiasP = 7, SpecialsP = 2, SubP = 0,
  parameter integer ExpBitsC = 4, FracBitsC = 7, BiasC = 7, SpecialsC = 2, SubC = 0,
  parameter integer Fused    = 0,
  parameter integer Mode     = 0,
  parameter integer RBits    = 1,
  parameter integer OvfSat   = 0,
  parameter integer NormP    = 0,
  parameter integer NormC    = 0,
  parameter integer ExpWidth = 12
) (
  input  wire                        clk_i,
  input  wire                        rst_ni,
  input  wire                        en_i,
  input  wire                        clear_i,
  input  wire [ExpBitsW+FracBitsW:0] w_i,
  input  wire [ExpBitsA+FracBitsA:0] a_i,
  input  wire [RBits-1:0]            rand_i,
  output wire [ExpBitsC+FracBitsC:0] res_o,
  output wire [4:0]                  flags_o,
  output wire [2:0]                  events_o
);
  localparam integer AccW = ExpBitsC + FracBitsC + 1;

  reg  [AccW-1:0] acc_q;
  reg  [4:0]      flags_q;
  reg  [2:0]      events_q;
  wire [AccW-1:0] acc_in    = clear_i ? {AccW{1'b0}} : acc_q;
  wire [4:0]      flags_in  = clear_i ? 5'b00000 : flags_q;
  wire [2:0]      events_in = clear_i ? 3'b000 : events_q;

  wire [AccW-1:0] step_res;
  wire [4:0]      step_flags;
  wire [2:0]      step_events;
  mg_fmac #(
    .ExpBitsW (ExpBitsW), .FracBitsW (FracBitsW), .BiasW (BiasW), .SpecialsW (SpecialsW), .SubW (SubW),
    .ExpBitsA (ExpBitsA), .FracBitsA (FracBitsA), .BiasA (BiasA), .SpecialsA (SpecialsA), .SubA (SubA),
    .ExpBitsP (ExpBitsP), .FracBitsP (FracBitsP), .BiasP (BiasP), .SpecialsP (SpecialsP), .SubP (SubP),
    .ExpBitsC (ExpBitsC), .FracBitsC (FracBitsC), .BiasC (BiasC), .SpecialsC (SpecialsC), .SubC (SubC),
    .Fused (Fused), .Mode (Mode), .RBits (RBits), .OvfSat (OvfSat), .NormP (NormP), .NormC (NormC),
    .Pipe (0), .ExpWidth (ExpWidth)
  ) u_mac (
    .clk_i (clk_i), .w_i (w_i), .a_i (a_i), .acc_i (acc_in), .rand_i (rand_i),
    .res_o (step_res), .flags_o (step_flags), .events_o (step_events)
  );

  wire [AccW-1:0] acc_d    = en_i ? step_res : acc_in;
  wire [4:0]      flags_d  = en_i ? (flags_in | step_flags) : flags_in;
  wire [2:0]      events_d = en_i ? (events_in | step_events) : events_in;

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      acc_q    <= {AccW{1'b0}};
      flags_q  <= 5'b00000;
      events_q <= 3'b000;
    end else begin
      acc_q    <= acc_d;
      flags_q  <= flags_d;
      events_q <= events_d;
    end
  end

  assign res_o    = acc_q;
  assign flags_o  = flags_q;
  assign events_o = events_q;
endmodule

`default_nettype wire
