// mg_mac_array: the weight-stationary float MAC array, Rows x Cols
// mg_mac_array_pe, with the grid and dataflow of mg_hbfp_array (docs/spec/hbfp.md
// section 4) so that array densities compare like with like.  The protocol
// is a fixed schedule, documented in docs/mac_array.md; in short, for a
// wavefront (one row x of X against the loaded K-slice) started in cycle t,
// with the PE latency L = Pipe + 1 (Pipe register stages in each PE's MAC):
//   a_i[k]                   in cycle t + k*L         (row skew)
//   acc_i[c]                 in cycle t + c           (enters at the top)
//   acc_o[c], flags_o[c],
//   events_o[c]              in cycle t + Rows*L + c, with valid_o[c] high
// acc_o[c] is the unfused MAC chain down column c, in row order, starting
// from acc_i[c]; flags and events are ORed down the column (Flags = 0,
// Events = 0: the PEs have no flag or event logic and the outputs are 0).
// A new wavefront may start every cycle, whatever Pipe.  Weights: Rows
// cycles of load_w_i shift w_i in at the top (bottom row first); load only
// when the array is drained (the last result out, Rows*L + Cols - 1 cycles
// after the last wavefront's start).
// Vectors are flat: row k's activation is a_i[k*AW +: AW], column c's
// weight w_i[c*WW +: WW], its result acc_o[c*CW +: CW].
`default_nettype none

module mg_mac_array #(
  parameter integer Rows     = 4,
  parameter integer Cols     = 4,
  parameter integer ExpBitsW = 3, FracBitsW = 4, BiasW = 3, SpecialsW = 2, SubW = 0,
  parameter integer ExpBitsA = 3, FracBitsA = 4, BiasA = 3, SpecialsA = 2, SubA = 0,
  parameter integer ExpBitsP = 4, FracBitsP = 7, BiasP = 7, SpecialsP = 2, SubP = 0,
  parameter integer ExpBitsC = 4, FracBitsC = 7, BiasC = 7, SpecialsC = 2, SubC = 0,
  parameter integer Mode     = 0,
  parameter integer OvfSat   = 0,
  parameter integer NormP    = 0,
  parameter integer NormC    = 0,
  parameter integer ExpWidth = 12,
  parameter integer Pipe     = 0,  // register stages in each PE's MAC
  parameter integer Flags    = 1,
  parameter integer Events   = 1
) (
  input  wire                                 clk_i,
  input  wire                                 rst_ni,
  input  wire                                 load_w_i,
  input  wire [Cols*(ExpBitsW+FracBitsW+1)-1:0] w_i,
  input  wire                                 valid_i,
  input  wire [Rows*(ExpBitsA+FracBitsA+1)-1:0] a_i,
  input  wire [Cols*(ExpBitsC+FracBitsC+1)-1:0] acc_i,
  output wire [Cols*(ExpBitsC+FracBitsC+1)-1:0] acc_o,
  output wire [Cols*5-1:0]                    flags_o,
  output wire [Cols*3-1:0]                    events_o,
  output wire [Cols-1:0]                      valid_o
);
  localparam integer WW     = ExpBitsW + FracBitsW + 1;
  localparam integer AW     = ExpBitsA + FracBitsA + 1;
  localparam integer CW     = ExpBitsC + FracBitsC + 1;
  localparam integer VDepth = Rows * (Pipe + 1) + Cols - 1;

  // PE outputs, flat, index (k*Cols + c).
  wire [Rows*Cols*WW-1:0] w_q;
  wire [Rows*Cols*AW-1:0] a_q;
  wire [Rows*Cols*CW-1:0] psum_q;
  wire [Rows*Cols*5-1:0]  flags_q;
  wire [Rows*Cols*3-1:0]  events_q;

  genvar k, c;
  generate
    for (k = 0; k < Rows; k = k + 1) begin : gen_row
      for (c = 0; c < Cols; c = c + 1) begin : gen_col
        wire [WW-1:0] w_in;
        wire [AW-1:0] a_in;
        wire [CW-1:0] psum_in;
        wire [4:0]    flags_in;
        wire [2:0]    events_in;
        if (k == 0) begin : gen_top
          assign w_in      = w_i[c*WW +: WW];
          assign psum_in   = acc_i[c*CW +: CW];
          assign flags_in  = 5'b00000;
          assign events_in = 3'b000;
        end else begin : gen_chain
          assign w_in      = w_q[((k-1)*Cols + c)*WW +: WW];
          assign psum_in   = psum_q[((k-1)*Cols + c)*CW +: CW];
          assign flags_in  = flags_q[((k-1)*Cols + c)*5 +: 5];
          assign events_in = events_q[((k-1)*Cols + c)*3 +: 3];
        end
        if (c == 0) begin : gen_a_left
          assign a_in = a_i[k*AW +: AW];
        end else begin : gen_a_chain
          assign a_in = a_q[(k*Cols + c - 1)*AW +: AW];
        end
        mg_mac_array_pe #(
          .ExpBitsW (ExpBitsW), .FracBitsW (FracBitsW), .BiasW (BiasW), .SpecialsW (SpecialsW), .SubW (SubW),
          .ExpBitsA (ExpBitsA), .FracBitsA (FracBitsA), .BiasA (BiasA), .SpecialsA (SpecialsA), .SubA (SubA),
          .ExpBitsP (ExpBitsP), .FracBitsP (FracBitsP), .BiasP (BiasP), .SpecialsP (SpecialsP), .SubP (SubP),
          .ExpBitsC (ExpBitsC), .FracBitsC (FracBitsC), .BiasC (BiasC), .SpecialsC (SpecialsC), .SubC (SubC),
          .Mode (Mode), .OvfSat (OvfSat), .NormP (NormP), .NormC (NormC), .ExpWidth (ExpWidth),
          .Pipe (Pipe), .Flags (Flags), .Events (Events)
        ) u_pe (
          .clk_i    (clk_i),
          .rst_ni   (rst_ni),
          .load_i   (load_w_i),
          .w_i      (w_in),
          .w_o      (w_q[(k*Cols + c)*WW +: WW]),
          .a_i      (a_in),
          .a_o      (a_q[(k*Cols + c)*AW +: AW]),
          .psum_i   (psum_in),
          .flags_i  (flags_in),
          .events_i (events_in),
          .psum_o   (psum_q[(k*Cols + c)*CW +: CW]),
          .flags_o  (flags_q[(k*Cols + c)*5 +: 5]),
          .events_o (events_q[(k*Cols + c)*3 +: 3])
        );
      end
    end

    for (c = 0; c < Cols; c = c + 1) begin : gen_out
      assign acc_o[c*CW +: CW]  = psum_q[((Rows-1)*Cols + c)*CW +: CW];
      assign flags_o[c*5 +: 5]  = flags_q[((Rows-1)*Cols + c)*5 +: 5];
      assign events_o[c*3 +: 3] = events_q[((Rows-1)*Cols + c)*3 +: 3];
    end
  endgenerate

  // ---- valid_o: valid_i delayed by Rows*L + c cycles for column c (the
  // array's only logic outside its PEs: VDepth flip-flops).
  mg_valid_delay #(
    .Depth (VDepth), .Taps (Cols)
  ) u_valid_delay (
    .clk_i (clk_i), .rst_ni (rst_ni), .valid_i (valid_i), .valid_o (valid_o)
  );
  // Bits of the chains that leave the grid: the bottom weights, the rightmost
  // activations, the sums of rows above the last.
  wire unused_ok = &{1'b0, w_q, a_q, psum_q, flags_q, events_q, 1'b0};

`ifdef MG_CHECK_PROTOCOL
  // ---- Simulation-only protocol checks (docs/mac_array.md, "Rules"):
  // compiled only with MG_CHECK_PROTOCOL defined (synthesis never is;
  // `macgen verify` defines it).  Cycles count from the release of rst_ni.
  integer chk_cycle;  // this cycle
  integer chk_last_v; // the last cycle with valid_i high (before this one)
  integer chk_nw;     // load_w_i cycles since the last wavefront
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      chk_cycle  <= 0;
      chk_last_v <= -VDepth;  // drained
      chk_nw     <= 0;
    end else begin
      // Rule 2: a load only in a drained array, i.e. from the cycle the last
      // wavefront's valid_o[Cols-1] is high.
      if (load_w_i && (valid_i || chk_cycle < chk_last_v + VDepth))
        $error("protocol: load_w_i in cycle %0d, the wavefront of cycle %0d in flight: load from cycle %0d on",
               chk_cycle, valid_i ? chk_cycle : chk_last_v, (valid_i ? chk_cycle : chk_last_v) + VDepth);
      // Rule 1: a load is Rows load_w_i cycles (or none) between two streams.
      if (valid_i && chk_nw != 0 && chk_nw != Rows)
        $error("protocol: wavefront in cycle %0d after %0d load_w_i cycles: a load takes %0d", chk_cycle,
               chk_nw, Rows);
      chk_cycle <= chk_cycle + 1;
      if (valid_i) begin
        chk_last_v <= chk_cycle;
        chk_nw     <= 0;
      end else if (load_w_i) begin
        chk_nw <= chk_nw + 1;
      end
    end
  end
`endif
endmodule

`default_nettype wire
