// mg_mac_array_pe: one processing element of the weight-stationary float
// MAC array (docs/mac_array.md): the same dataflow as mg_hbfp_pe, with the
// unfused MAC step of mg_fmac (docs/spec/operations.md section 3) instead of a fixed-point
// multiply-add.  It holds one weight (loaded by a shift chain), takes the
// activation from the left and the running sum from above, and registers:
//
//   a_q      <= a_i                                   (to the PE on the right)
//   psum_q   <= Q_acc(Q_prod(w_q * a_i) + psum_i)     (to the PE below)
//   flags_q  <= flags_i  | this step's flags          (sticky down the column)
//   events_q <= events_i | this step's LBA events
//   w_q      <= load_i ? w_i : w_q                    (w_o = w_q: load chain)
//
// No combinational path crosses a PE: every output is a register.  The
// mg_fmac parameters are those `macgen rtl mac` derives for the same formats.
//
// Pipe = N puts mg_fmac's N register stages (its cut points) between the
// inputs and psum_q: psum_o, flags_o and events_o then belong to the psum_i,
// flags_i, events_i and a_i of N + 1 cycles before (flags_i and events_i are
// delayed N cycles to meet this step's flags), while a_o still follows a_i
// by one cycle (docs/mac_array.md: the row skew grows to N + 1 cycles a row).
// Flags = 0 / Events = 0: no flags_q / events_q registers and no flag / event
// logic (the outputs are 0 and the inputs unused).
`default_nettype none

module mg_mac_array_pe #(
  parameter integer ExpBitsW = 3, FracBitsW = 4, BiasW = 3, SpecialsW = 2, SubW = 0,
  parameter integer ExpBitsA = 3, FracBitsA = 4, BiasA = 3, SpecialsA = 2, SubA = 0,
  parameter integer ExpBitsP = 4, FracBitsP = 7, BiasP = 7, SpecialsP = 2, SubP = 0,
  parameter integer ExpBitsC = 4, FracBitsC = 7, BiasC = 7, SpecialsC = 2, SubC = 0,
  parameter integer Mode     = 0,  // 0 rtz, 1 rne (sr is not offered in the array)
  parameter integer OvfSat   = 0,
  parameter integer NormP    = 0,
  parameter integer NormC    = 0,
  parameter integer ExpWidth = 12,
  parameter integer Pipe     = 0,  // mg_fmac register stages: PE latency Pipe + 1
  parameter integer Flags    = 1,  // 0: no flags_q (flags_o = 0)
  parameter integer Events   = 1   // 0: no events_q (events_o = 0)
) (
  input  wire                        clk_i,
  input  wire                        rst_ni,
  input  wire                        load_i,    // shift the weight chain down one row
  input  wire [ExpBitsW+FracBitsW:0] w_i,       // weight from the PE above (or the input)
  output wire [ExpBitsW+FracBitsW:0] w_o,       // this PE's weight, to the PE below
  input  wire [ExpBitsA+FracBitsA:0] a_i,       // activation from the left
  output wire [ExpBitsA+FracBitsA:0] a_o,       // activation, one cycle later, to the right
  input  wire [ExpBitsC+FracBitsC:0] psum_i,    // running sum from above
  input  wire [4:0]                  flags_i,
  input  wire [2:0]                  events_i,
  output wire [ExpBitsC+FracBitsC:0] psum_o,    // running sum including this row, registered
  output wire [4:0]                  flags_o,
  output wire [2:0]                  events_o
);
  localparam integer WW = ExpBitsW + FracBitsW + 1;
  localparam integer AW = ExpBitsA + FracBitsA + 1;
  localparam integer CW = ExpBitsC + FracBitsC + 1;

  reg [WW-1:0] w_q;
  reg [AW-1:0] a_q;
  reg [CW-1:0] psum_q;

  wire [CW-1:0] step_res;
  wire [4:0]    step_flags;
  wire [2:0]    step_events;
  mg_fmac #(
    .ExpBitsW (ExpBitsW), .FracBitsW (FracBitsW), .BiasW (BiasW), .SpecialsW (SpecialsW), .SubW (SubW),
    .ExpBitsA (ExpBitsA), .FracBitsA (FracBitsA), .BiasA (BiasA), .SpecialsA (SpecialsA), .SubA (SubA),
    .ExpBitsP (ExpBitsP), .FracBitsP (FracBitsP), .BiasP (BiasP), .SpecialsP (SpecialsP), .SubP (SubP),
    .ExpBitsC (ExpBitsC), .FracBitsC (FracBitsC), .BiasC (BiasC), .SpecialsC (SpecialsC), .SubC (SubC),
    .Fused (0), .Mode (Mode), .RBits (1), .OvfSat (OvfSat), .NormP (NormP), .NormC (NormC),
    .Pipe (Pipe), .ExpWidth (ExpWidth)
  ) u_mac (
    .clk_i (clk_i), .w_i (w_q), .a_i (a_i), .acc_i (psum_i), .rand_i (1'b0),
    .res_o (step_res), .flags_o (step_flags), .events_o (step_events)
  );

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      w_q      <= {WW{1'b0}};
      a_q      <= {AW{1'b0}};
      psum_q   <= {CW{1'b0}};
    end else begin
      if (load_i) begin
        w_q <= w_i;
      end
      a_q      <= a_i;
      psum_q   <= step_res;
    end
  end

  assign w_o      = w_q;
  assign a_o      = a_q;
  assign psum_o   = psum_q;

  // Sticky flags and events: the column's, delayed to meet this step's.
  mg_sticky_or #(.Width (5), .Stages (Pipe), .On (Flags)) u_flags (
    .clk_i (clk_i), .rst_ni (rst_ni), .col_i (flags_i), .step_i (step_flags), .q_o (flags_o)
  );
  mg_sticky_or #(.Width (3), .Stages (Pipe), .On (Events)) u_events (
    .clk_i (clk_i), .rst_ni (rst_ni), .col_i (events_i), .step_i (step_events), .q_o (events_o)
  );
endmodule

`default_nettype wire
